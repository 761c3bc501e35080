/**
 * `into.push(...items)` without spreading: a spread passes every item as an argument, and a
 * file of 200,000 documents overflows the stack that way.
 */
export function appendAll<T>(into: T[], items: Iterable<T>): T[] {
  for (const item of items) into.push(item);
  return into;
}
