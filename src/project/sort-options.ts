/**
 * The check of a `sortOptions` value (Kustomize's field, an environment's prop): the same
 * inputs `kubectl kustomize` refuses are refused here, by the environment or by import.
 */
import type { SortOptions } from '../k8s/kind-order.ts';
import { isPlainObject } from '../util/plain-object.ts';

const isKindList = (v: unknown): boolean => v === undefined || (Array.isArray(v) && v.every((k) => typeof k === 'string'));

/** Why `raw` is not a valid `sortOptions` (message and hint), or undefined when it is. */
export function sortOptionsProblem(raw: unknown): { message: string; hint: string } | undefined {
  if (!isPlainObject(raw) || (raw.order !== 'fifo' && raw.order !== 'legacy')) {
    return {
      message: `expected sortOptions.order to be 'fifo' or 'legacy', found ${JSON.stringify(isPlainObject(raw) ? raw.order : raw) ?? 'none'}`,
      hint: "write sortOptions: { order: 'legacy' } or { order: 'fifo' }",
    };
  }
  const legacy = raw.legacySortOptions;
  if (legacy === undefined) return undefined;
  if (raw.order === 'fifo') return { message: "expected sortOptions.legacySortOptions only with order 'legacy', found order 'fifo'", hint: "remove legacySortOptions or set order: 'legacy'" };
  if (!isPlainObject(legacy) || !isKindList(legacy.orderFirst) || !isKindList(legacy.orderLast)) {
    return {
      message: 'expected sortOptions.legacySortOptions to be { orderFirst, orderLast }, each a list of kinds',
      hint: "write legacySortOptions: { orderFirst: ['Namespace'], orderLast: ['ValidatingWebhookConfiguration'] }",
    };
  }
  return undefined;
}

/** `raw` as sort options when {@link sortOptionsProblem} finds nothing wrong with it. */
export function asSortOptions(raw: unknown): SortOptions | undefined {
  return sortOptionsProblem(raw) ? undefined : (raw as SortOptions);
}
