/**
 * The target import writes for a patch. A strategic merge patch without `target:` names its
 * object in its own apiVersion, kind and metadata, and Kustomize matches it by that id: kind and
 * name, the exact apiVersion, and the namespace, where none means none or `default`. A kasane
 * target that gives only kind and name matches any apiVersion and namespace, which picks the same
 * objects unless the tree writes that kind and name under another apiVersion or in another
 * namespace; only there does import add the fields that make the difference, so that the code
 * of nearly every tree keeps its short `{ kind, name }` targets.
 */
import { isClusterScopedKind } from '../k8s/field-specs.ts';
import { parseApiVersion } from '../k8s/object.ts';
import type { PatchTarget } from '../project/patch.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { Kustomization, PatchDecl } from './kustomization.ts';
import type { MixinPlan, SourcedObject, TreePlan } from './tree.ts';

/** How a tree writes the objects of one kind and name: their namespaces (`''` for none) and apiVersions. */
export interface WrittenAs {
  readonly namespaces: ReadonlySet<string>;
  readonly apiVersions: ReadonlySet<string>;
}

/** What a tree writes, by `Kind/name`. */
export type WrittenIds = ReadonlyMap<string, WrittenAs>;

/**
 * The namespaces and apiVersions the objects and generators of `plan` are written with, before
 * any kustomization's `namespace:` moves them.
 */
export function writtenIds(plan: TreePlan): WrittenIds {
  const out = new Map<string, { namespaces: Set<string>; apiVersions: Set<string> }>();
  const add = (apiVersion: string, kind: string, name: string, namespace: string | undefined) => {
    const key = `${kind}/${name}`;
    const entry = out.get(key) ?? { namespaces: new Set<string>(), apiVersions: new Set<string>() };
    entry.namespaces.add(namespace ?? '');
    entry.apiVersions.add(apiVersion);
    out.set(key, entry);
  };
  const visit = (level: { kustomization: Kustomization; objects: readonly SourcedObject[]; mixins?: readonly MixinPlan[] }): void => {
    for (const { object } of level.objects) add(object.apiVersion, object.kind, object.metadata.name, object.metadata.namespace);
    for (const g of level.kustomization.generators) add('v1', g.kind, g.name, g.namespace);
    for (const m of level.mixins ?? []) visit(m);
  };
  for (const level of [...plan.levels.values(), ...plan.groups.values()]) visit(level);
  return out;
}

/**
 * The namespace the target of a patch that names its object must ask for, or undefined for
 * none. Kustomize compares namespaces as the API server resolves them: no namespace is
 * `default`, and a cluster-scoped kind has none. So a patch without a namespace, or with
 * `default`, matches only an object written with none or `default` (one that a kustomization's
 * `namespace:` moved still matches by the namespace it had before, as a kasane target does). A
 * target without a namespace matches the same objects unless the tree writes that kind and name
 * in another namespace; only then is one written: `''`, or `'default'` where the tree writes it
 * there and never without one (`''` would miss it).
 */
function namespaceOf(own: string | undefined, group: string, kind: string, written: WrittenAs): string | undefined {
  if (isClusterScopedKind(group, kind)) return undefined;
  if (own !== undefined && own !== 'default') return own;
  const { namespaces } = written;
  if ([...namespaces].every((ns) => ns === '' || ns === 'default')) return undefined;
  return namespaces.has('default') && !namespaces.has('') ? 'default' : '';
}

/**
 * The target a patch applies to. A strategic merge patch without one names its object; given
 * what the tree writes, its target matches the objects of that kind and name that Kustomize
 * would patch (by apiVersion and namespace).
 */
export function patchTargetOf(p: PatchDecl, written?: WrittenIds): PatchTarget {
  if (p.type === 'json6902' || p.target) return p.target!;
  const meta = isPlainObject(p.body.metadata) ? p.body.metadata : {};
  const kind = typeof p.body.kind === 'string' ? p.body.kind : undefined;
  const name = typeof meta.name === 'string' ? meta.name : undefined;
  const own = typeof meta.namespace === 'string' ? meta.namespace : undefined;
  const named = { ...(kind !== undefined ? { kind } : {}), ...(name !== undefined ? { name } : {}) };
  const seen = kind !== undefined && name !== undefined ? written?.get(`${kind}/${name}`) : undefined;
  if (!seen) return own !== undefined ? { ...named, namespace: own } : named;
  const apiVersion = typeof p.body.apiVersion === 'string' ? p.body.apiVersion : '';
  const { group, version } = parseApiVersion(apiVersion);
  const namespace = namespaceOf(own, group, kind!, seen);
  const otherVersion = [...seen.apiVersions].some((v) => v !== apiVersion);
  return { ...named, ...(namespace !== undefined ? { namespace } : {}), ...(otherVersion ? { group, version } : {}) };
}
