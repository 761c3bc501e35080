/**
 * kasane: typed Kubernetes manifests. Components build plain Kubernetes objects from typed
 * values; environments layer values, patches and transforms over a shared base; the renderer
 * writes deterministic YAML for GitOps.
 *
 * This entry point is what a project's own files use: declarations (components,
 * environments, patches, generators, config), builders and secret values. Running the pipeline
 * from code is `kasane/pipeline`; generating code from CRDs is `kasane/codegen`. Every export is
 * listed by name, grouped by what it is for.
 * @packageDocumentation
 */

// Components, environments, patches, generators, config
export { z } from 'zod';
export { defineComponent } from './define/component.ts';
export type { Component, ComponentProps, ComponentUse, ComponentFile, ComponentFilePaths, BuildContext, BuildOutput, DeepPartial } from './project/component.ts';
export { helmChart } from './define/chart.ts';
export type { HelmChartProps, ChartTypesInfo } from './project/chart-component.ts';
export type { HookPolicy } from './k8s/chart-provenance.ts';
export { defineEnvironment } from './define/environment.ts';
export type { Environment, EnvironmentProps, Transform, TransformContext } from './project/environment.ts';
export { defineFleet } from './define/fleet.ts';
export type { Fleet, FleetProps } from './project/fleet.ts';
export { defineGroup } from './define/group.ts';
export type { Group, GroupProps, GroupUse, GroupMember, GroupValues } from './project/group.ts';
export { defineMixin } from './define/mixin.ts';
export type { Mixin, MixinProps } from './project/mixin.ts';
export { configMapGenerator, secretGenerator } from './define/generators.ts';
export type { GeneratorSpec, GeneratorProps } from './project/generator.ts';
export { patch, strategicMerge, jsonPatch } from './define/patch.ts';
export type { Patch, PatchTarget, PatchOptions, JsonPatchOp } from './project/patch.ts';
export type { StrategicMergeBody } from './project/patch-body.ts';
export type { OverlayOptions, LevelOverlay, LabelsEntry, ImageOverride, ReplicaOverride } from './project/overlay-options.ts';
export { defineConfig } from './define/config.ts';
export type { ProjectConfig } from './project/config.ts';
export type { PolicyOverride, PolicyRule, PolicySeverity, ExternalRef } from './project/policy.ts';

// Objects
export type { KObject } from './k8s/object.ts';
export type { KindMap, KnownKind, ObjectOfKind, AnyObject, CustomObject } from './k8s/kinds.ts';

// Builders
// prettier-ignore
export {
  configMap, dockerConfigSecret, namespace, secret, tlsSecret,
  container, envVar, resourceRequirements,
  exec, grpc, httpGet, tcpSocket,
  envFrom, envFromSource, fromConfigMap, fromField, fromSecret,
  emptyDir, hostPath, mount, volumeOfMount,
  NAME_LABEL, containerPortsOf, podSelectorOf, podSpecOf,
  daemonSet, deployment, pod, replicaSet, statefulSet,
  networkPolicy, service,
  claimTemplate, persistentVolume, persistentVolumeClaim,
  cronJob, job,
  ingress,
  clusterRole, clusterRoleBinding, role, roleBinding, serviceAccount,
  horizontalPodAutoscaler,
  podDisruptionBudget,
  resource,
} from './builders/index.ts';
// prettier-ignore
export type {
  ConfigMapProps, DockerConfigSecretProps, NamespaceProps, SecretProps, TlsSecretProps,
  ContainerProps, EnvValue, ResourceShorthand, ProbeTiming, GrpcProbeTiming, EnvSource, KeyRefOptions,
  EmptyDirProps, HostPathProps, MountOptions, VolumeSource, ContainerShorthand, PodTemplateProps, Workload,
  DaemonSetProps, DeploymentProps, PodProps, ReplicaSetProps, RollingUpdateShorthand, StatefulSetProps, WorkloadProps,
  NetworkPolicyProps, ServicePortProps, ServiceProps, ClaimTemplateProps, PersistentVolumeClaimProps, PersistentVolumeProps,
  MetaProps, StringMap, CronJobProps, JobProps, JobSpecProps, IngressBackendProps, IngressProps, IngressRouteProps, IngressTlsProps,
  ClusterRoleBindingProps, ClusterRoleProps, RoleBindingProps, RoleProps, ServiceAccountProps,
  HorizontalPodAutoscalerProps, PodDisruptionBudgetProps, ObjectShape,
} from './builders/index.ts';

// Secret values
export { secretValue } from './secrets/secret-value.ts';
export type { SecretRef, FromFileOptions } from './secrets/secret-value.ts';
export { sealedSecret } from './secrets/sealed-secret.ts';
export type { SealedSecret, SealedSecretProps } from './secrets/sealed-secret.ts';
export type { SealingScope } from './secrets/hybrid-encrypt.ts';
export { externalSecret } from './secrets/external-secret.ts';
export type { ExternalSecret, ExternalSecretProps, ExternalSecretData, ExternalSecretDataFrom, ExternalSecretRemoteRef, ExternalSecretTarget, SecretStoreRef } from './secrets/external-secret.ts';

// Errors (builders and declarations throw them)
export { KasaneError, isKasaneError } from './errors.ts';
