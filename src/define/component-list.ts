/** The `mixins` list of an environment or a mixin: each entry a mixin, anything else a clear error. */
import { describeEntry } from './members.ts';

/** Checks that every entry of `mixins` was made by `defineMixin`. */
export function checkMixins(mixins: readonly unknown[] | undefined, owner: string, fail: (message: string, hint: string) => never): void {
  (mixins ?? []).forEach((m, i) => {
    if ((m as { kind?: unknown } | undefined)?.kind !== 'kasane.mixin')
      fail(`expected a mixin at mixins[${i}] of ${owner}, found ${describeEntry(m)}`, 'import the mixin module and list its default export');
  });
}
