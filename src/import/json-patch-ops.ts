/**
 * JSON 6902 operations of a Kustomize patch, written so that kasane's JSON patch (which follows
 * RFC 6902 strictly) does what Kustomize does with them.
 */
import type { JsonPatchOp } from '../project/patch.ts';
import { isPlainObject } from '../util/plain-object.ts';

/**
 * The operations of a Kustomize JSON patch as kasane should apply them. Kustomize's `replace`
 * of a key that its map does not have adds the key (RFC 6902 says it must fail; kasane follows
 * the RFC), so a `replace` whose last token names a map key becomes an `add`, which replaces a
 * key that exists and adds one that does not, and fails like Kustomize under a missing parent.
 * A last token that may index a list (digits, `-`) stays a `replace`: there `add` would insert.
 * Anything else (unknown ops, malformed entries) passes unchanged for the patch to report.
 * See test/conformance/kustomize/json-patch-replace-missing-key.
 * @example kustomizeJsonOps([{ op: 'replace', path: '/metadata/namespace', value: 'ns' }]) // [{ op: 'add', ... }]
 */
export function kustomizeJsonOps(ops: readonly unknown[]): JsonPatchOp[] {
  return ops.map((op) => (isPlainObject(op) && op.op === 'replace' && typeof op.path === 'string' && namesMapKey(op.path) ? { ...op, op: 'add' } : op)) as JsonPatchOp[];
}

function namesMapKey(pointer: string): boolean {
  const last = pointer.slice(pointer.lastIndexOf('/') + 1);
  return pointer.startsWith('/') && last !== '-' && !/^[0-9]+$/.test(last);
}
