/**
 * Where each imported object goes. Objects of a root level become components. An object a
 * higher level adds goes into a component when no lower level's overlay would touch it (kasane
 * runs every level's overlay over every component's objects); otherwise the level adds it with a
 * transform, after the lower levels ran, as Kustomize does. A level that also patches such an
 * object holds its base as a group instead (tree.ts asks {@link addsAndPatchesOverBase}).
 */
import type { KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { compileTarget } from '../overlay/target.ts';
import type { Kustomization, PatchDecl } from './kustomization.ts';
import { patchTargetOf } from './patch-target.ts';
import type { Level, SourcedObject } from './tree.ts';

/** Where one level's objects go. */
export interface Placement {
  /** Objects built by components of this level. */
  components: SourcedObject[];
  /** Objects the level's transform adds after the lower levels' overlays. */
  added: SourcedObject[];
  /** Secrets, which become generators of the level (their values never enter code). */
  secrets: SourcedObject[];
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
