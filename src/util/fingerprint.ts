/**
 * Fingerprints of data: a text that is the same for two values exactly when every consumer
 * would see the same value, for cache keys. Unlike JSON, nothing is dropped or merged: an
 * `undefined` member, `-0`, a bigint, a regular expression, a hole in a list and a symbol-keyed
 * mark each have their own spelling. A function cannot be read as data: it is written as a
 * marker and `functions` says that the key must also cover the code that made it (a module
 * graph). Values no text can stand for (class instances other than RegExp and Date, Maps,
 * cycles) have no fingerprint: whatever holds them is not cached.
 */
import { createHash } from 'node:crypto';

/** The fingerprint text of a value, and whether it holds functions. */
export interface Fingerprint {
  text: string;
  functions: boolean;
}

/** The hex SHA-1 of a text or bytes: a cache key, not a security boundary. */
export function digestOf(data: string | Uint8Array): string {
  return createHash('sha1').update(data).digest('hex');
}

/**
 * The fingerprint of `value`, or undefined when it holds something no text can stand for.
 * Object members are written in their own order: two objects with the same members in another
 * order have different fingerprints (a cache miss, never a wrong hit).
 */
export function fingerprint(value: unknown): Fingerprint | undefined {
  const state = { parts: [] as string[], functions: false, open: new Set<object>() };
  return write(value, state) ? { text: state.parts.join(''), functions: state.functions } : undefined;
}

interface WriteState {
  parts: string[];
  functions: boolean;
  /** The objects on the way down, to refuse cycles. */
  open: Set<object>;
}

function write(value: unknown, state: WriteState): boolean {
  switch (typeof value) {
    case 'string':
      state.parts.push(JSON.stringify(value));
      return true;
    case 'number':
      state.parts.push(Object.is(value, -0) ? '-0' : String(value));
      return true;
    case 'bigint':
      state.parts.push(`${value}n`);
      return true;
    case 'boolean':
      state.parts.push(value ? 't' : 'f');
      return true;
    case 'undefined':
      state.parts.push('u');
      return true;
    case 'function':
      state.functions = true;
      state.parts.push('F');
      return true;
    case 'symbol':
      return false;
    default:
      return value === null ? (state.parts.push('n'), true) : writeObject(value as object, state);
  }
}

function writeObject(value: object, state: WriteState): boolean {
  if (state.open.has(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (value instanceof RegExp) {
    state.parts.push(`r${JSON.stringify(String(value))}`);
    return true;
  }
  if (value instanceof Date) {
    state.parts.push(`d${value.getTime()}`);
    return true;
  }
  const isArray = Array.isArray(value);
  if (!isArray && proto !== Object.prototype && proto !== null) return false;
  state.open.add(value);
  const ok = isArray ? writeArray(value as unknown[], state) : writeMembers(value as Record<string | symbol, unknown>, state);
  state.open.delete(value);
  return ok;
}

function writeArray(list: readonly unknown[], state: WriteState): boolean {
  state.parts.push('[');
  for (let i = 0; i < list.length; i++) {
    if (i > 0) state.parts.push(',');
    if (!(i in list)) state.parts.push('h');
    else if (!write(list[i], state)) return false;
  }
  state.parts.push(']');
  return true;
}

function writeMembers(record: Record<string | symbol, unknown>, state: WriteState): boolean {
  state.parts.push('{');
  let first = true;
  for (const key of Reflect.ownKeys(record)) {
    const descriptor = Object.getOwnPropertyDescriptor(record, key)!;
    // Non-enumerable members are marks nobody reads as data (the call stack of a builder call).
    if (!descriptor.enumerable) continue;
    if (!first) state.parts.push(',');
    first = false;
    state.parts.push(typeof key === 'symbol' ? `@${JSON.stringify(key.description ?? '')}:` : `${JSON.stringify(key)}:`);
    if (descriptor.get || descriptor.set) return false;
    if (!write(descriptor.value, state)) return false;
  }
  state.parts.push('}');
  return true;
}

/**
 * The JSON text of `value` when JSON holds it exactly (plain objects and lists of strings,
 * finite numbers other than `-0`, booleans and null, no `undefined` member, no hole);
 * undefined otherwise. Symbol-keyed marks are left out, as JSON leaves them out. For values
 * that go into a cache as JSON and are read back as data.
 */
export function exactJson(value: unknown): string | undefined {
  return isExactJson(value, 0) ? JSON.stringify(value) : undefined;
}

/** Deeper than any Kubernetes object: a deeper value is treated as not plain (and is not cached). */
const MAX_DEPTH = 200;

function isExactJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!(i in value) || !isExactJson(value[i], depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (!isExactJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}
