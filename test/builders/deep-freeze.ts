/** Freezes `value` and everything reachable from it, so a builder that mutates its props throws. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<string | symbol, unknown>)[key]);
  }
  return value;
}

/** The error `fn` throws, for asserting its code and findings. */
export function thrown(fn: () => unknown): { code: string; findings: { path?: readonly (string | number)[]; message: string; hint?: string }[] } {
  try {
    fn();
  } catch (error) {
    return error as ReturnType<typeof thrown>;
  }
  throw new Error('expected the call to throw');
}
