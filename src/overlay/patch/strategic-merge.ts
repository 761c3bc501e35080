/**
 * Strategic merge patch with the Kubernetes API server's rules (k8s.io/apimachinery
 * `strategicpatch`): maps merge, lists with a merge key merge by key, lists of scalars with the
 * `merge` strategy merge as sets, other lists are replaced; `null` deletes; the directives
 * `$patch`, `$retainKeys`, `$deleteFromPrimitiveList/<field>` and `$setElementOrder/<field>`.
 * Kinds outside the built-in type graph (custom resources) get a JSON merge patch (RFC 7386), as
 * Kustomize gives them.
 */
import { didYouMean, errorFinding, KasaneError, type FieldPath, type ObjectRef } from '../../errors.ts';
import { fieldOf, fieldsOf, rootTypeOf, type FieldInfo } from '../../k8s/merge-keys.ts';
import { refOf, type KObject } from '../../k8s/object.ts';
import { getOwn, isPlainObject, setOwn } from '../../util/plain-object.ts';
import { cloneJson, isDeletePatch, keepMarks, kustomizeListOrder, orderMergedList, parallelListField, PATCH_KEY, RETAIN_KEYS_KEY } from './directives.ts';

type JsonMap = Record<string, unknown>;

/** Options of {@link applyStrategicMerge}. */
export interface StrategicMergeOptions {
  /** The object errors name. Default: the target's own apiVersion, kind, namespace and name. */
  object?: ObjectRef;
}

interface Ctx {
  object: ObjectRef;
}

function fail(ctx: Ctx, code: string, message: string, path: FieldPath, hint: string): never {
  throw new KasaneError(errorFinding(code, message, { hint, object: ctx.object, path }));
}

/**
 * Applies a strategic merge patch to one object and returns the patched copy; neither input is
 * changed. Copy-on-write: the maps and lists on the patch's keys are new, every other subtree
 * is shared with `target` (so neither may be changed in place afterwards); values taken from
 * the patch are copied. A top-level `$patch: delete` removes the object: check it with `isDeletePatch` first.
 * @throws {@link KasaneError} `overlay/patch-unknown-field` for a field the kind does not have,
 * `overlay/patch-missing-merge-key` for a list element without its merge key,
 * `overlay/patch-invalid-directive` for a directive that is malformed or in the wrong place,
 * `overlay/patch-invalid-value` for a patch that is not a map or a list that cannot merge.
 * @example applyStrategicMerge(deployment, { spec: { replicas: 3 } })
 */
export function applyStrategicMerge(target: KObject, patch: object, options: StrategicMergeOptions = {}): KObject {
  const ctx: Ctx = { object: options.object ?? refOf(target) };
  if (!isPlainObject(patch)) {
    fail(ctx, 'overlay/patch-invalid-value', `expected the patch to be a map, received ${JSON.stringify(patch)}`, [], 'write the patch as an object with the fields to change');
  }
  if (isDeletePatch(patch)) {
    fail(
      ctx,
      'overlay/patch-invalid-directive',
      "expected a patch to merge, received '$patch: delete' for the whole object",
      [PATCH_KEY],
      'let the overlay engine remove the object (isDeletePatch) instead of merging',
    );
  }
  const typeId = rootTypeOf(target);
  const merged = typeId === undefined ? jsonMergePatch(target, patch) : mergeMap(target, patch, typeId, [], ctx);
  return keepMarks(target, merged as KObject);
}

/**
 * RFC 7386 JSON merge patch: maps merge, `null` deletes, everything else replaces. The result
 * shares the target's subtrees that the patch does not touch.
 */
export function jsonMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return cloneJson(patch);
  const out: JsonMap = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else setOwn(out, key, jsonMergePatch(getOwn(out, key), value));
  }
  return out;
}

function mergeMap(orig: JsonMap | undefined, patch: JsonMap, typeId: string | undefined, path: FieldPath, ctx: Ctx): JsonMap {
  const directive = patch[PATCH_KEY];
  if (directive === 'delete') return {};
  if (directive === 'replace') return mergeMap(undefined, withoutKey(patch, PATCH_KEY), typeId, path, ctx);
  if (directive !== undefined && directive !== 'merge') {
    fail(
      ctx,
      'overlay/patch-invalid-directive',
      `expected '$patch' to be 'delete', 'replace' or 'merge', received ${JSON.stringify(directive)}`,
      [...path, PATCH_KEY],
      "use '$patch: delete' to remove this map or '$patch: replace' to replace it",
    );
  }
  const out: JsonMap = orig ? { ...orig } : {};
  if (RETAIN_KEYS_KEY in patch) applyRetainKeys(out, patch, path, ctx);
  const orders: [string, unknown][] = [];
  const entries = Object.entries(patch).filter(([k]) => k !== PATCH_KEY && k !== RETAIN_KEYS_KEY);
  // Parallel deletion lists first, so a value both deleted and added ends up present.
  entries.sort(([a], [b]) => Number(parallelListField(b)?.directive === 'delete') - Number(parallelListField(a)?.directive === 'delete'));
  for (const [key, value] of entries) {
    const parallel = isField(typeId, key) ? undefined : parallelListField(key);
    if (parallel?.directive === 'order') orders.push([parallel.field, value]);
    else if (parallel) deleteFromPrimitiveList(out, parallel.field, value, typeId, [...path, key], ctx);
    else mergeField(out, key, value, typeId, path, ctx);
  }
  for (const [field, order] of orders) setElementOrder(out, orig?.[field], field, order, typeId, path, ctx);
  return out;
}

function isField(typeId: string | undefined, key: string): boolean {
  return typeId !== undefined && fieldOf(typeId, key) !== undefined;
}

function mergeField(out: JsonMap, key: string, value: unknown, typeId: string | undefined, path: FieldPath, ctx: Ctx): void {
  const fields = typeId === undefined ? undefined : fieldsOf(typeId);
  const field = fields?.get(key);
  const at = [...path, key];
  if (fields && !field) {
    if (key.startsWith('$')) {
      fail(
        ctx,
        'overlay/patch-invalid-directive',
        `expected a field or a known directive, received '${key}'`,
        at,
        "directives are '$patch', '$retainKeys', '$deleteFromPrimitiveList/<field>' and '$setElementOrder/<field>'",
      );
    }
    const names = [...fields.keys()];
    fail(
      ctx,
      'overlay/patch-unknown-field',
      `expected a field of ${typeId}, received '${key}'${didYouMean(key, names)}`,
      at,
      `check the spelling; ${typeId} has ${names.map((n) => `'${n}'`).join(', ')}`,
    );
  }
  if (value === null) {
    delete out[key];
    return;
  }
  setOwn(out, key, mergeValue(getOwn(out, key), value, field, at, ctx));
}

function mergeValue(orig: unknown, patch: unknown, field: FieldInfo | undefined, path: FieldPath, ctx: Ctx): unknown {
  if (isPlainObject(patch)) {
    if (field?.map) return mergeFreeMap(isPlainObject(orig) ? orig : undefined, patch, field, path, ctx);
    const base = isPlainObject(orig) && field?.strategy !== 'replace' ? orig : undefined;
    return mergeMap(base, patch, field?.type, path, ctx);
  }
  if (Array.isArray(patch)) {
    if (Array.isArray(orig) && field?.strategy?.startsWith('merge')) return mergeList(orig, patch, field, path, ctx);
    if (field?.strategy?.startsWith('merge')) return mergeList([], patch, field, path, ctx);
    return replaceList(patch, field, path, ctx);
  }
  return patch;
}

function mergeFreeMap(orig: JsonMap | undefined, patch: JsonMap, field: FieldInfo, path: FieldPath, ctx: Ctx): JsonMap {
  const directive = patch[PATCH_KEY];
  if (directive === 'delete') return {};
  const base: JsonMap = directive === 'replace' ? {} : orig ? { ...orig } : {};
  const valueField: FieldInfo | undefined = field.type ? { name: field.name, type: field.type, list: false, map: false } : undefined;
  for (const [key, value] of Object.entries(patch)) {
    if (key === PATCH_KEY) continue;
    if (value === null) delete base[key];
    else setOwn(base, key, mergeValue(getOwn(base, key), value, valueField, [...path, key], ctx));
  }
  return base;
}

function replaceList(patch: unknown[], field: FieldInfo | undefined, path: FieldPath, ctx: Ctx): unknown[] {
  return patch.flatMap((el, i) => {
    if (!isPlainObject(el)) return [cloneJson(el)];
    const directive = el[PATCH_KEY];
    if (directive === 'replace' && Object.keys(el).length === 1) return [];
    if (directive !== undefined) {
      fail(
        ctx,
        'overlay/patch-invalid-directive',
        `expected '$patch' only in lists merged by key, received it in '${field?.name ?? String(path[path.length - 1])}', which a patch replaces wholesale`,
        [...path, i, PATCH_KEY],
        'write the whole list as it should be: this list has no merge key',
      );
    }
    return [mergeMap(undefined, el, field?.type, [...path, i], ctx)];
  });
}

/**
 * Element types whose lists Kustomize merges by two keys (a port is its number plus
 * `protocol`). When every element has both, Kustomize merges existing elements in place and
 * puts new ones first; otherwise it merges by the first key alone and puts every element the
 * patch names first (checked with kubectl: test/conformance/patch/smp-service-type,
 * smp-ports-by-containerport, test/conformance/kustomize/smp-list-order).
 */
const SECOND_MERGE_KEY: Readonly<Record<string, string>> = { 'core/v1.ServicePort': 'protocol', 'core/v1.ContainerPort': 'protocol' };

function mergedByTwoKeys(field: FieldInfo, elements: readonly unknown[]): boolean {
  const second = field.type === undefined ? undefined : SECOND_MERGE_KEY[field.type];
  return second !== undefined && elements.every((el) => isPlainObject(el) && el[field.mergeKey!] !== undefined && el[second] !== undefined);
}

function mergeList(orig: unknown[], patch: unknown[], field: FieldInfo, path: FieldPath, ctx: Ctx): unknown[] {
  const key = field.mergeKey;
  if (key === undefined) {
    const bad = [...orig, ...patch].findIndex((el) => isPlainObject(el) || Array.isArray(el));
    if (bad >= 0) {
      fail(
        ctx,
        'overlay/patch-invalid-value',
        `expected scalars in '${field.name}', which merges as a set, received ${JSON.stringify([...orig, ...patch][bad])}`,
        path,
        'list plain values such as strings',
      );
    }
    const merged = [...orig, ...patch].filter((v, i, all) => all.indexOf(v) === i);
    return kustomizeListOrder(merged, patch, (v) => v);
  }
  let base = orig.slice();
  let replace = false;
  const items: { el: JsonMap; i: number }[] = [];
  patch.forEach((el, i) => {
    if (!isPlainObject(el)) {
      fail(ctx, 'overlay/patch-invalid-value', `expected a map in '${field.name}', received ${JSON.stringify(el)}`, [...path, i], `write each element as a map with its '${key}'`);
    }
    const directive = el[PATCH_KEY];
    if (directive === 'replace') {
      replace = true;
      return;
    }
    if (directive !== undefined && directive !== 'delete' && directive !== 'merge') {
      fail(
        ctx,
        'overlay/patch-invalid-directive',
        `expected '$patch' to be 'delete', 'replace' or 'merge', received ${JSON.stringify(directive)}`,
        [...path, i, PATCH_KEY],
        `use '$patch: delete' with the element's '${key}' to remove it`,
      );
    }
    if (!(key in el)) {
      fail(
        ctx,
        'overlay/patch-missing-merge-key',
        `expected merge key '${key}' in each element of '${field.name}', received ${JSON.stringify(el)}`,
        [...path, i],
        `add '${key}' to name the element to ${directive === 'delete' ? 'delete' : 'merge'}`,
      );
    }
    if (directive === 'delete') base = base.filter((o) => !(isPlainObject(o) && o[key] === el[key]));
    else items.push({ el: directive === 'merge' ? withoutKey(el, PATCH_KEY) : el, i });
  });
  if (replace) return items.map(({ el, i }) => mergeMap(undefined, el, field.type, [...path, i], ctx));
  const merged = base.slice();
  for (const { el, i } of items) {
    const at = merged.findIndex((o) => isPlainObject(o) && o[key] === el[key]);
    const current = at >= 0 ? merged[at] : undefined;
    const value = mergeMap(isPlainObject(current) ? current : undefined, el, field.type, [...path, i], ctx);
    if (at >= 0) merged[at] = value;
    else merged.push(value);
  }
  if (mergedByTwoKeys(field, [...base, ...items.map(({ el }) => el)])) return [...merged.slice(base.length), ...merged.slice(0, base.length)];
  const keyOf = (v: unknown) => (isPlainObject(v) ? v[key] : undefined);
  return kustomizeListOrder(
    merged,
    items.map(({ el }) => el[key]),
    keyOf,
  );
}

function applyRetainKeys(out: JsonMap, patch: JsonMap, path: FieldPath, ctx: Ctx): void {
  const keep = patch[RETAIN_KEYS_KEY];
  const at = [...path, RETAIN_KEYS_KEY];
  if (!Array.isArray(keep) || !keep.every((k) => typeof k === 'string')) {
    fail(ctx, 'overlay/patch-invalid-directive', `expected '$retainKeys' to be a list of field names, received ${JSON.stringify(keep)}`, at, 'list the fields of this map to keep, e.g. [type]');
  }
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k === RETAIN_KEYS_KEY || k === PATCH_KEY || parallelListField(k)) continue;
    if (!keep.includes(k)) {
      fail(ctx, 'overlay/patch-invalid-directive', `expected every field the patch sets to be listed in '$retainKeys', '${k}' is not`, at, `add '${k}' to '$retainKeys' or remove it from the patch`);
    }
  }
  for (const k of Object.keys(out)) if (!keep.includes(k)) delete out[k];
}

function deleteFromPrimitiveList(out: JsonMap, name: string, values: unknown, typeId: string | undefined, path: FieldPath, ctx: Ctx): void {
  const field = typeId === undefined ? undefined : fieldOf(typeId, name);
  if (!Array.isArray(values) || (field && (!field.list || field.mergeKey !== undefined))) {
    fail(
      ctx,
      'overlay/patch-invalid-directive',
      `expected '$deleteFromPrimitiveList/${name}' to list values of a list of scalars, received ${JSON.stringify(values)}`,
      path,
      field?.mergeKey ? `delete elements of '${name}' with '$patch: delete' and their '${field.mergeKey}'` : 'list the values to remove',
    );
  }
  const current = out[name];
  if (Array.isArray(current)) out[name] = current.filter((v) => !values.includes(v));
}

function setElementOrder(out: JsonMap, origList: unknown, name: string, order: unknown, typeId: string | undefined, path: FieldPath, ctx: Ctx): void {
  const field = typeId === undefined ? undefined : fieldOf(typeId, name);
  const key = field?.mergeKey;
  const at = [...path, `$setElementOrder/${name}`];
  if (!Array.isArray(order) || (key !== undefined && !order.every((o) => isPlainObject(o) && key in o))) {
    fail(
      ctx,
      'overlay/patch-invalid-directive',
      `expected '$setElementOrder/${name}' to be a list${key ? ` of maps with '${key}'` : ''}, received ${JSON.stringify(order)}`,
      at,
      key ? `write each entry as { ${key}: ... }` : 'list the values in the order wanted',
    );
  }
  const current = out[name];
  if (!Array.isArray(current)) return;
  const keyOf = (v: unknown) => (key === undefined ? v : isPlainObject(v) ? v[key] : undefined);
  out[name] = orderMergedList(current, order, Array.isArray(origList) ? origList : [], keyOf);
}

function withoutKey(map: JsonMap, key: string): JsonMap {
  const { [key]: _dropped, ...rest } = map;
  return rest;
}
