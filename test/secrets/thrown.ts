/** The KasaneError `fn` throws, for asserting its code and findings. */
export function thrown(fn: () => unknown): { code: string; findings: { path?: readonly (string | number)[]; message: string; hint?: string; object?: unknown }[] } {
  try {
    fn();
  } catch (error) {
    return error as ReturnType<typeof thrown>;
  }
  throw new Error('expected the call to throw');
}

/** Freezes `value` and everything reachable from it, so code that mutates its input throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<string | symbol, unknown>)[key]);
  }
  return value;
}
