/**
 * The order in which `kubectl kustomize` (Kustomize v5, "legacy" sort order) writes objects,
 * so a team coming from Kustomize sees no reordering diff.
 *
 * DO NOT CHANGE these lists without checking the result against `kubectl kustomize`: users'
 * committed output depends on them byte for byte.
 */
import { gvkOf, type KObject } from './object.ts';
import { compareCodeUnits } from '../util/code-unit.ts';

/** Kinds written first, in this order. */
export const KIND_ORDER_FIRST: readonly string[] = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];

/** Kinds written last, in this order. */
export const KIND_ORDER_LAST: readonly string[] = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

/** Kustomize's `sortOptions`: the order in which the render writes objects. */
export type SortOptions =
  | {
      /** Objects in the order the build met them. */
      order: 'fifo';
    }
  | {
      order: 'legacy';
      /** Kinds first and last, in place of Kustomize's lists (both are replaced when given). @default Kustomize's lists */
      legacySortOptions?: { orderFirst?: readonly string[]; orderLast?: readonly string[] };
    };

/** Kind → rank: negative for kinds first, positive for kinds last, 0 (absent) for the rest. */
function rankTable(first: readonly string[], last: readonly string[]): Map<string, number> {
  const rank = new Map<string, number>();
  // A kind in both lists goes last (checked with `kubectl kustomize`).
  first.forEach((kind, i) => rank.set(kind, i - first.length));
  last.forEach((kind, i) => rank.set(kind, i + 1));
  return rank;
}

const legacyRank = rankTable(KIND_ORDER_FIRST, KIND_ORDER_LAST);

function kindRank(kind: string, rank: ReadonlyMap<string, number> = legacyRank): number {
  return rank.get(kind) ?? 0;
}

/** Kustomize's GVK string: `group_version_kind`, with `~G`/`~V`/`~K` for empty parts. */
function gvkString(obj: KObject): string {
  const { group, version, kind } = gvkOf(obj);
  return `${group || '~G'}_${version || '~V'}_${kind || '~K'}`;
}

/**
 * Kustomize's `namespace|name` string for objects of one GVK; no namespace is `~X`, so it sorts
 * after every namespace, and `shop-2|a` sorts before `shop|a` (checked with `kubectl kustomize`).
 */
function namespaceNameString(obj: KObject): string {
  return `${obj.metadata.namespace || '~X'}|${obj.metadata.name}`;
}

/** Compares two objects in Kustomize's legacy order: kind rank, GVK string, then `namespace|name`. */
export function compareObjects(a: KObject, b: KObject): number {
  return kindRank(a.kind) - kindRank(b.kind) || compareCodeUnits(gvkString(a), gvkString(b)) || compareCodeUnits(namespaceNameString(a), namespaceNameString(b));
}

/**
 * A sorted copy of `objects` (stable), in the order of {@link compareObjects}, or of `options`:
 * `fifo` keeps the order they come in, `legacy` with `legacySortOptions` ranks its kinds first
 * and last instead of Kustomize's lists. The sort keys are computed once per object rather than
 * once per comparison.
 */
export function sortObjects<T extends KObject>(objects: readonly T[], options?: SortOptions): T[] {
  if (options?.order === 'fifo') return [...objects];
  const custom = options?.legacySortOptions;
  const rank = custom ? rankTable(custom.orderFirst ?? [], custom.orderLast ?? []) : legacyRank;
  const keyed = objects.map((object, index) => ({ object, index, rank: kindRank(object.kind, rank), gvk: gvkString(object), nn: namespaceNameString(object) }));
  keyed.sort((a, b) => a.rank - b.rank || compareCodeUnits(a.gvk, b.gvk) || compareCodeUnits(a.nn, b.nn) || a.index - b.index);
  return keyed.map((k) => k.object);
}
