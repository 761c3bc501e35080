/**
 * kasane's builders: small typed props in, plain objects of the Kubernetes types out (src/k8s/api/,
 * which users import as `kasane/api/<group>/<version>`).
 * @packageDocumentation
 */
export { configMap, dockerConfigSecret, namespace, secret, tlsSecret } from './config.ts';
export type { ConfigMapProps, DockerConfigSecretProps, NamespaceProps, SecretProps, TlsSecretProps } from './config.ts';
export { container, envVar, resourceRequirements } from './container.ts';
export type { ContainerProps, EnvValue, ResourceShorthand } from './container.ts';
export { exec, grpc, httpGet, tcpSocket } from './probes.ts';
export type { GrpcProbeTiming, ProbeTiming } from './probes.ts';
export { envFrom, envFromSource, fromConfigMap, fromField, fromSecret } from './refs.ts';
export type { EnvSource, KeyRefOptions } from './refs.ts';
export { emptyDir, hostPath, mount, volumeOfMount } from './volumes.ts';
export type { EmptyDirProps, HostPathProps, MountOptions, VolumeSource } from './volumes.ts';
export { NAME_LABEL } from './pod-template.ts';
export type { ContainerShorthand, PodTemplateProps } from './pod-template.ts';
export { containerPortsOf, podSelectorOf, podSpecOf } from './workload-info.ts';
export type { Workload } from './workload-info.ts';
export { daemonSet, deployment, pod, replicaSet, statefulSet } from './workloads.ts';
export type { DaemonSetProps, DeploymentProps, PodProps, ReplicaSetProps, RollingUpdateShorthand, StatefulSetProps, WorkloadProps } from './workloads.ts';
export { networkPolicy, service } from './networking.ts';
export type { NetworkPolicyProps, ServicePortProps, ServiceProps } from './networking.ts';
export { claimTemplate, persistentVolume, persistentVolumeClaim } from './storage.ts';
export type { ClaimTemplateProps, PersistentVolumeClaimProps, PersistentVolumeProps } from './storage.ts';
export type { MetaProps, StringMap } from './object-meta.ts';
export { cronJob, job } from './batch.ts';
export type { CronJobProps, JobProps, JobSpecProps } from './batch.ts';
export { ingress } from './ingress.ts';
export type { IngressBackendProps, IngressProps, IngressRouteProps, IngressTlsProps } from './ingress.ts';
export { clusterRole, clusterRoleBinding, role, roleBinding, serviceAccount } from './rbac.ts';
export type { ClusterRoleBindingProps, ClusterRoleProps, RoleBindingProps, RoleProps, ServiceAccountProps } from './rbac.ts';
export { horizontalPodAutoscaler } from './autoscaling.ts';
export type { HorizontalPodAutoscalerProps } from './autoscaling.ts';
export { podDisruptionBudget } from './policy.ts';
export type { PodDisruptionBudgetProps } from './policy.ts';
export { resource } from './resource.ts';
export type { ObjectShape } from './resource.ts';
