/**
 * `defineGroup`: declares a group of components (and groups) under an overlay of its own,
 * checks its shape and records where it was written.
 */
import { KasaneError } from '../errors.ts';
import type { Group, GroupProps } from '../project/group.ts';
import { callSite } from './call-site.ts';
import { memberUses } from './members.ts';

const groupName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Declares a group: its overlay (namespace, name prefix and suffix, labels, annotations, images,
 * replicas, generators, patches, transforms) applies to the objects of the components and groups
 * it holds, and to no others, before the overlay of the group or environment that holds it.
 *
 * @throws KasaneError `project/invalid-group` on a bad name or a member that is neither a
 *   component, a group nor one of them `.with(...)`.
 * @example
 * const blue = defineGroup({
 *   name: 'blue',
 *   namePrefix: 'blue-',
 *   labels: { color: 'blue' },
 *   components: [web],
 * });
 * export default defineEnvironment({ name: 'prod', components: [blue, green, router] });
 */
export function defineGroup(props: GroupProps): Group {
  const source = callSite();
  const fail = (message: string, hint: string): never => {
    throw new KasaneError({ severity: 'error', code: 'project/invalid-group', message, hint, ...(source ? { source } : {}) });
  };
  if (typeof props?.name !== 'string' || !groupName.test(props.name)) {
    fail(`expected a lowercase DNS label as group name, found ${JSON.stringify(props?.name)}`, "write defineGroup({ name: 'frontend', components: [...] })");
  }
  if (!Array.isArray(props.components)) fail(`expected a list of components in group '${props.name}'`, 'list the components and groups it holds: components: [web, api]');
  const components = memberUses(props.components, source, (i, found) =>
    fail(`expected a component, a group or one of them .with(...) at components[${i}] of group '${props.name}', found ${found}`, 'import the module and list its default export'),
  );
  const group: Group = {
    ...props,
    kind: 'kasane.group',
    components,
    ...(source ? { source } : {}),
    with(values) {
      const at = callSite();
      return { kind: 'kasane.group-use', group, values, ...(at ? { source: at } : {}) };
    },
  };
  return group;
}
