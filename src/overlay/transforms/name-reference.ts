/**
 * Makes references follow renamed objects: after a name prefix or suffix, or the content-hash
 * suffix of a generated ConfigMap, every field that named the object by its old name (see
 * `NAME_REFERENCES`) gets the new one, as Kustomize's name reference step does.
 */
import { KasaneError, errorFinding } from '../../errors.ts';
import { fieldSpecApplies, isClusterScoped, isClusterScopedKind } from '../../k8s/field-specs.ts';
import { NAME_REFERENCES, type NameReference } from '../../k8s/name-references.ts';
import { parseApiVersion, refOf, type KObject } from '../../k8s/object.ts';
import { isPlainObject } from '../../util/plain-object.ts';
import type { Resource } from '../../k8s/resource.ts';
import { updatedField } from './field-path.ts';
import { sameJson } from '../../util/same-json.ts';
import { withChange, type StepOptions } from './history.ts';

/** One object's change of name. */
export interface Rename {
  kind: string;
  /** API group of the renamed object (`''` for the core group). */
  group: string;
  /** Namespace of the renamed object; unset for cluster-scoped objects. */
  namespace?: string;
  from: string;
  to: string;
}

/** The empty namespace is the `default` namespace when comparing references. */
export const sameNamespace = (a: string | undefined, b: string | undefined): boolean => (a || 'default') === (b || 'default');

/** One reference field being rewritten: the object holding it and the kind it names. */
export interface RefContext {
  referrer: KObject;
  referral: NameReference;
  /** The path of the field in the referrer (as the table writes it). */
  path: readonly string[];
}

/** True when `referral` describes the kind of the renamed object. */
function refersTo(referral: NameReference, r: Rename): boolean {
  return r.kind === referral.kind && (referral.group === undefined || r.group === referral.group);
}

/**
 * The object a reference means now: its name, and for a `{ name, namespace }` reference
 * (`mapping`, with the namespace it states) the namespace to write (unset: leave it); undefined
 * leaves the reference as it is.
 */
export type ResolveReference = (ctx: RefContext, name: string, mapping: { namespace?: string } | undefined) => { name: string; namespace?: string } | undefined;

/** The new name for `name` seen from `ctx.referrer`, if one of `renames` (by old name) applies. */
function renamedTo(renames: ReadonlyMap<string, readonly Rename[]>): ResolveReference {
  return (ctx, name, mapping) => {
    const explicitNamespace = mapping?.namespace;
    const candidates = renames.get(name);
    if (candidates === undefined) return undefined;
    const clusterReferral = ctx.referral.group !== undefined && isClusterScopedKind(ctx.referral.group, ctx.referral.kind);
    const referrerNs = isClusterScoped(ctx.referrer) ? undefined : ctx.referrer.metadata.namespace;
    const hits = candidates.filter((r) => {
      if (!refersTo(ctx.referral, r)) return false;
      if (clusterReferral) return true;
      if (explicitNamespace !== undefined) return sameNamespace(explicitNamespace, r.namespace);
      return isClusterScoped(ctx.referrer) || sameNamespace(referrerNs, r.namespace);
    });
    const targets = [...new Set(hits.map((r) => r.to))];
    if (targets.length > 1) throw ambiguousReference(ctx.referrer, ctx.referral.kind, name, targets);
    return targets[0] === undefined ? undefined : { name: targets[0] };
  };
}

/** The `overlay/ambiguous-reference` error: `name` could mean any of `targets`. */
export function ambiguousReference(referrer: KObject, kind: string, name: string, targets: readonly string[]): KasaneError {
  return new KasaneError(
    errorFinding('overlay/ambiguous-reference', `expected one ${kind} named '${name}', found ${targets.length}: ${targets.map((t) => `'${t}'`).join(', ')}`, {
      hint: 'give the referenced objects distinct names or put them in different namespaces',
      object: refOf(referrer),
    }),
  );
}

/** Rewrites the reference found at the end of a path: a name, a list of names, or `{ name, namespace }`. */
function rewriteValue(ctx: RefContext, resolve: ResolveReference, value: unknown, parent: Record<string, unknown>, key: string): unknown {
  if (typeof value === 'string') {
    // A reference that carries its kind (roleRef, scaleTargetRef) names only that kind.
    if (key === 'name' && typeof parent.kind === 'string' && parent.kind !== ctx.referral.kind) return undefined;
    return resolve(ctx, value, undefined)?.name;
  }
  if (Array.isArray(value)) {
    return value.map((item) => {
      if (typeof item === 'string') return resolve(ctx, item, undefined)?.name ?? item;
      if (isPlainObject(item)) return rewriteObjectRef(ctx, resolve, item);
      return item;
    });
  }
  if (isPlainObject(value)) return rewriteObjectRef(ctx, resolve, value);
  return undefined;
}

/** `{ name, namespace? }` references (RBAC subjects, webhook services); Kustomize ignores a subject's kind. */
function rewriteObjectRef(ctx: RefContext, resolve: ResolveReference, ref: Record<string, unknown>): Record<string, unknown> {
  if (typeof ref.name !== 'string') return ref;
  const next = resolve(ctx, ref.name, typeof ref.namespace === 'string' ? { namespace: ref.namespace } : {});
  if (next === undefined) return ref;
  return { ...ref, name: next.name, ...(next.namespace ? { namespace: next.namespace } : {}) };
}

/**
 * Returns `resources` with every field of `referrals` (the entries of the name reference table
 * that may change) set to what `resolve` says; the objects that changed get a provenance `step`.
 */
export function rewriteNameFields(resources: readonly Resource[], referrals: readonly NameReference[], resolve: ResolveReference, step: string, options: StepOptions): Resource[] {
  if (referrals.length === 0) return [...resources];
  // The (referral, referrer) pairs that apply to a kind, in table order, found once per kind.
  const pairsByKind = new Map<string, { referral: NameReference; path: readonly string[] }[]>();
  const pairsFor = (object: KObject) => {
    const kindKey = `${object.apiVersion} ${object.kind}`;
    let pairs = pairsByKind.get(kindKey);
    if (!pairs) {
      pairs = [];
      for (const referral of referrals) {
        for (const referrer of referral.referrers) if (fieldSpecApplies({ ...referrer, create: false }, object)) pairs.push({ referral, path: referrer.path });
      }
      pairsByKind.set(kindKey, pairs);
    }
    return pairs;
  };
  // Copy-on-write: only the maps and lists on the way to a changed reference are new.
  const rewrite = (object: KObject): KObject => {
    let current: Record<string, unknown> = object;
    for (const { referral, path } of pairsFor(object)) {
      const ctx: RefContext = { referrer: object, referral, path };
      current =
        updatedField(current, path, false, (value, parent, key) => {
          const next = rewriteValue(ctx, resolve, value, parent, key);
          return next !== undefined && next !== value && !sameJson(next, value) ? next : undefined;
        }) ?? current;
    }
    return current as KObject;
  };
  return resources.map((resource) => {
    const object = rewrite(resource.object);
    return object === resource.object ? resource : withChange(resource, object, step, options);
  });
}

/** Options of {@link rewriteReferences}. */
export interface RewriteOptions extends StepOptions {
  /** Name references besides Kustomize's table (from `configurations`). @default none */
  references?: readonly NameReference[];
}

/**
 * Returns `resources` with every name reference to a renamed object pointing at its new name.
 * Namespaced references match only objects in the referrer's namespace (or the namespace the
 * reference states); the empty namespace counts as `default`.
 *
 * @throws {KasaneError} `overlay/ambiguous-reference` when one reference could mean two renamed objects.
 */
export function rewriteReferences(resources: readonly Resource[], renames: readonly Rename[], step: string, options: RewriteOptions): Resource[] {
  const live = renames.filter((r) => r.from !== r.to);
  if (live.length === 0) return [...resources];
  const table = options.references?.length ? [...NAME_REFERENCES, ...options.references] : NAME_REFERENCES;
  const referrals = table.filter((ref) => live.some((r) => refersTo(ref, r)));
  const byFrom = new Map<string, Rename[]>();
  for (const r of live) {
    const list = byFrom.get(r.from);
    if (list) list.push(r);
    else byFrom.set(r.from, [r]);
  }
  return rewriteNameFields(resources, referrals, renamedTo(byFrom), step, options);
}

/** The rename record for an object that goes from `from` to its current name. */
export function renameOf(object: KObject, from: string): Rename {
  const rename: Rename = { kind: object.kind, group: parseApiVersion(object.apiVersion).group, from, to: object.metadata.name };
  if (object.metadata.namespace) rename.namespace = object.metadata.namespace;
  return rename;
}
