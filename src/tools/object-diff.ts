/**
 * Object-by-object, field-by-field differences between two sets of Kubernetes objects: two
 * environments (`kasane diff staging prod`) or the committed output and a fresh render
 * (`kasane diff prod`). Pure: objects in, structured differences out; formatting is the CLI's.
 */
import type { FieldPath, ObjectRef } from '../errors.ts';
import { compareObjects } from '../k8s/kind-order.ts';
import { fieldAt } from '../k8s/merge-keys.ts';
import { parseApiVersion, refOf, type KObject } from '../k8s/object.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { getOwn, isPlainObject } from '../util/plain-object.ts';
import type { Resource } from '../k8s/resource.ts';

/** One object of a side, with the name it is matched by. */
export interface DiffEntry {
  object: KObject;
  /**
   * The name this object is compared by: the name before prefix, suffix and hash for an
   * environment (`Resource.previousNames[0]`), the name without the hash for committed output.
   * @default object.metadata.name
   */
  baseName?: string;
}

/** One side of a comparison. */
export interface DiffSide {
  /** What the side is called in output: an environment name, `committed`, `rendered`. */
  label: string;
  objects: readonly DiffEntry[];
  /**
   * The side's environment namespace: objects in it match objects in the other side's
   * environment namespace, and the string itself compares equal to the other side's.
   * @default none (namespaces compare as they are)
   */
  namespace?: string;
}

/** Options of {@link diffObjectSets}. */
export interface DiffObjectSetsOptions {
  /**
   * Compare strings that are the current names of renamed objects by their base names, so
   * `envFrom: staging-cfg-<hash>` equals `envFrom: cfg-<hash2>` when both are `cfg`. Right for
   * two environments; wrong for drift, where the renamed reference is the change.
   * @default false
   */
  normalizeReferences?: boolean;
  /**
   * Replaces secret values in a matched pair before fields are compared (both sides are passed
   * together so an entry can say whether it changed). Objects on one side only go through it
   * with the other side `undefined`.
   * @default no redaction
   */
  redact?: (before: KObject | undefined, after: KObject | undefined) => { before: KObject | undefined; after: KObject | undefined };
}

/** One field that differs. `path` is below the object root. */
export type FieldChange =
  { path: FieldPath; change: 'added'; after: unknown } | { path: FieldPath; change: 'removed'; before: unknown } | { path: FieldPath; change: 'changed'; before: unknown; after: unknown };

/** One object that differs: on one side only, or on both with field changes. */
export interface ObjectChange {
  /** `removed`: only on the before side; `added`: only on the after side. */
  change: 'added' | 'removed' | 'changed';
  kind: string;
  /** The name both sides are matched by. */
  name: string;
  before?: ObjectRef;
  after?: ObjectRef;
  /** Field changes, sorted by path (empty for objects on one side only). */
  fields: FieldChange[];
}

/** The result of {@link diffObjectSets}. */
export interface ObjectSetDiff {
  before: string;
  after: string;
  /** Objects that differ, in Kustomize's render order. */
  objects: ObjectChange[];
  /** How many objects match and are equal. */
  unchanged: number;
}

/** Stands for "the environment's namespace" in keys and compared strings. */
const ENV_NAMESPACE = '\u0000namespace';
/** Identity is in the header: these never count as field changes. */
const IDENTITY_FIELDS = new Set(['name', 'namespace']);

interface Keyed {
  key: string;
  entry: DiffEntry;
  name: string;
}

function keyOf(side: DiffSide, entry: DiffEntry): Keyed {
  const { object } = entry;
  const name = entry.baseName ?? object.metadata.name;
  const ns = object.metadata.namespace ?? '';
  const namespace = side.namespace !== undefined && ns === side.namespace ? ENV_NAMESPACE : ns;
  return { key: `${parseApiVersion(object.apiVersion).group}/${object.kind}/${namespace}/${name}`, entry, name };
}

/** Current name → base name (and the environment namespace → a shared token) of one side. */
function namesOf(side: DiffSide): Map<string, string> {
  const names = new Map<string, string>();
  for (const { object, baseName } of side.objects) {
    if (baseName !== undefined && baseName !== object.metadata.name) names.set(object.metadata.name, baseName);
  }
  if (side.namespace !== undefined) names.set(side.namespace, ENV_NAMESPACE);
  return names;
}

interface Walk {
  root: KObject;
  same: (a: unknown, b: unknown) => boolean;
  out: FieldChange[];
}

const isScalar = (v: unknown): boolean => v === null || typeof v !== 'object';

/** The key that matches list items across sides: the field's merge key, else a unique `name`. */
function listKey(walk: Walk, path: FieldPath, a: readonly unknown[], b: readonly unknown[]): string | undefined {
  const candidates = [fieldAt(walk.root, path)?.mergeKey, 'name'].filter((k): k is string => k !== undefined);
  return candidates.find((key) =>
    [a, b].every((list) => {
      const values = list.map((item) => (isPlainObject(item) ? item[key] : undefined));
      return values.every((v) => typeof v === 'string' || typeof v === 'number') && new Set(values).size === values.length;
    }),
  );
}

function diffList(walk: Walk, path: FieldPath, a: readonly unknown[], b: readonly unknown[]): void {
  if (a.every(isScalar) && b.every(isScalar)) {
    if (a.length !== b.length || a.some((v, i) => !walk.same(v, b[i]))) walk.out.push({ path, change: 'changed', before: a, after: b });
    return;
  }
  const key = a.length && b.length ? listKey(walk, path, a, b) : undefined;
  if (key === undefined) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValue(walk, [...path, i], i < a.length, a[i], i < b.length, b[i]);
    return;
  }
  // Keys are unique on each side (listKey), so one index per side matches items in linear time.
  const idOf = (item: unknown) => (item as Record<string, unknown>)[key];
  const indexA = new Map(a.map((item, i) => [idOf(item), i]));
  const indexB = new Map(b.map((item, j) => [idOf(item), j]));
  const matchedInOrder = a.map(idOf).filter((id) => indexB.has(id));
  const matchedAfter = b.map(idOf).filter((id) => indexA.has(id));
  if (matchedInOrder.some((id, i) => id !== matchedAfter[i])) {
    walk.out.push({ path, change: 'changed', before: a, after: b });
    return;
  }
  a.forEach((item, i) => {
    if (!indexB.has(idOf(item))) walk.out.push({ path: [...path, i], change: 'removed', before: item });
  });
  b.forEach((item, j) => {
    const i = indexA.get(idOf(item));
    if (i === undefined) walk.out.push({ path: [...path, j], change: 'added', after: item });
    else diffValue(walk, [...path, j], true, a[i], true, item);
  });
}

function diffValue(walk: Walk, path: FieldPath, hasA: boolean, a: unknown, hasB: boolean, b: unknown): void {
  if (!hasA && !hasB) return;
  if (!hasA) {
    walk.out.push({ path, change: 'added', after: b });
    return;
  }
  if (!hasB) {
    walk.out.push({ path, change: 'removed', before: a });
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareCodeUnits);
    for (const k of keys) {
      if (path.length === 1 && path[0] === 'metadata' && IDENTITY_FIELDS.has(k)) continue;
      // Own keys only (a __proto__ key from input is data), and an undefined field is absent: emit leaves it out.
      const [av, bv] = [getOwn(a, k), getOwn(b, k)];
      diffValue(walk, [...path, k], av !== undefined, av, bv !== undefined, bv);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    diffList(walk, path, a, b);
    return;
  }
  if (!walk.same(a, b)) walk.out.push({ path, change: 'changed', before: a, after: b });
}

/**
 * The field changes from `before` to `after` (the same object on two sides). Lists with a merge
 * key (containers, env, ports, ...) or unique `name`s are matched by key and reported at the
 * index on the side that has the item; a reordered keyed list is one change of the whole list.
 * `metadata.name` and `metadata.namespace` are identity, not fields.
 */
export function diffFields(before: KObject, after: KObject, same: (a: unknown, b: unknown) => boolean = (a, b) => a === b): FieldChange[] {
  const walk: Walk = { root: after, same, out: [] };
  diffValue(walk, [], true, before, true, after);
  return walk.out;
}

/**
 * Matches the objects of two sides by group, kind, namespace and base name, and lists what
 * differs: objects on one side only, and the field changes of objects on both.
 * @example
 * diffObjectSets({ label: 'staging', objects, namespace: 'shop-staging' }, { label: 'prod', objects: prodObjects, namespace: 'shop-prod' }, { normalizeReferences: true })
 */
export function diffObjectSets(before: DiffSide, after: DiffSide, options: DiffObjectSetsOptions = {}): ObjectSetDiff {
  const left = new Map<string, Keyed>();
  for (const entry of before.objects) {
    const k = keyOf(before, entry);
    // A second object with the same key (two hash generations on disk) is matched by nothing.
    left.set(left.has(k.key) ? `${k.key}\u0000${entry.object.metadata.name}` : k.key, k);
  }
  const beforeNames = options.normalizeReferences ? namesOf(before) : new Map<string, string>();
  const afterNames = options.normalizeReferences ? namesOf(after) : new Map<string, string>();
  const same = (a: unknown, b: unknown) => a === b || (typeof a === 'string' && typeof b === 'string' && (beforeNames.get(a) ?? a) === (afterNames.get(b) ?? b));
  const redact = options.redact ?? ((b, a) => ({ before: b, after: a }));
  const found: { diff: ObjectChange; object: KObject }[] = [];
  const matched = new Set<string>();
  let unchanged = 0;
  for (const entry of after.objects) {
    const right = keyOf(after, entry);
    const other = left.get(right.key);
    if (!other || matched.has(right.key)) {
      found.push({ diff: { change: 'added', kind: entry.object.kind, name: right.name, after: refOf(entry.object), fields: [] }, object: entry.object });
      continue;
    }
    matched.add(right.key);
    const pair = redact(other.entry.object, entry.object);
    const fields = diffFields(pair.before ?? other.entry.object, pair.after ?? entry.object, same);
    if (fields.length === 0) unchanged++;
    else found.push({ diff: { change: 'changed', kind: entry.object.kind, name: right.name, before: refOf(other.entry.object), after: refOf(entry.object), fields }, object: entry.object });
  }
  for (const [key, other] of left) {
    if (matched.has(key)) continue;
    found.push({ diff: { change: 'removed', kind: other.entry.object.kind, name: other.name, before: refOf(other.entry.object), fields: [] }, object: other.entry.object });
  }
  const rank = { removed: 0, changed: 1, added: 2 };
  found.sort((x, y) => compareObjects(x.object, y.object) || rank[x.diff.change] - rank[y.diff.change]);
  return { before: before.label, after: after.label, objects: found.map((f) => f.diff), unchanged };
}

/** Kustomize's hash suffix: 10 characters of hex with `0 1 3 a e` swapped for `g h k m t`. */
const HASH_SUFFIX = /-[245-9bcdfghkmt]{10}$/;

/** `name` without a trailing content-hash suffix (`app-config-5f7bc9dk4t` → `app-config`). */
export function withoutHashSuffix(name: string): string {
  return name.replace(HASH_SUFFIX, '');
}

const hashable = (o: KObject) => o.apiVersion === 'v1' && (o.kind === 'ConfigMap' || o.kind === 'Secret');

/**
 * An environment's objects, each matched by the name it had before prefix, suffix and hash
 * (`previousNames[0]`), for comparing two environments.
 */
export function entriesOfEnvironment(resources: readonly Resource[]): DiffEntry[] {
  return resources.map((r) => ({ object: r.object, baseName: r.previousNames?.[0] ?? r.object.metadata.name }));
}

/**
 * Objects of one environment (rendered, or read back from the output folder), with ConfigMaps
 * and Secrets matched without their hash suffix, so a generated object whose content changed
 * is one changed object rather than one removed and one added.
 */
export function entriesForDrift(objects: readonly KObject[]): DiffEntry[] {
  return objects.map((object) => ({ object, baseName: hashable(object) ? withoutHashSuffix(object.metadata.name) : object.metadata.name }));
}
