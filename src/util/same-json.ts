/**
 * The one deep equality: whether two values are the same JSON value, as kasane writes and
 * Kubernetes reads them. Object keys are a set (their order is not part of the value: kasane
 * writes keys sorted); members whose value JSON leaves out (`undefined`, functions, symbols) are
 * absent; in a list such a value, like a non-finite number, is `null`, as `JSON.stringify`
 * writes it. Integers compare by value, bigints included. Used by provenance (did a step
 * change the object?), JSON 6902 `test`, CRD enums and `explain`.
 */
import { isPlainObject } from './plain-object.ts';

/** What JSON writes for a scalar in a list: `null` for values it cannot write. */
function jsonScalar(value: unknown): unknown {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

const skipped = (value: unknown): boolean => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * True when `a` and `b` are the same JSON value (see above). A value that is absent
 * (`undefined`) equals only another absent value. Stops at the first difference.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return sameValue(a, b);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const aObj = a !== null && typeof a === 'object';
  const bObj = b !== null && typeof b === 'object';
  if (!aObj || !bObj) return !aObj && !bObj && jsonScalar(a) === jsonScalar(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(skipped(a[i]) ? null : a[i], skipped(b[i]) ? null : b[i])) return false;
    return true;
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return JSON.stringify(a) === JSON.stringify(b);
  return sameMembers(a, b);
}

/**
 * Two plain objects with the same written members. Objects compared here mostly have their keys
 * in the same order (a copy and its original), so the keys are walked pairwise first; the first
 * pair that differs sends the comparison to {@link sameMemberSet}, which ignores the order.
 */
function sameMembers(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < aKeys.length && skipped(a[aKeys[i]!])) i++;
    while (j < bKeys.length && skipped(b[bKeys[j]!])) j++;
    if (i === aKeys.length || j === bKeys.length) return i === aKeys.length && j === bKeys.length;
    if (aKeys[i] !== bKeys[j]) return sameMemberSet(a, b);
    if (!sameValue(a[aKeys[i]!], b[bKeys[j]!])) return false;
    i++;
    j++;
  }
}

/** Two plain objects with the same written members, in any order. */
function sameMemberSet(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let written = 0;
  for (const key of Object.keys(a)) {
    const value = a[key];
    if (skipped(value)) continue;
    if (!Object.prototype.hasOwnProperty.call(b, key) || skipped(b[key]) || !sameValue(value, b[key])) return false;
    written++;
  }
  for (const key of Object.keys(b)) if (!skipped(b[key])) written--;
  return written === 0;
}
