/**
 * Components as data: a named, typed function from values to Kubernetes objects, and its use in
 * an environment with that environment's values. Made by `defineComponent` (define/component.ts);
 * built by the build stage.
 */
import type { z } from 'zod';
import type { SourceLocation } from '../errors.ts';
import type { KObject } from '../k8s/object.ts';
import type { ChartSpec } from './chart-component.ts';
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
  /** The files the component declared with `files`, by key (empty when it declared none). */
  files: Readonly<Record<string, ComponentFile>>;
}

/**
 * A file next to a component, as `build` gets it (`ctx.files.<key>`). Plain data: the path as
 * written, the content as text and as base64.
 */
export interface ComponentFile {
  /** The path as the component wrote it, relative to the component's file. */
  readonly path: string;
  /**
   * The content decoded as UTF-8.
   * @throws KasaneError `build/file-not-text` when the file is not valid UTF-8 (use `base64`).
   */
  readonly text: string;
  /** The content, base64-encoded: for a ConfigMap's `binaryData` or a Secret's `data`. */
  readonly base64: string;
}

/** The files of a component: key → path relative to the component's own file. */
export type ComponentFilePaths = Readonly<Record<string, string>>;

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
export interface ComponentProps<S extends ValuesSchema, F extends ComponentFilePaths = ComponentFilePaths> extends LevelOverlay {
  /** Component name: lowercase DNS label; used as the output folder name. */
  name: string;
  /** zod schema of the values, with defaults (`z.object({ replicas: z.number().int().default(1) })`). */
  values: S;
  /**
   * Files the component reads, by key: paths relative to the component's own file, in its
   * folder or below (`{ conf: 'web/nginx.conf' }`). `build` gets them as `ctx.files.conf`.
   * @default no files
   */
  files?: F;
  /** Builds the component's objects from parsed values. Must be pure. */
  build(values: z.output<S>, ctx: Omit<BuildContext, 'files'> & { files: { readonly [K in keyof F]: ComponentFile } }): BuildOutput;
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
export interface Component<S extends ValuesSchema = ValuesSchema, F extends ComponentFilePaths = ComponentFilePaths> extends ComponentProps<S, F> {
  readonly kind: 'kasane.component';
  /** Where `defineComponent` (or `helmChart`) was called. */
  readonly source?: SourceLocation;
  /** Set for a chart component (`helmChart`): its objects come from `helm template`, not from `build`. */
  readonly chart?: ChartSpec;
  /**
   * The folder `files` are read from: that of the file that called `defineComponent`, also
   * when it is a library's compiled JavaScript (which `source` does not name).
   */
  readonly filesDir?: string;
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
const COMPONENT_KEYS = new Set(['kind', 'name', 'values', 'build', 'source', 'with', 'files', 'filesDir', 'chart']);

function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  return typeof value !== 'object' || Object.keys(value).length > 0;
}

/**
 * True when `component` sets an overlay field of its own (a generator, labels, ...), which makes
 * it a scope of one. Every field that is not `name`, `values`, `build`, `files` (or what
 * `defineComponent` and `helmChart` record) is an overlay field.
 */
export function hasOwnOverlay(component: Component): boolean {
  return Object.entries(component).some(([key, value]) => !COMPONENT_KEYS.has(key) && isSet(value));
}
