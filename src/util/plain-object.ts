/**
 * Plain data: what JSON and YAML parse to and what builders return. Every walk over objects
 * tells a plain object from arrays, class instances and null with this one test, and reads and
 * writes keys that come from input as own properties only (`__proto__` is a key like any other).
 */

/** True for a plain object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  // Arrays, Dates, Maps and class instances all have another prototype.
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Sets `obj[key] = value` as an own data property. Plain assignment of `__proto__` would set
 * the prototype instead (or do nothing), so data keys from input must go through here.
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** `obj[key]` when `obj` has it as its own property; never a value from the prototype chain. */
export function getOwn(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}
