/**
 * Components as data: a named, typed function from values to Kubernetes objects, and its use in
 * an environment with that environment's values. Made by `defineComponent` (define/component.ts);
 * built by the build stage.
 */
import type { z } from 'zod';
import type { SourceLocation } from '../errors.ts';
import type { KObject } from '../k8s/object.ts';
import type { LevelOverlay } from './overlay-options.ts';

/** What a component's `build` learns about the environment it is rendered into. */
export interface BuildContext {
  /** The environment being rendered, e.g. `prod`. */
  env: string;
  /** The namespace its objects land in, if the environment or a group around it sets one. */
  namespace?: string;
  /**
   * The common labels of the environment and of the groups around the component (already
   * applied by the overlay; for reference only).
   */
  labels: Readonly<Record<string, string>>;
  /** This component's name. */
  component: string;
}

/** An object a component returns: any typed Kubernetes object (checked at render time). */
export interface BuiltObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
}

/** What `build` may return: one object, or (nested) lists of objects; `false`/`null`/`undefined` entries are skipped. */
export type BuildOutput = BuiltObject | KObject | null | undefined | false | readonly BuildOutput[];

/** Any zod schema kasane can use for values. */
export type ValuesSchema = z.ZodType<unknown, unknown>;

/** Values as an environment writes them: every field optional, at every depth. */
export type DeepPartial<T> = T extends readonly (infer _U)[] ? T : T extends Record<string, unknown> ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/**
 * The props of `defineComponent`. The overlay fields (`generators`, `labels`, `namespace`,
 * `patches`, ...) are optional: a component that sets any is a scope of its own, and they apply
 * to its objects only, before the groups and environments around it (see `defineGroup`).
 */
export interface ComponentProps<S extends ValuesSchema> extends LevelOverlay {
  /** Component name: lowercase DNS label; used as the output folder name. */
  name: string;
  /** zod schema of the values, with defaults (`z.object({ replicas: z.number().int().default(1) })`). */
  values: S;
  /** Builds the component's objects from parsed values. Must be pure. */
  build(values: z.output<S>, ctx: BuildContext): BuildOutput;
}

/** A component used in an environment, with that environment's values. */
export interface ComponentUse<S extends ValuesSchema = ValuesSchema> {
  readonly kind: 'kasane.component-use';
  readonly component: Component<S>;
  readonly values: DeepPartial<z.input<S>>;
  /** Where `.with()` was called. */
  readonly source?: SourceLocation;
}

/** A component definition, as returned by `defineComponent`. */
export interface Component<S extends ValuesSchema = ValuesSchema> extends ComponentProps<S> {
  readonly kind: 'kasane.component';
  /** Where `defineComponent` was called. */
  readonly source?: SourceLocation;
  /** This component with environment values layered over its defaults. */
  with(values: DeepPartial<z.input<S>>): ComponentUse<S>;
}

/** True for a value made by `defineComponent`. */
export function isComponent(value: unknown): value is Component {
  return (value as Component | undefined)?.kind === 'kasane.component';
}

/** True for a value made by `component.with(...)`. */
export function isComponentUse(value: unknown): value is ComponentUse {
  return (value as ComponentUse | undefined)?.kind === 'kasane.component-use';
}

/** The keys of a component that are not overlay fields. */
const COMPONENT_KEYS = new Set(['kind', 'name', 'values', 'build', 'source', 'with']);

function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value !== 'object' || Object.keys(value).length > 0;
}

/**
 * True when `component` sets an overlay field of its own (a generator, labels, ...), which makes
 * it a scope of one. Every field that is not `name`, `values` or `build` is an overlay field.
 */
export function hasOwnOverlay(component: Component): boolean {
  return Object.entries(component).some(([key, value]) => !COMPONENT_KEYS.has(key) && isSet(value));
}
