import { setOwn } from '../util/plain-object.ts';
import { markOrigin } from '../k8s/origin.ts';

/**
 * Deep copies of builder output: every builder returns an object that shares nothing with its
 * props, so a later patch of the output never reaches a user's (possibly frozen) constants.
 */

/**
 * A deep copy of plain objects and arrays that leaves out `undefined` fields. Own symbol
 * properties (kasane's marks, e.g. the generated mark or a mount's volume) are kept with their
 * enumerability; they never reach the YAML output.
 */
export function freshCopy<T>(value: T): T {
  const out = copy(value);
  // A whole Kubernetes object: remember where the builder was called from (for findings).
  if (out !== null && typeof out === 'object' && typeof (out as { kind?: unknown }).kind === 'string' && typeof (out as { apiVersion?: unknown }).apiVersion === 'string') {
    markOrigin(out as object, freshCopy);
  }
  return out;
}

function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => copy(item)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string | symbol, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) setOwn(out, key, copy(field));
  }
  for (const sym of Object.getOwnPropertySymbols(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, sym)!;
    Object.defineProperty(out, sym, { ...descriptor, value: copy(descriptor.value), writable: true, configurable: true });
  }
  return out as T;
}
