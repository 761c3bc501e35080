/**
 * The one string order kasane sorts by wherever output depends on order: UTF-16 code units,
 * the same on every machine and locale (never `localeCompare`).
 */

/** Compares two strings by code unit; a comparator for `Array.prototype.sort`. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
