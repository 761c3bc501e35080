/**
 * Plain data: what JSON and YAML parse to and what builders return. Every walk over objects
 * tells a plain object from arrays, class instances and null with this one test.
 */

/** True for a plain object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  // Arrays, Dates, Maps and class instances all have another prototype.
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
