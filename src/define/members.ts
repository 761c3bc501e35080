/**
 * What an environment or a group lists as its components: components and groups, bare or
 * `.with(...)`, normalised to uses (a bare one is a use without values).
 */
import type { SourceLocation } from '../errors.ts';
import { isComponent, isComponentUse, type ComponentUse } from '../project/component.ts';
import { isGroup, isGroupUse, type GroupMember, type GroupUse } from '../project/group.ts';

/** How an entry that is none of them was found, for the finding. */
export function describeEntry(value: unknown): string {
  if (value === undefined) return 'undefined (a missing import or a circular import?)';
  return typeof value === 'object' && value !== null ? 'an object' : JSON.stringify(value);
}

/**
 * `entries` as uses; `bad(i, found)` is called for an entry that is no component or group (and
 * must throw).
 */
export function memberUses(entries: readonly GroupMember[], source: SourceLocation | undefined, bad: (index: number, found: string) => never): (ComponentUse<any> | GroupUse)[] {
  const at = source ? { source } : {};
  return entries.map((entry, i) => {
    if (isComponentUse(entry) || isGroupUse(entry)) return entry;
    if (isComponent(entry)) return { kind: 'kasane.component-use' as const, component: entry, values: {}, ...at };
    if (isGroup(entry)) return { kind: 'kasane.group-use' as const, group: entry, values: {}, ...at };
    return bad(i, describeEntry(entry));
  });
}
