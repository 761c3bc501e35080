/**
 * `defineComponent`: declares a component, checks its shape and records where it was written.
 */
import { KasaneError } from '../errors.ts';
import type { Component, ComponentProps, ValuesSchema } from '../project/component.ts';
import { callSite } from './call-site.ts';

const componentName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Declares a component.
 *
 * @throws KasaneError `project/invalid-component` when the name is not a lowercase DNS label or
 *   `values`/`build` are missing.
 * A component may carry an overlay of its own (`generators`, `labels`, `namespace`, `patches`,
 * ...): it applies to the component's objects only, before any group or environment around it.
 *
 * @example
 * export default defineComponent({
 *   name: 'api',
 *   values: z.object({ replicas: z.number().int().min(1).default(2) }),
 *   build: (v) => [deployment({ name: 'api', replicas: v.replicas, containers: [...] })],
 * });
 */
export function defineComponent<S extends ValuesSchema>(props: ComponentProps<S>): Component<S> {
  const source = callSite();
  const problem =
    typeof props?.name !== 'string' || !componentName.test(props.name)
      ? `expected a lowercase DNS label as component name, found ${JSON.stringify(props?.name)}`
      : typeof props.build !== 'function'
        ? `expected a build function in component '${props.name}'`
        : typeof (props.values as { safeParse?: unknown })?.safeParse !== 'function'
          ? `expected a zod schema as 'values' of component '${props.name}'`
          : undefined;
  if (problem) {
    throw new KasaneError({
      severity: 'error',
      code: 'project/invalid-component',
      message: problem,
      hint: "write defineComponent({ name: 'api', values: z.object({...}), build(values, ctx) { return [...] } })",
      ...(source ? { source } : {}),
    });
  }
  const component: Component<S> = {
    // The overlay fields (generators, labels, ...) make the component a scope of its own.
    ...props,
    kind: 'kasane.component',
    ...(source ? { source } : {}),
    with(values) {
      const at = callSite();
      return { kind: 'kasane.component-use', component, values, ...(at ? { source: at } : {}) };
    },
  };
  return component;
}
