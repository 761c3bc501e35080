/**
 * The last pass over name references, once every level ran and generated names got their hash:
 * a reference that still names an object by a name it had before (`previousIds`) gets its
 * current name. The renames of a level already rewrote the references among that level's
 * objects; what is left are references from outside a group to what the group renamed (an
 * object a parent adds that names a base's Service, a generated ConfigMap by its generator's
 * name). Kustomize fixes every reference this way at the end of a build (its nameref filter);
 * the candidates are sieved in its order, checked against `kubectl kustomize` v5.5.0:
 *
 *   1. objects that had the name, as the kind the field refers to (a roleRef's kind and group);
 *   2. in the referrer's namespace, unless the referrer or the object is cluster-scoped or the
 *      object is a ServiceAccount (a `{ name, namespace }` reference picks by its namespace
 *      first: the objects that were first in it, else those that are in it now);
 *   3. one left: it. Several: those whose prefixes and suffixes end like the referrer's (either
 *      side may have none), then, if still several, exactly like them;
 *   4. none left: the reference stays. Several with one name: that name. Else an error.
 */
import { isClusterScoped } from '../../k8s/field-specs.ts';
import { NAME_REFERENCES } from '../../k8s/name-references.ts';
import { parseApiVersion, type KObject } from '../../k8s/object.ts';
import { isPlainObject } from '../../util/plain-object.ts';
import type { Resource } from '../../k8s/resource.ts';
import type { StepOptions } from './history.ts';
import { ambiguousReference, rewriteNameFields, sameNamespace, type RefContext, type ResolveReference } from './name-reference.ts';

/** True when the shorter list is the end of the longer one; an empty list matches only an empty one. */
function sameEnding(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 0) return long.length === 0;
  const offset = long.length - short.length;
  return short.every((s, i) => long[i + offset] === s);
}

const affixesOf = (r: Resource) => r.affixes ?? { prefixes: [], suffixes: [] };

function affixesMatch(candidate: Resource, referrer: Resource, allowEmpty: boolean): boolean {
  const c = affixesOf(candidate);
  const r = affixesOf(referrer);
  const prefixes = (allowEmpty && (c.prefixes.length === 0 || r.prefixes.length === 0)) || sameEnding(c.prefixes, r.prefixes);
  const suffixes = (allowEmpty && (c.suffixes.length === 0 || r.suffixes.length === 0)) || sameEnding(c.suffixes, r.suffixes);
  return prefixes && suffixes;
}

/** The kind and group a `roleRef` names, when the field is one; undefined accepts any. */
function roleRefOf(ctx: RefContext): { kind: string; group: string } | undefined {
  if (ctx.path[ctx.path.length - 2] !== 'roleRef') return undefined;
  const ref = ctx.referrer.roleRef;
  if (!isPlainObject(ref) || typeof ref.kind !== 'string' || typeof ref.apiGroup !== 'string') return undefined;
  return { kind: ref.kind, group: ref.apiGroup };
}

const groupOf = (o: KObject): string => parseApiVersion(o.apiVersion).group;

/** Candidates in the namespace a `{ name, namespace }` reference states: first by their first namespace, then by their current one. */
function inStatedNamespace(candidates: readonly Resource[], namespace: string): Resource[] {
  const first = candidates.filter((c) => sameNamespace(c.previousIds?.[0]?.namespace ?? c.object.metadata.namespace, namespace));
  return first.length ? first : candidates.filter((c) => sameNamespace(c.object.metadata.namespace, namespace));
}

function resolver(byPreviousName: ReadonlyMap<string, Resource[]>, referrerOf: ReadonlyMap<KObject, Resource>): ResolveReference {
  return (ctx, name, mapping) => {
    const statedNamespace = mapping?.namespace;
    const referrer = referrerOf.get(ctx.referrer);
    let candidates = byPreviousName.get(name);
    if (!candidates || !referrer) return undefined;
    if (statedNamespace !== undefined) candidates = inStatedNamespace(candidates, statedNamespace);
    const role = roleRefOf(ctx);
    candidates = candidates.filter((c) => {
      const ids = c.previousIds!.filter((id) => id.name === name);
      if (!ids.some((id) => id.kind === ctx.referral.kind && groupOf(c.object) === ctx.referral.group)) return false;
      if (role && !ids.some((id) => id.kind === role.kind && groupOf(c.object) === role.group)) return false;
      if (isClusterScoped(ctx.referrer) || isClusterScoped(c.object) || c.object.kind === 'ServiceAccount') return true;
      return sameNamespace(ctx.referrer.metadata.namespace, c.object.metadata.namespace);
    });
    if (candidates.length > 1) {
      candidates = candidates.filter((c) => affixesMatch(c, referrer, true));
      if (candidates.length > 1) candidates = candidates.filter((c) => affixesMatch(c, referrer, false));
    }
    const picked = candidates[0];
    if (!picked) return undefined;
    const identity = (c: Resource) => `${c.object.metadata.name}${mapping ? `/${c.object.metadata.namespace ?? ''}` : ''}`;
    if (candidates.some((c) => identity(c) !== identity(picked))) {
      throw ambiguousReference(
        ctx.referrer,
        ctx.referral.kind,
        name,
        candidates.map((c) => identity(c)),
      );
    }
    return { name: picked.object.metadata.name, ...(picked.object.metadata.namespace ? { namespace: picked.object.metadata.namespace } : {}) };
  };
}

/**
 * Returns `resources` with every name reference that names an object by one of its
 * `previousIds` pointing at that object's current name (see the file comment).
 *
 * @throws {KasaneError} `overlay/ambiguous-reference` when objects of different names remain.
 */
export function resolveBackReferences(resources: readonly Resource[], options: StepOptions): Resource[] {
  const byPreviousName = new Map<string, Resource[]>();
  for (const r of resources) {
    for (const name of new Set((r.previousIds ?? []).map((id) => id.name))) {
      const list = byPreviousName.get(name);
      if (list) list.push(r);
      else byPreviousName.set(name, [r]);
    }
  }
  if (byPreviousName.size === 0) return [...resources];
  const kinds = new Set(resources.flatMap((r) => (r.previousIds ?? []).map((id) => id.kind)));
  const referrals = NAME_REFERENCES.filter((ref) => kinds.has(ref.kind));
  const referrerOf = new Map(resources.map((r) => [r.object, r]));
  return rewriteNameFields(resources, referrals, resolver(byPreviousName, referrerOf), 'nameReference', options);
}
