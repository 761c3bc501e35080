/**
 * Strategic merge with a schema given by a level's `openapi` (Kustomize's `openapi: {path}`):
 * the schema replaces the built-in Kubernetes merge keys, so only the lists it marks
 * (`x-kubernetes-patch-merge-key` with strategy `merge`) merge by key; every other list is
 * replaced and maps merge as in a JSON merge patch. A kind the schema does not describe has no
 * merge keys at all, as in Kustomize.
 */
import { gvkOf, type KObject } from '../../k8s/object.ts';
import type { OpenApiMergeKeys } from '../../project/overlay-options.ts';
import { getOwn, isPlainObject, setOwn } from '../../util/plain-object.ts';
import { cloneJson, keepMarks, kustomizeListOrder, PATCH_KEY } from './directives.ts';

type JsonMap = Record<string, unknown>;

/** The merged lists of `object`'s kind in `openapi`: slash-separated path → merge key. */
export function describedBy(openapi: OpenApiMergeKeys, object: KObject): ReadonlyMap<string, string> {
  const { group, version, kind } = gvkOf(object);
  const id = `${group ? `${group}/` : ''}${version}/${kind}`;
  return new Map(openapi.lists.filter((l) => l.kind === id).map((l) => [l.path, l.mergeKey]));
}

function mergeList(orig: unknown[], patch: unknown[], key: string, path: string, keys: ReadonlyMap<string, string>): unknown[] {
  const merged = orig.slice();
  const named: unknown[] = [];
  for (const el of patch) {
    if (!isPlainObject(el) || !(key in el)) {
      merged.push(cloneJson(el));
      continue;
    }
    const at = merged.findIndex((o) => isPlainObject(o) && o[key] === el[key]);
    if (el[PATCH_KEY] === 'delete') {
      if (at >= 0) merged.splice(at, 1);
      continue;
    }
    const value = mergeValue(at >= 0 ? merged[at] : undefined, el, path, keys);
    if (at >= 0) merged[at] = value;
    else merged.push(value);
    named.push(el[key]);
  }
  return kustomizeListOrder(merged, named, (v) => (isPlainObject(v) ? v[key] : undefined));
}

function mergeValue(orig: unknown, patch: unknown, path: string, keys: ReadonlyMap<string, string>): unknown {
  if (isPlainObject(patch)) {
    if (patch[PATCH_KEY] === 'replace') {
      const { [PATCH_KEY]: _d, ...rest } = patch;
      return mergeValue(undefined, rest, path, keys);
    }
    const out: JsonMap = isPlainObject(orig) ? { ...orig } : {};
    for (const [k, v] of Object.entries(patch)) {
      if (k === PATCH_KEY) continue;
      if (v === null) delete out[k];
      else setOwn(out, k, mergeValue(getOwn(out, k), v, path === '' ? k : `${path}/${k}`, keys));
    }
    return out;
  }
  const key = keys.get(path);
  if (Array.isArray(patch) && Array.isArray(orig) && key !== undefined) return mergeList(orig, patch, key, path, keys);
  return cloneJson(patch);
}

/** `target` with `patch` merged under the merge keys `keys` (path → key); neither input changes. */
export function applyOpenApiMerge(target: KObject, patch: object, keys: ReadonlyMap<string, string>): KObject {
  return keepMarks(target, mergeValue(target, patch, '', keys) as KObject);
}
