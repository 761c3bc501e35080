/**
 * kasane: typed Kubernetes manifests. Components build plain Kubernetes objects from typed
 * values; environments layer values, patches and transforms over a shared base; the renderer
 * writes deterministic YAML for GitOps.
 *
 * Every export is listed by name, grouped by stage.
 * @packageDocumentation
 */

// Errors and findings
export { KasaneError, isKasaneError, formatPath } from './errors.ts';
export type { Finding, Severity, SourceLocation, ObjectRef, FieldPath } from './errors.ts';

// Objects
export type { KObject, Gvk } from './k8s/object.ts';
export type { Resource, ProvenanceStep } from './k8s/resource.ts';
export type { KindMap, KnownKind, ObjectOfKind, AnyObject, CustomObject } from './k8s/kinds.ts';

// Project: components, environments, patches, config
export { z } from 'zod';
export { defineComponent } from './define/component.ts';
export type { Component, ComponentProps, ComponentUse, BuildContext, BuildOutput, DeepPartial } from './project/component.ts';
export { defineEnvironment } from './define/environment.ts';
export type { Environment, EnvironmentProps, Transform, TransformContext } from './project/environment.ts';
export { configMapGenerator, secretGenerator } from './define/generators.ts';
export type { GeneratorProps } from './project/generator.ts';
export { patch, strategicMerge, jsonPatch } from './define/patch.ts';
export type { Patch, PatchTarget, PatchOptions, JsonPatchOp } from './project/patch.ts';
export type { StrategicMergeBody } from './project/patch-body.ts';
export type { OverlayOptions, LabelsEntry, ImageOverride, ReplicaOverride } from './project/overlay-options.ts';
export type { GeneratorSpec } from './project/generator.ts';
export { defineConfig } from './define/config.ts';
export type { ProjectConfig } from './project/config.ts';

// Builders
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

// Secrets
export { secretValue } from './secrets/secret-value.ts';
export type { SecretRef, FromFileOptions } from './secrets/secret-value.ts';
export { sealedSecret } from './secrets/sealed-secret.ts';
export type { SealedSecret, SealedSecretProps } from './secrets/sealed-secret.ts';
export type { SealingScope } from './secrets/hybrid-encrypt.ts';
export { externalSecret } from './secrets/external-secret.ts';
export type { ExternalSecret, ExternalSecretProps, ExternalSecretData, ExternalSecretDataFrom, ExternalSecretRemoteRef, ExternalSecretTarget, SecretStoreRef } from './secrets/external-secret.ts';
export { resolveSecretRefs, listSecretRefs } from './secrets/resolve-refs.ts';
export type { SecretSources, SecretNeeds } from './secrets/resolve-refs.ts';
export type { SecretPlaceholder, MissingSecretSource } from './secrets/placeholders.ts';
export { sealSecrets } from './secrets/seal-secrets.ts';
export type { SealOptions } from './secrets/seal-secrets.ts';
export { redactObject, redactSecrets, redactForDiff, redactYaml, scrubSecretValues, REDACTED, CHANGED } from './secrets/redact.ts';

// Validation
export { validate, sortFindings, validateSchema, validateReferences, validatePolicies } from './validate/index.ts';
export type { ValidateOptions, SchemaOptions, ReferenceOptions, PolicyOptions } from './validate/index.ts';
export { DEFAULT_POLICY_SEVERITY, POLICY_RULES, POLICY_ANNOTATION_PREFIX } from './project/policy.ts';
export type { PolicyOverride, PolicyRule, PolicySeverity, ExternalRef } from './project/policy.ts';

// Code generation (kasane import-crd)
export { generateImports } from './codegen/generate.ts';
export { readCrd } from './codegen/crd-input.ts';
export type { GeneratedFile, GenerateOptions, GeneratedImports } from './codegen/generate.ts';
export type { CrdInput } from './codegen/crd-input.ts';

// Pipeline
export { render, renderableEnvironments } from './pipeline/render.ts';
export type { RenderResult } from './pipeline/render.ts';
export type { ProjectData, RenderOptions, SealSettings } from './pipeline/stage.ts';
export { loadProject } from './load/load-project.ts';
export { emitDocument, emitDocuments } from './render/emit.ts';
export { orderResources, emitEnvironment } from './render/emit-environment.ts';
export type { RenderedEnvironment } from './render/emit-environment.ts';
export { explain } from './tools/explain.ts';
export type { Explanation, ExplainOptions, ExplainStep, FieldHistory } from './tools/explain.ts';
export type { LoadedProject, LoadOptions } from './load/load-project.ts';
