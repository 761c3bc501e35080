/**
 * Walks a field path inside a plain object the way Kustomize's field specs do: maps by key,
 * arrays element by element. Used by the transforms on their own copies of objects.
 */
import { isPlainObject } from '../../util/plain-object.ts';

/** Called at the end of a path with the value found (maybe undefined) and the map holding it. */
export type FieldUpdate = (value: unknown, parent: Record<string, unknown>, key: string) => unknown;

/**
 * Replaces the value at `path` under `node` (in place) with what `update` returns; `undefined`
 * leaves it as it is. With `create`, missing maps on the way and at the end are created as
 * `{}`; without it, a missing field is not visited. Arrays on the way are walked element by
 * element and never created.
 */
export function updateField(node: Record<string, unknown>, path: readonly string[], create: boolean, update: FieldUpdate): void {
  updateFieldFrom(node, path, 0, create, update);
}

/** {@link updateField} for `path` from index `at` on (no copies of the path on the way). */
function updateFieldFrom(node: Record<string, unknown>, path: readonly string[], at: number, create: boolean, update: FieldUpdate): void {
  const head = path[at];
  if (head === undefined) return;
  const value = node[head];
  if (at === path.length - 1) {
    if ((value === undefined || value === null) && !create) return;
    const next = update(value, node, head);
    if (next !== undefined) node[head] = next;
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) if (isPlainObject(item)) updateFieldFrom(item, path, at + 1, create, update);
    return;
  }
  if (isPlainObject(value)) {
    updateFieldFrom(value, path, at + 1, create, update);
    return;
  }
  if ((value === undefined || value === null) && create) {
    const created: Record<string, unknown> = {};
    node[head] = created;
    updateFieldFrom(created, path, at + 1, create, update);
  }
}

/**
 * Like {@link updateField}, without touching `node`: returns a copy of `node` in which only the
 * maps and lists on the way to a changed value are new (everything else is shared), or
 * `undefined` when `update` changed nothing.
 */
export function updatedField(node: Record<string, unknown>, path: readonly string[], create: boolean, update: FieldUpdate): Record<string, unknown> | undefined {
  return updatedFieldFrom(node, path, 0, create, update);
}

/** {@link updatedField} for `path` from index `at` on. */
function updatedFieldFrom(node: Record<string, unknown>, path: readonly string[], at: number, create: boolean, update: FieldUpdate): Record<string, unknown> | undefined {
  const head = path[at];
  if (head === undefined) return undefined;
  const value = node[head];
  let next: unknown;
  if (at === path.length - 1) {
    if ((value === undefined || value === null) && !create) return undefined;
    next = update(value, node, head);
  } else if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const changed = isPlainObject(item) ? updatedFieldFrom(item, path, at + 1, create, update) : undefined;
      if (changed) (copy ??= [...value])[i] = changed;
    });
    next = copy;
  } else if (isPlainObject(value)) {
    next = updatedFieldFrom(value, path, at + 1, create, update);
  } else if ((value === undefined || value === null) && create) {
    next = updatedFieldFrom({}, path, at + 1, create, update) ?? {};
  }
  return next === undefined ? undefined : { ...node, [head]: next };
}
