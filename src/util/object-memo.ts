/**
 * A memo of per-object work across renders: what a step computed from one object, looked up
 * by a key of exactly what the step reads (the object's content and the step's context). The
 * stages only ask and tell; the caller decides where the memo lives and what it keeps (see
 * incremental/object-memo.ts), so a stage stays a function from data to data.
 */

/** Per-object results, as text, by key. */
export interface ObjectMemo {
  /**
   * The key of `step`'s result for `object` when the step reads nothing but the object and
   * `context` (every other input of the step, as text); undefined when the object may not be
   * memoised (it cannot be keyed exactly, or it holds what the memo must not keep).
   */
  keyOf(step: string, context: string, object: object): string | undefined;
  get(key: string): string | undefined;
  set(key: string, text: string): void;
}

/**
 * `compute()`, the text `step` makes of `object` in `context`, through `memo`: the kept text
 * when there is one, else computed and kept. Without a memo, or for an object it may not
 * keep, simply `compute()`.
 */
export function memoized(memo: ObjectMemo | undefined, step: string, context: string, object: object, compute: () => string): string {
  const key = memo?.keyOf(step, context, object);
  if (key === undefined) return compute();
  const kept = memo!.get(key);
  if (kept !== undefined) return kept;
  const text = compute();
  memo!.set(key, text);
  return text;
}
