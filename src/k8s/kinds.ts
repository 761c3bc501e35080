/**
 * Kind names of the built-in kinds mapped to their `kubernetes-types` interfaces, so a patch or
 * a target written as `'Deployment'` is typed as a Deployment.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { ConfigMap, Endpoints, LimitRange, Namespace, PersistentVolume, PersistentVolumeClaim, Pod, ResourceQuota, Secret, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1';
import type { MutatingWebhookConfiguration, ValidatingWebhookConfiguration } from 'kubernetes-types/admissionregistration/v1';

/** Built-in kind name → its object type. */
export interface KindMap {
  ClusterRole: ClusterRole;
  ClusterRoleBinding: ClusterRoleBinding;
  ConfigMap: ConfigMap;
  CronJob: CronJob;
  CustomResourceDefinition: CustomResourceDefinition;
  DaemonSet: DaemonSet;
  Deployment: Deployment;
  Endpoints: Endpoints;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  Ingress: Ingress;
  IngressClass: IngressClass;
  Job: Job;
  LimitRange: LimitRange;
  MutatingWebhookConfiguration: MutatingWebhookConfiguration;
  Namespace: Namespace;
  NetworkPolicy: NetworkPolicy;
  PersistentVolume: PersistentVolume;
  PersistentVolumeClaim: PersistentVolumeClaim;
  Pod: Pod;
  PodDisruptionBudget: PodDisruptionBudget;
  PriorityClass: PriorityClass;
  ReplicaSet: ReplicaSet;
  ResourceQuota: ResourceQuota;
  Role: Role;
  RoleBinding: RoleBinding;
  Secret: Secret;
  Service: Service;
  ServiceAccount: ServiceAccount;
  StatefulSet: StatefulSet;
  StorageClass: StorageClass;
  ValidatingWebhookConfiguration: ValidatingWebhookConfiguration;
}

/** An object that is not one of the built-in kinds (a custom resource). */
export interface CustomObject {
  apiVersion?: string;
  kind?: string;
  metadata?: import('kubernetes-types/meta/v1').ObjectMeta;
  [field: string]: unknown;
}

/** Any object an environment's transform sees: a built-in kind (narrow it on `kind`) or a custom resource. */
export type AnyObject = KindMap[keyof KindMap] | CustomObject;

/** A built-in kind name. */
export type KnownKind = keyof KindMap;

/** The object type of a kind name; any other kind (a custom resource) is a generic object. */
export type ObjectOfKind<K extends string> = K extends KnownKind ? KindMap[K] : { apiVersion: string; kind: string; metadata?: { name?: string }; [field: string]: unknown };
