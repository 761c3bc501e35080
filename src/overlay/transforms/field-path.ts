/**
 * Walks a field path inside a plain object the way Kustomize's field specs do: maps by key,
 * arrays element by element. Used by the transforms on their own copies of objects.
 */
import { isPlainObject } from '../../k8s/object.ts';

/** Called at the end of a path with the value found (maybe undefined) and the map holding it. */
export type FieldUpdate = (value: unknown, parent: Record<string, unknown>, key: string) => unknown;

/**
 * Replaces the value at `path` under `node` (in place) with what `update` returns; `undefined`
 * leaves it as it is. With `create`, missing maps on the way and at the end are created as
 * `{}`; without it, a missing field is not visited. Arrays on the way are walked element by
 * element and never created.
 */
export function updateField(node: Record<string, unknown>, path: readonly string[], create: boolean, update: FieldUpdate): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const value = node[head];
  if (rest.length === 0) {
    if ((value === undefined || value === null) && !create) return;
    const next = update(value, node, head);
    if (next !== undefined) node[head] = next;
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) if (isPlainObject(item)) updateField(item, rest, create, update);
    return;
  }
  if (isPlainObject(value)) {
    updateField(value, rest, create, update);
    return;
  }
  if ((value === undefined || value === null) && create) {
    const created: Record<string, unknown> = {};
    node[head] = created;
    updateField(created, rest, create, update);
  }
}

/**
 * Like {@link updateField}, without touching `node`: returns a copy of `node` in which only the
 * maps and lists on the way to a changed value are new (everything else is shared), or
 * `undefined` when `update` changed nothing.
 */
export function updatedField(node: Record<string, unknown>, path: readonly string[], create: boolean, update: FieldUpdate): Record<string, unknown> | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  const value = node[head];
  let next: unknown;
  if (rest.length === 0) {
    if ((value === undefined || value === null) && !create) return undefined;
    next = update(value, node, head);
  } else if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const changed = isPlainObject(item) ? updatedField(item, rest, create, update) : undefined;
      if (changed) (copy ??= [...value])[i] = changed;
    });
    next = copy;
  } else if (isPlainObject(value)) {
    next = updatedField(value, rest, create, update);
  } else if ((value === undefined || value === null) && create) {
    next = updatedField({}, rest, create, update) ?? {};
  }
  return next === undefined ? undefined : { ...node, [head]: next };
}
