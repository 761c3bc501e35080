/**
 * The special keys of a strategic merge patch, as the Kubernetes API server reads them
 * (https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md).
 */
import { isPlainObject, setOwn } from '../../util/plain-object.ts';

/** `$patch: delete | replace | merge` on a map or on an element of a list merged by key. */
export const PATCH_KEY = '$patch';

/** `$retainKeys: [field, ...]`: fields of the target map not listed are cleared. */
export const RETAIN_KEYS_KEY = '$retainKeys';

/** `$deleteFromPrimitiveList/<field>: [value, ...]`: values removed from a merged list of scalars. */
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList/';

/** `$setElementOrder/<field>: [...]`: the order the merged list should have. */
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder/';

/** The values `$patch` may take. */
export type PatchDirective = 'delete' | 'replace' | 'merge';

/** True for `delete`, `replace` and `merge`. */
export function isPatchDirective(value: unknown): value is PatchDirective {
  return value === 'delete' || value === 'replace' || value === 'merge';
}

/**
 * True for a patch whose top level says `$patch: delete`: Kustomize removes the target object
 * instead of patching it, and the overlay engine does the same.
 */
export function isDeletePatch(patch: unknown): boolean {
  return isPlainObject(patch) && patch[PATCH_KEY] === 'delete';
}

/** The field a parallel-list directive key names: `$setElementOrder/env` → `env`. */
export function parallelListField(key: string): { directive: 'delete' | 'order'; field: string } | undefined {
  if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
    return { directive: 'delete', field: key.slice(DELETE_FROM_PRIMITIVE_LIST_PREFIX.length) };
  }
  if (key.startsWith(SET_ELEMENT_ORDER_PREFIX)) {
    return { directive: 'order', field: key.slice(SET_ELEMENT_ORDER_PREFIX.length) };
  }
  return undefined;
}

/** A deep copy of JSON-like data (plain objects, arrays, scalars). */
export function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, cloneJson(v));
    return out as T;
  }
  return value;
}

/** Copies the symbol-keyed marks (e.g. the generated mark) of `from` onto the fresh object `to`. */
export function keepMarks<T extends object>(from: object, to: T): T {
  for (const sym of Object.getOwnPropertySymbols(from)) {
    const desc = Object.getOwnPropertyDescriptor(from, sym);
    if (desc) Object.defineProperty(to, sym, desc);
  }
  return to;
}

/**
 * Orders a merged list as the API server does (`normalizeElementOrder`): the elements the patch
 * names keep the patch's order, the others keep the target's order, and the target-only ones are
 * woven in before the first patch element that came later in the target. A new element the
 * target did not have therefore lands before the target-only elements that follow it.
 */
export function orderMergedList(merged: unknown[], patchOrder: unknown[], serverOrder: unknown[], keyOf: (v: unknown) => unknown): unknown[] {
  const indexIn = (list: unknown[], v: unknown) => {
    const k = keyOf(v);
    return list.findIndex((x) => keyOf(x) === k);
  };
  const byIndex = (list: unknown[]) => (a: unknown, b: unknown) => {
    const ia = indexIn(list, a);
    const ib = indexIn(list, b);
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib) || 0;
  };
  const patched = merged.filter((v) => indexIn(patchOrder, v) >= 0).sort(byIndex(patchOrder));
  const serverOnly = merged.filter((v) => indexIn(patchOrder, v) < 0).sort(byIndex(serverOrder));
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patched.length) {
    if (j >= patched.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(patched[j++]);
    else {
      const li = indexIn(serverOrder, serverOnly[i]);
      const ri = indexIn(serverOrder, patched[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patched[j++]);
    }
  }
  return out;
}

/**
 * Orders a merged list as Kustomize (kyaml merge2) writes it: the elements the patch names
 * first, in the patch's order (existing ones merged in, new ones where the patch has them),
 * then the others in their old order. The API server would keep the others in place; kasane
 * follows Kustomize so that an imported tree renders the same
 * (test/conformance/kustomize/smp-list-order).
 */
export function kustomizeListOrder(merged: readonly unknown[], patchKeys: readonly unknown[], keyOf: (v: unknown) => unknown): unknown[] {
  const named: unknown[] = [];
  const rest: unknown[] = [];
  for (const v of merged) (patchKeys.includes(keyOf(v)) ? named : rest).push(v);
  named.sort((a, b) => patchKeys.indexOf(keyOf(a)) - patchKeys.indexOf(keyOf(b)));
  return [...named, ...rest];
}
