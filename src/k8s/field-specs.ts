/**
 * Where Kustomize's built-in transforms write: the fields that take common labels and
 * annotations, the kinds that hold replicas, the kinds that keep their names under a prefix,
 * and the kinds that live outside namespaces. Facts checked against `kubectl kustomize`
 * (Kustomize v5.5.0).
 *
 * DO NOT CHANGE these tables without checking the result against `kubectl kustomize`: users'
 * rendered output depends on them byte for byte.
 */
import { parseApiVersion } from './object.ts';

/**
 * A field in objects of some kinds. `path` walks maps by key; an array on the way is walked
 * element by element (Kustomize's implicit `[]`).
 */
export interface FieldSpec {
  /** Kind the field belongs to; every kind when unset. */
  kind?: string;
  /** API group the kind must be in (`''` for the core group); any group when unset. */
  group?: string;
  /** API version the kind must have; any version when unset. */
  version?: string;
  path: readonly string[];
  /** Create the missing maps on the way; when false, only existing fields change. */
  create: boolean;
}

const p = (s: string): string[] => s.split('/');
const spec = (path: string, create: boolean, kind?: string, group?: string): FieldSpec => ({
  path: p(path),
  create,
  ...(kind === undefined ? {} : { kind }),
  ...(group === undefined ? {} : { group }),
});

/** True when `fs` applies to an object with this apiVersion and kind. */
export function fieldSpecApplies(fs: FieldSpec, obj: { apiVersion: string; kind: string }): boolean {
  if (fs.kind !== undefined && fs.kind !== obj.kind) return false;
  if (fs.group === undefined && fs.version === undefined) return true;
  const { group, version } = parseApiVersion(obj.apiVersion);
  return (fs.group === undefined || fs.group === group) && (fs.version === undefined || fs.version === version);
}

const AFFINITY_SELECTORS = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

/** Label fields of pod and claim templates (Kustomize `labels[].includeTemplates`). */
export const LABEL_TEMPLATE_FIELDS: readonly FieldSpec[] = [
  spec('spec/template/metadata/labels', true, 'ReplicationController', ''),
  spec('spec/template/metadata/labels', true, 'Deployment'),
  spec('spec/template/metadata/labels', true, 'ReplicaSet'),
  spec('spec/template/metadata/labels', true, 'DaemonSet'),
  spec('spec/template/metadata/labels', true, 'StatefulSet', 'apps'),
  spec('spec/volumeClaimTemplates/metadata/labels', true, 'StatefulSet', 'apps'),
  spec('spec/template/metadata/labels', true, 'Job', 'batch'),
  spec('spec/jobTemplate/metadata/labels', true, 'CronJob', 'batch'),
  spec('spec/jobTemplate/spec/template/metadata/labels', true, 'CronJob', 'batch'),
];

/** Selector fields that common labels also go to (Kustomize `labels[].includeSelectors`). */
export const LABEL_SELECTOR_FIELDS: readonly FieldSpec[] = [
  spec('spec/selector', true, 'Service', ''),
  spec('spec/selector', true, 'ReplicationController', ''),
  spec('spec/selector/matchLabels', true, 'Deployment'),
  ...AFFINITY_SELECTORS.map((s) => spec(s, false, 'Deployment', 'apps')),
  spec('spec/selector/matchLabels', true, 'ReplicaSet'),
  spec('spec/selector/matchLabels', true, 'DaemonSet'),
  spec('spec/selector/matchLabels', true, 'StatefulSet', 'apps'),
  ...AFFINITY_SELECTORS.map((s) => spec(s, false, 'StatefulSet', 'apps')),
  spec('spec/selector/matchLabels', false, 'Job', 'batch'),
  spec('spec/jobTemplate/spec/selector/matchLabels', false, 'CronJob', 'batch'),
  spec('spec/selector/matchLabels', false, 'PodDisruptionBudget', 'policy'),
  spec('spec/podSelector/matchLabels', false, 'NetworkPolicy', 'networking.k8s.io'),
  spec('spec/ingress/from/podSelector/matchLabels', false, 'NetworkPolicy', 'networking.k8s.io'),
  spec('spec/egress/to/podSelector/matchLabels', false, 'NetworkPolicy', 'networking.k8s.io'),
];

/** `metadata.labels` of every object. */
export const LABEL_METADATA_FIELDS: readonly FieldSpec[] = [spec('metadata/labels', true)];

/**
 * Fields common annotations go to: every object's metadata and the pod and job templates,
 * not the claim templates of a StatefulSet.
 */
export const ANNOTATION_FIELDS: readonly FieldSpec[] = [
  spec('metadata/annotations', true),
  ...LABEL_TEMPLATE_FIELDS.filter((fs) => fs.path[1] !== 'volumeClaimTemplates').map((fs) => ({
    ...fs,
    path: [...fs.path.slice(0, -1), 'annotations'],
  })),
];

/** Kinds whose `spec.replicas` the `replicas` transform sets (created when missing). */
export const REPLICA_KINDS: readonly string[] = ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet'];

/** Kinds a name prefix or suffix leaves alone (group `*` = any group). */
export const NAME_AFFIX_SKIPPED: readonly { kind: string; group: string }[] = [
  { kind: 'CustomResourceDefinition', group: '*' },
  { kind: 'APIService', group: 'apiregistration.k8s.io' },
  { kind: 'Namespace', group: '' },
];

/** Built-in kinds that are not namespaced, by API group. */
export const CLUSTER_SCOPED_KINDS: Readonly<Record<string, readonly string[]>> = {
  '': ['ComponentStatus', 'Namespace', 'Node', 'PersistentVolume'],
  'admissionregistration.k8s.io': ['MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration'],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'authentication.k8s.io': ['SelfSubjectReview', 'TokenReview'],
  'authorization.k8s.io': ['SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  'certificates.k8s.io': ['CertificateSigningRequest', 'ClusterTrustBundle'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'networking.k8s.io': ['IngressClass', 'IPAddress', 'ServiceCIDR'],
  'node.k8s.io': ['RuntimeClass'],
  policy: ['PodSecurityPolicy'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding'],
  'resource.k8s.io': ['DeviceClass', 'ResourceSlice'],
  'scheduling.k8s.io': ['PriorityClass'],
  'storage.k8s.io': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
  'storagemigration.k8s.io': ['StorageVersionMigration'],
};

/** True for a built-in cluster-scoped kind; custom kinds count as namespaced, as in Kustomize. */
export function isClusterScoped(obj: { apiVersion: string; kind: string }): boolean {
  return isClusterScopedKind(parseApiVersion(obj.apiVersion).group, obj.kind);
}

/** True for a built-in cluster-scoped kind of API group `group` (`''` for the core group). */
export function isClusterScopedKind(group: string, kind: string): boolean {
  return CLUSTER_SCOPED_KINDS[group]?.includes(kind) ?? false;
}

/** Longest `metadata.name` the API server accepts: DNS labels for some kinds, subdomains for the rest. */
export function maxNameLength(kind: string): number {
  return kind === 'Service' || kind === 'Namespace' ? 63 : 253;
}
