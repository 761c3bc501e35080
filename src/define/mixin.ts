/**
 * `defineMixin`: declares a mixin (kasane's form of a Kustomize Component), checks its name,
 * components and mixins, and records where it was written.
 */
import { KasaneError } from '../errors.ts';
import type { Mixin, MixinProps } from '../project/mixin.ts';
import { callSite } from './call-site.ts';
import { checkMixins } from './component-list.ts';
import { memberUses } from './members.ts';

const mixinName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Declares a mixin: overlay steps and components that environments include with `mixins`.
 * It runs inside each environment that lists it, after that environment's generators and
 * before its patches, over every object gathered so far; its components' objects join then.
 *
 * @throws KasaneError `project/invalid-mixin` on a bad name, a component entry that is neither
 *   a component, a group nor one of them `.with(...)`, or a `mixins` entry that is not a mixin.
 * @example
 * export default defineMixin({
 *   name: 'ha',
 *   components: [disruptionBudget],
 *   replicas: [{ name: 'api', count: 3 }],
 * });
 */
export function defineMixin(props: MixinProps): Mixin {
  const source = callSite();
  const fail = (message: string, hint: string): never => {
    throw new KasaneError({ severity: 'error', code: 'project/invalid-mixin', message, hint, ...(source ? { source } : {}) });
  };
  if (typeof props?.name !== 'string' || !mixinName.test(props.name))
    fail(`expected a lowercase DNS label as mixin name, found ${JSON.stringify(props?.name)}`, "write defineMixin({ name: 'ha', ... })");
  const components = memberUses(props.components ?? [], source, (i, found) =>
    fail(`expected a component, a group or one of them .with(...) at components[${i}] of mixin '${props.name}', found ${found}`, 'import the module and list its default export'),
  );
  checkMixins(props.mixins, `mixin '${props.name}'`, fail);
  return { ...props, kind: 'kasane.mixin', components, ...(source ? { source } : {}) };
}
