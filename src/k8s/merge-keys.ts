/**
 * How each field of the built-in Kubernetes kinds merges under a strategic merge patch.
 *
 * A tiny view of the type graph: a kind maps to its root type; a type lists its fields, each with
 * the type of its value, whether it is a list or a string-keyed map, and the list's patch
 * strategy and merge key. The strategies are the Kubernetes API's own facts (`patchStrategy` /
 * `patchMergeKey` in k8s.io/api, `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key`
 * in its OpenAPI); a list field without one is replaced wholesale by a patch. The kinds and
 * field lists come from the generated type graph of the default Kubernetes version
 * (schema/graph.ts, scripts/gen-k8s-versions.mjs), the one schema validation reads too, so a
 * patch can be checked for fields its kind does not have. The graph also carries the upstream
 * patch strategies (`patch`); this table stays hand-written because Kustomize merges by the
 * facts of its own built-in schema, not those of the newest Kubernetes.
 */
import { DEFAULT_TYPE_GRAPH, propsOf, type PropSpec } from './schema/graph.ts';
import { compareCodeUnits } from '../util/code-unit.ts';

/** How a patch combines a field with the target's value (Kubernetes `patchStrategy`). */
export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

/** One field of a type in the graph. */
export interface FieldInfo {
  name: string;
  /** The type id of the value (of each element for a list or map); absent for scalars and opaque values. */
  type?: string;
  /** The value is a list. */
  list: boolean;
  /** The value is a map with free keys (labels, data, ...); `type` then describes each value. */
  map: boolean;
  /** The patch strategy; absent means the Kubernetes default (maps merge, lists are replaced). */
  strategy?: PatchStrategy;
  /** The merge key of a list merged by key (e.g. `name` for containers). */
  mergeKey?: string;
}

/**
 * Patch strategy and merge key per `type.field`, as `strategy` or `strategy:mergeKey`.
 * DO NOT CHANGE without checking the Kubernetes API: Kustomize users rely on these merges.
 */
const STRATEGIES: Record<string, string> = {
  'meta/v1.ObjectMeta.finalizers': 'merge',
  'meta/v1.ObjectMeta.ownerReferences': 'merge:uid',
  'core/v1.PodSpec.containers': 'merge:name',
  'core/v1.PodSpec.initContainers': 'merge:name',
  'core/v1.PodSpec.ephemeralContainers': 'merge:name',
  'core/v1.PodSpec.volumes': 'merge,retainKeys:name',
  'core/v1.PodSpec.imagePullSecrets': 'merge:name',
  'core/v1.PodSpec.hostAliases': 'merge:ip',
  'core/v1.PodSpec.topologySpreadConstraints': 'merge:topologyKey',
  'core/v1.PodSpec.schedulingGates': 'merge:name',
  'core/v1.PodSpec.resourceClaims': 'merge,retainKeys:name',
  'core/v1.Container.env': 'merge:name',
  'core/v1.Container.ports': 'merge:containerPort',
  'core/v1.Container.volumeMounts': 'merge:mountPath',
  'core/v1.Container.volumeDevices': 'merge:devicePath',
  'core/v1.EphemeralContainer.env': 'merge:name',
  'core/v1.EphemeralContainer.ports': 'merge:containerPort',
  'core/v1.EphemeralContainer.volumeMounts': 'merge:mountPath',
  'core/v1.EphemeralContainer.volumeDevices': 'merge:devicePath',
  'core/v1.ServiceSpec.ports': 'merge:port',
  'core/v1.ServiceStatus.conditions': 'merge:type',
  'core/v1.ServiceAccount.secrets': 'merge:name',
  'core/v1.PodStatus.conditions': 'merge:type',
  'core/v1.PodStatus.podIPs': 'merge:ip',
  'core/v1.PodStatus.hostIPs': 'merge:ip',
  'core/v1.PodStatus.resourceClaimStatuses': 'merge,retainKeys:name',
  'core/v1.NodeSpec.podCIDRs': 'merge',
  'core/v1.NodeStatus.addresses': 'merge:type',
  'core/v1.NodeStatus.conditions': 'merge:type',
  'core/v1.NamespaceStatus.conditions': 'merge:type',
  'core/v1.PersistentVolumeClaimStatus.conditions': 'merge:type',
  'core/v1.ReplicationControllerStatus.conditions': 'merge:type',
  'core/v1.ComponentStatus.conditions': 'merge:type',
  'apps/v1.DeploymentSpec.strategy': 'retainKeys',
  'apps/v1.DeploymentStatus.conditions': 'merge:type',
  'apps/v1.ReplicaSetStatus.conditions': 'merge:type',
  'apps/v1.DaemonSetStatus.conditions': 'merge:type',
  'apps/v1.StatefulSetStatus.conditions': 'merge:type',
  'batch/v1.JobStatus.conditions': 'merge:type',
  'policy/v1.PodDisruptionBudgetSpec.selector': 'replace',
  'policy/v1.PodDisruptionBudgetStatus.conditions': 'merge:type',
  'autoscaling/v2.HorizontalPodAutoscalerStatus.conditions': 'merge:type',
  'admissionregistration/v1.MutatingWebhookConfiguration.webhooks': 'merge:name',
  'admissionregistration/v1.ValidatingWebhookConfiguration.webhooks': 'merge:name',
  'admissionregistration/v1.MutatingWebhook.matchConditions': 'merge:name',
  'admissionregistration/v1.ValidatingWebhook.matchConditions': 'merge:name',
  'admissionregistration/v1.ValidatingAdmissionPolicySpec.matchConditions': 'merge:name',
  'admissionregistration/v1.ValidatingAdmissionPolicySpec.variables': 'merge:name',
  'admissionregistration/v1beta1.ValidatingAdmissionPolicySpec.matchConditions': 'merge:name',
  'admissionregistration/v1beta1.ValidatingAdmissionPolicySpec.variables': 'merge:name',
  'admissionregistration/v1alpha1.ValidatingAdmissionPolicySpec.matchConditions': 'merge:name',
  'admissionregistration/v1alpha1.ValidatingAdmissionPolicySpec.variables': 'merge:name',
  'flowcontrol/v1.FlowSchemaStatus.conditions': 'merge:type',
  'flowcontrol/v1.PriorityLevelConfigurationStatus.conditions': 'merge:type',
  'flowcontrol/v1beta3.FlowSchemaStatus.conditions': 'merge:type',
  'flowcontrol/v1beta3.PriorityLevelConfigurationStatus.conditions': 'merge:type',
  'networking/v1alpha1.ServiceCIDRStatus.conditions': 'merge:type',
  'resource/v1alpha2.ResourceClaimStatus.reservedFor': 'merge:uid',
};

const parsed = new Map<string, ReadonlyMap<string, FieldInfo>>();

// Only a plain reference (`#core/v1.Container`, `[]#...`, `{}#...`) gives a field a type: unions
// (JSONSchemaProps.items), nested lists and scalars are values a patch replaces as a whole.
function fieldInfo(typeId: string, prop: PropSpec): FieldInfo {
  const list = prop.type.startsWith('[]');
  const map = prop.type.startsWith('{}');
  const value = list || map ? prop.type.slice(2) : prop.type;
  const info: FieldInfo = { name: prop.name, list, map };
  if (value.startsWith('#') && !value.includes('|')) info.type = value.slice(1);
  const strategy = STRATEGIES[`${typeId}.${prop.name}`];
  if (strategy) {
    const [s, key] = strategy.split(':');
    info.strategy = s as PatchStrategy;
    if (key) info.mergeKey = key;
  }
  return info;
}

/** The fields of a type id (e.g. `core/v1.Container`), or undefined for a type outside the graph. */
export function fieldsOf(typeId: string): ReadonlyMap<string, FieldInfo> | undefined {
  const cached = parsed.get(typeId);
  if (cached) return cached;
  const props = propsOf(DEFAULT_TYPE_GRAPH, typeId);
  if (props === undefined) return undefined;
  const fields = new Map(props.map((p) => [p.name, fieldInfo(typeId, p)] as const));
  parsed.set(typeId, fields);
  return fields;
}

/** One field of a type, or undefined when the type has no such field or is outside the graph. */
export function fieldOf(typeId: string, field: string): FieldInfo | undefined {
  return fieldsOf(typeId)?.get(field);
}

/**
 * The root type id of a built-in kind (e.g. `apps/v1.Deployment` for `apps/v1` `Deployment`),
 * or undefined for a kind the default Kubernetes version does not define (custom resources).
 */
export function rootTypeOf(obj: { apiVersion: string; kind: string }): string | undefined {
  const key = `${obj.apiVersion} ${obj.kind}`;
  return Object.hasOwn(DEFAULT_TYPE_GRAPH.kinds, key) ? DEFAULT_TYPE_GRAPH.kinds[key] : undefined;
}

/** Every built-in kind in the graph as `apiVersion Kind`, sorted by code unit. */
export function builtInKinds(): string[] {
  return Object.keys(DEFAULT_TYPE_GRAPH.kinds).sort(compareCodeUnits);
}

/**
 * The field at a path below a kind's root (list indexes and map keys are skipped over), or
 * undefined when the kind or a field on the way is unknown.
 * @example fieldAt({ apiVersion: 'apps/v1', kind: 'Deployment' }, ['spec', 'template', 'spec', 'containers'])
 */
export function fieldAt(obj: { apiVersion: string; kind: string }, path: readonly (string | number)[]): FieldInfo | undefined {
  let typeId = rootTypeOf(obj);
  let field: FieldInfo | undefined;
  let skip = false;
  for (const part of path) {
    if (skip) {
      skip = false;
      continue;
    }
    if (typeof part === 'number') continue;
    if (typeId === undefined) return undefined;
    field = fieldOf(typeId, part);
    if (!field) return undefined;
    typeId = field.type;
    skip = field.map;
  }
  return field;
}
