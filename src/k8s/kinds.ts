/**
 * Kind names of the built-in kinds mapped to their interfaces (./api/, `kasane/api/...`), so a
 * patch or a target written as `'Deployment'` is typed as a Deployment.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from './api/apps/v1.ts';
import type { HorizontalPodAutoscaler } from './api/autoscaling/v2.ts';
import type { CronJob, Job } from './api/batch/v1.ts';
import type { ConfigMap, Endpoints, LimitRange, Namespace, PersistentVolume, PersistentVolumeClaim, Pod, ResourceQuota, Secret, Service, ServiceAccount } from './api/core/v1.ts';
import type { Ingress, IngressClass, NetworkPolicy } from './api/networking/v1.ts';
import type { PodDisruptionBudget } from './api/policy/v1.ts';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from './api/rbac/v1.ts';
import type { PriorityClass } from './api/scheduling/v1.ts';
import type { StorageClass } from './api/storage/v1.ts';
import type { CustomResourceDefinition } from './api/apiextensions/v1.ts';
import type { MutatingWebhookConfiguration, ValidatingWebhookConfiguration } from './api/admissionregistration/v1.ts';

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
  metadata?: import('./api/meta/v1.ts').ObjectMeta;
  [field: string]: unknown;
}

/** Any object an environment's transform sees: a built-in kind (narrow it on `kind`) or a custom resource. */
export type AnyObject = KindMap[keyof KindMap] | CustomObject;

/** A built-in kind name. */
export type KnownKind = keyof KindMap;

/** The object type of a kind name; any other kind (a custom resource) is a generic object. */
export type ObjectOfKind<K extends string> = K extends KnownKind ? KindMap[K] : { apiVersion: string; kind: string; metadata?: { name?: string }; [field: string]: unknown };
