/**
 * The `components` list of an environment or a mixin: each entry a component (used with its
 * defaults) or `component.with(values)`, anything else a clear error.
 */
import type { SourceLocation } from '../errors.ts';
import { isComponent, isComponentUse, type Component, type ComponentUse } from '../project/component.ts';

function describe(value: unknown): string {
  if (value === undefined) return 'undefined (a missing import or a circular import?)';
  return typeof value === 'object' && value !== null ? 'an object' : JSON.stringify(value);
}

/**
 * `entries` as component uses. `fail` throws the caller's error for entry `i`.
 * @example componentUses([api, web.with({ replicas: 2 })], 'environment \'prod\'', fail, source)
 */
export function componentUses(
  entries: readonly (Component<any> | ComponentUse<any>)[],
  owner: string,
  fail: (message: string, hint: string) => never,
  source: SourceLocation | undefined,
): ComponentUse<any>[] {
  return entries.map((entry, i) => {
    if (isComponentUse(entry)) return entry;
    if (isComponent(entry)) return { kind: 'kasane.component-use' as const, component: entry, values: {}, ...(source ? { source } : {}) };
    return fail(`expected a component or component.with(...) at components[${i}] of ${owner}, found ${describe(entry)}`, 'import the component module and list its default export');
  });
}

/** Checks that every entry of `mixins` was made by `defineMixin`. */
export function checkMixins(mixins: readonly unknown[] | undefined, owner: string, fail: (message: string, hint: string) => never): void {
  (mixins ?? []).forEach((m, i) => {
    if ((m as { kind?: unknown } | undefined)?.kind !== 'kasane.mixin')
      fail(`expected a mixin at mixins[${i}] of ${owner}, found ${describe(m)}`, 'import the mixin module and list its default export');
  });
}
