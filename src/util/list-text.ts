/**
 * Lists for messages that stay readable at any size: a finding that names a thousand files
 * names the first few and counts the rest.
 */

/** How many items a message names before it counts the rest. */
export const LISTED_ITEMS = 3;

/**
 * `items` joined with `, `, at most `shown` of them, then ` and N more` for the rest
 * (`a, b, c and 997 more`). Empty for no items.
 */
export function listFirst(items: readonly string[], shown = LISTED_ITEMS): string {
  const head = items.slice(0, shown).join(', ');
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}
