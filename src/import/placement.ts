/**
 * Where each imported object goes. Objects of a root level become components. An object a
 * higher level adds goes into a component when no lower level's overlay would touch it (kasane
 * runs every level's overlay over every component's objects); otherwise the level adds it with a
 * transform, after the lower levels ran, as Kustomize does. A level that also patches such an
 * object holds its base as a group instead (tree.ts asks {@link addsAndPatchesOverBase}).
 */
import { isClusterScopedKind } from '../k8s/field-specs.ts';
import { parseApiVersion, type KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { compileTarget } from '../overlay/target.ts';
import type { PatchTarget } from '../project/patch.ts';
import type { Kustomization, PatchDecl } from './kustomization.ts';
import type { Level, MixinPlan, SourcedObject, TreePlan } from './tree.ts';

/** Where one level's objects go. */
export interface Placement {
  /** Objects built by components of this level. */
  components: SourcedObject[];
  /** Objects the level's transform adds after the lower levels' overlays. */
  added: SourcedObject[];
  /** Secrets, which become generators of the level (their values never enter code). */
  secrets: SourcedObject[];
}

/** The namespaces (`''` for none) a tree writes objects in, by `Kind/name`. */
export type WrittenNamespaces = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The namespaces the objects and generators of `plan` are written with, before any
 * kustomization's `namespace:` moves them.
 */
export function writtenNamespaces(plan: TreePlan): WrittenNamespaces {
  const out = new Map<string, Set<string>>();
  const add = (kind: string, name: string, namespace: string | undefined) => {
    const key = `${kind}/${name}`;
    out.set(key, (out.get(key) ?? new Set()).add(namespace ?? ''));
  };
  const visit = (level: { kustomization: Kustomization; objects: readonly SourcedObject[]; mixins?: readonly MixinPlan[] }): void => {
    for (const { object } of level.objects) add(object.kind, object.metadata.name, object.metadata.namespace);
    for (const g of level.kustomization.generators) add(g.kind, g.name, g.namespace);
    for (const m of level.mixins ?? []) visit(m);
  };
  for (const level of [...plan.levels.values(), ...plan.groups.values()]) visit(level);
  return out;
}

/**
 * The namespace a patch that names its object without one must ask for, or undefined for none.
 * Kustomize matches such a patch only to an object written with no namespace or `default` (one
 * that a kustomization's `namespace:` moved still matches, by the namespace it had before, as a
 * kasane target does); a kasane target without a namespace matches any. `namespace: ''` on every
 * such patch would be noise in nearly every tree, so it is written only where the tree writes an
 * object of that kind and name in another namespace, the one case where the two differ
 * (`'default'` where the tree writes it only there, which `''` would not match).
 */
function unnamedNamespace(body: Record<string, unknown>, kind: string, name: string, written: WrittenNamespaces): string | undefined {
  const group = typeof body.apiVersion === 'string' ? parseApiVersion(body.apiVersion).group : '';
  const namespaces = written.get(`${kind}/${name}`) ?? new Set<string>();
  if (isClusterScopedKind(group, kind) || [...namespaces].every((ns) => ns === '' || ns === 'default')) return undefined;
  return namespaces.has('default') && !namespaces.has('') ? 'default' : '';
}

/**
 * The target a patch applies to. A strategic merge patch without one names its object; given
 * the tree's `written` namespaces, one that names no namespace refuses objects written in
 * another namespace, as Kustomize does.
 */
export function patchTargetOf(p: PatchDecl, written?: WrittenNamespaces): PatchTarget {
  if (p.type === 'json6902' || p.target) return p.target!;
  const meta = isPlainObject(p.body.metadata) ? p.body.metadata : {};
  const kind = typeof p.body.kind === 'string' ? p.body.kind : undefined;
  const name = typeof meta.name === 'string' ? meta.name : undefined;
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : kind !== undefined && name !== undefined && written ? unnamedNamespace(p.body, kind, name, written) : undefined;
  return { ...(kind !== undefined ? { kind } : {}), ...(name !== undefined ? { name } : {}), ...(namespace !== undefined ? { namespace } : {}) };
}

function images(value: unknown, into: string[]): string[] {
  if (Array.isArray(value)) for (const v of value) images(v, into);
  else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'image' && typeof v === 'string') into.push(v.replace(/@.*$/, '').replace(/:[^:/]*$/, ''));
      else images(v, into);
    }
  }
  return into;
}

/** True when the overlay of kustomization `k` could change `o`. */
function touches(k: Kustomization, o: KObject): boolean {
  if (k.namespace || k.namePrefix || k.nameSuffix || k.labels.length || k.annotations) return true;
  const used = images(o, []);
  if (k.images.some((i) => used.includes(i.name))) return true;
  if (k.replicas.some((r) => r.name === o.metadata.name)) return true;
  if (k.generators.some((g) => g.kind === o.kind && g.name === o.metadata.name)) return true;
  return k.patches.some((p) => targets(p, o));
}

function targets(p: PatchDecl, o: KObject): boolean {
  try {
    return compileTarget(patchTargetOf(p))(o);
  } catch {
    return true;
  }
}

function hasValues(o: KObject): boolean {
  return [o.data, o.stringData].some((m) => isPlainObject(m) && Object.keys(m).length > 0);
}

/** True when `own` patches or generates over `o` (so `o` cannot be added after the lower levels ran). */
function changesOwn(own: Kustomization, o: KObject): boolean {
  return own.patches.some((p) => targets(p, o)) || own.generators.some((g) => g.kind === o.kind && g.name === o.metadata.name);
}

/**
 * True when kustomization `own` adds an object that a kustomization `below` would change and
 * patches it too, itself or through one of the Components it includes (`mixins`, which run on
 * the level's whole resource list, so on that object as well): an `extends` chain cannot express
 * that (the object must skip the base's overlay but meet its own), so the base becomes a group
 * instead.
 */
export function addsAndPatchesOverBase(own: Kustomization, objects: readonly SourcedObject[], below: readonly Kustomization[], mixins: readonly Kustomization[] = []): boolean {
  return objects.some(({ object }) => below.some((k) => touches(k, object)) && (changesOwn(own, object) || mixins.some((m) => touches(m, object))));
}

/** Splits `level`'s objects given the kustomizations below it (root first). */
export function placeObjects(level: Level, below: readonly Kustomization[]): Placement {
  const out: Placement = { components: [], added: [], secrets: [] };
  for (const item of level.objects) {
    const o = item.object;
    if (o.kind === 'Secret' && o.apiVersion === 'v1' && hasValues(o)) {
      out.secrets.push(item);
      continue;
    }
    if (!below.some((k) => touches(k, o))) {
      out.components.push(item);
      continue;
    }
    out.added.push(item);
  }
  return out;
}

const APP_LABELS = ['app.kubernetes.io/name', 'app'];

/** The app an object belongs to: its `app.kubernetes.io/name` or `app` label (or its selector's). */
export function appOf(o: KObject): string | undefined {
  const spec = isPlainObject(o.spec) ? o.spec : {};
  const selector = isPlainObject(spec.selector) ? spec.selector : {};
  const sources = [o.metadata.labels, isPlainObject(selector.matchLabels) ? selector.matchLabels : undefined, o.kind === 'Service' ? selector : undefined];
  for (const labels of sources) {
    for (const key of APP_LABELS) {
      const value = (labels as Record<string, unknown> | undefined)?.[key];
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  return undefined;
}

/** A lowercase DNS label from any text (`My_App` → `my-app`). */
export function dnsLabel(text: string, fallback: string): string {
  const label = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/-{2,}/g, '-')
    .slice(0, 63)
    .replace(/-+$/, '');
  return label === '' ? fallback : label;
}

/**
 * Objects grouped into components by app label; objects without one join the only app, or a
 * component named `fallback`.
 */
export function groupByApp(objects: readonly SourcedObject[], fallback: string): Map<string, SourcedObject[]> {
  const groups = new Map<string, SourcedObject[]>();
  const loose: SourcedObject[] = [];
  for (const item of objects) {
    const app = appOf(item.object);
    if (app === undefined) loose.push(item);
    else groups.set(dnsLabel(app, fallback), [...(groups.get(dnsLabel(app, fallback)) ?? []), item]);
  }
  if (loose.length) {
    const into = groups.size === 1 ? [...groups.keys()][0]! : fallback;
    groups.set(into, [...(groups.get(into) ?? []), ...loose]);
  }
  return groups;
}
