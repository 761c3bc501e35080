/**
 * `defineComponent`: declares a component, checks its shape and records where it was written.
 */
import path from 'node:path';
import { KasaneError } from '../errors.ts';
import type { SourceLocation } from '../errors.ts';
import type { ChartSpec } from '../project/chart-component.ts';
import type { Component, ComponentFilePaths, ComponentProps, ValuesSchema } from '../project/component.ts';
import { componentFilePathProblem } from '../project/component-files.ts';
import { isPlainObject } from '../util/plain-object.ts';
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
export function defineComponent<S extends ValuesSchema, F extends ComponentFilePaths = ComponentFilePaths>(props: ComponentProps<S, F>): Component<S, F> {
  const source = callSite();
  const problem = propsProblem(props);
  if (problem) {
    throw new KasaneError({
      severity: 'error',
      code: 'project/invalid-component',
      message: problem.message,
      hint: problem.hint ?? "write defineComponent({ name: 'api', values: z.object({...}), build(values, ctx) { return [...] } })",
      ...(problem.path ? { path: problem.path } : {}),
      ...(source ? { source } : {}),
    });
  }
  // `files` are read beside the file that called: a library's compiled file too.
  const definedIn = props.files ? callSite({ libraries: true }) : undefined;
  return componentOf(props, source, definedIn ? { filesDir: path.dirname(definedIn.file) } : {});
}

/** What a component carries besides its props: the folder its `files` are read from, or the chart it renders. */
interface ComponentExtras {
  filesDir?: string;
  chart?: ChartSpec;
}

/** The component `defineComponent` and `helmChart` return: its props, where it was declared, and `.with()`. */
export function componentOf<S extends ValuesSchema, F extends ComponentFilePaths = ComponentFilePaths>(
  props: ComponentProps<S, F>,
  source: SourceLocation | undefined,
  extras: ComponentExtras = {},
): Component<S, F> {
  const { filesDir, chart } = extras;
  const component: Component<S, F> = {
    // The overlay fields (generators, labels, ...) make the component a scope of its own.
    ...props,
    kind: 'kasane.component',
    ...(filesDir ? { filesDir } : {}),
    ...(source ? { source } : {}),
    ...(chart ? { chart } : {}),
    with(values) {
      const at = callSite();
      return { kind: 'kasane.component-use', component, values, ...(at ? { source: at } : {}) };
    },
  };
  return component;
}

/** What is wrong with the props of `defineComponent`, if anything. */
function propsProblem(props: ComponentProps<ValuesSchema, ComponentFilePaths>): { message: string; hint?: string; path?: string[] } | undefined {
  if (typeof props?.name !== 'string' || !componentName.test(props.name)) return { message: `expected a lowercase DNS label as component name, found ${JSON.stringify(props?.name)}` };
  if (typeof props.build !== 'function') return { message: `expected a build function in component '${props.name}'` };
  if (typeof (props.values as { safeParse?: unknown })?.safeParse !== 'function') return { message: `expected a zod schema as 'values' of component '${props.name}'` };
  if (props.files === undefined) return undefined;
  const hint = "name files beside the component: files: { conf: 'nginx.conf' } (relative to this file, in its folder or below)";
  if (!isPlainObject(props.files)) return { message: `expected 'files' of component '${props.name}' to map keys to file paths`, hint, path: ['files'] };
  for (const [key, written] of Object.entries(props.files)) {
    const problem = componentFilePathProblem(written);
    if (problem) return { message: `${problem} in files.${key} of component '${props.name}'`, hint, path: ['files', key] };
  }
  return undefined;
}
