/**
 * Which fields an overlay step changed, for provenance: the outermost fields it set, added or
 * removed. Elements of lists merged by key (containers by name, env by name, volumes by name)
 * are named by their key (`containers[name=istio-proxy]`), because a later patch may add an
 * element before them and move their index; other lists are compared by position when their
 * length is the same, else as a whole.
 */
import { keySegment, type FieldPath } from '../errors.ts';
import { fieldOf, rootTypeOf, type FieldInfo } from '../k8s/merge-keys.ts';
import type { KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { sameJson } from '../util/same-json.ts';

/** The outermost fields where `after` differs from `before` (an object of the same kind). */
export function changedFields(before: KObject, after: KObject): FieldPath[] {
  const out: FieldPath[] = [];
  diffValue(before, after, [], rootTypeOf(after), out);
  return out;
}

function diffValue(a: unknown, b: unknown, path: FieldPath, typeId: string | undefined, out: FieldPath[]): void {
  if (sameJson(a, b)) return;
  if (!isPlainObject(a) || !isPlainObject(b)) {
    out.push(path);
    return;
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    diffField(a[key], b[key], [...path, key], typeId === undefined ? undefined : fieldOf(typeId, key), out);
  }
}

function diffField(a: unknown, b: unknown, path: FieldPath, field: FieldInfo | undefined, out: FieldPath[]): void {
  if (a === undefined || b === undefined) {
    if (a !== b) out.push(path);
  } else if (field?.map && isPlainObject(a) && isPlainObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) diffValue(a[key], b[key], [...path, key], field.type, out);
  } else if (Array.isArray(a) && Array.isArray(b)) {
    diffList(a, b, path, field, out);
  } else diffValue(a, b, path, field?.type, out);
}

function diffList(a: unknown[], b: unknown[], path: FieldPath, field: FieldInfo | undefined, out: FieldPath[]): void {
  const before = keyedElements(a, field?.mergeKey);
  const after = keyedElements(b, field?.mergeKey);
  if (before && after) {
    for (const [segment, element] of after) {
      if (before.has(segment)) diffValue(before.get(segment), element, [...path, segment], field?.type, out);
      else out.push([...path, segment]);
    }
    for (const segment of before.keys()) if (!after.has(segment)) out.push([...path, segment]);
  } else if (a.length === b.length) {
    a.forEach((element, i) => diffValue(element, b[i], [...path, i], field?.type, out));
  } else if (!sameJson(a, b)) out.push(path);
}

/** The elements of a list by their key segment, or undefined when some element has no usable, unique key. */
function keyedElements(list: readonly unknown[], mergeKey: string | undefined): Map<string, unknown> | undefined {
  if (mergeKey === undefined) return undefined;
  const out = new Map<string, unknown>();
  for (const element of list) {
    const key = isPlainObject(element) ? element[mergeKey] : undefined;
    const segment = typeof key === 'string' || typeof key === 'number' ? keySegment(mergeKey, key) : undefined;
    if (segment === undefined || out.has(segment)) return undefined;
    out.set(segment, element);
  }
  return out;
}

/**
 * `path` inside `object` with the index of every element of a list merged by key replaced by
 * its key segment, as {@link changedFields} names them: `spec.template.spec.containers[1]` →
 * `spec.template.spec.containers[name=istio-proxy]`.
 */
export function keyedPath(object: KObject, path: FieldPath): FieldPath {
  const out: (string | number)[] = [];
  let at: unknown = object;
  let typeId = rootTypeOf(object);
  let field: FieldInfo | undefined;
  let inMap = false;
  for (const part of path) {
    const element = at !== null && typeof at === 'object' ? (at as Record<string | number, unknown>)[part] : undefined;
    if (typeof part === 'number') {
      const key = field?.mergeKey !== undefined && isPlainObject(element) ? element[field.mergeKey] : undefined;
      out.push((typeof key === 'string' || typeof key === 'number' ? keySegment(field!.mergeKey!, key) : undefined) ?? part);
      typeId = field?.type;
      field = undefined;
    } else {
      out.push(part);
      if (inMap) {
        typeId = field?.type;
        field = undefined;
        inMap = false;
      } else {
        field = typeId === undefined ? undefined : fieldOf(typeId, part);
        inMap = !!field?.map;
        if (!field?.list && !field?.map) typeId = field?.type;
      }
    }
    at = element;
  }
  return out;
}
