/**
 * ConfigMap and Secret generators as an environment declares them (Kustomize's
 * `configMapGenerator`/`secretGenerator` entries), and the files they read. Made by
 * `configMapGenerator` and `secretGenerator` (define/generators.ts); the loader reads the files,
 * the overlay generates the objects.
 */
import path from 'node:path';
import type { SourceLocation } from '../errors.ts';

/** How a generator meets an object of the same name from an earlier level. */
export type GeneratorBehavior = 'create' | 'merge' | 'replace';

/** `options` of a generator. */
export interface GeneratorOptions {
  /** Keep the name without the content-hash suffix. @default false */
  disableNameSuffixHash?: boolean;
  /** @default no labels */
  labels?: Readonly<Record<string, string>>;
  /** @default no annotations */
  annotations?: Readonly<Record<string, string>>;
  /** Write `immutable: true`. @default false */
  immutable?: boolean;
}

/** An object a generated one is placed next to: its kind, name and namespace at the generator's level. */
export interface GeneratorAnchor {
  kind: string;
  name: string;
  /** The anchor's namespace; omit it for an object that has none at that point. @default none */
  namespace?: string;
}

/** Where a created object goes among the objects gathered so far, instead of after them all. */
export type GeneratorPosition = { before: GeneratorAnchor } | { after: GeneratorAnchor };

/** A ConfigMap or Secret generator (Kustomize's `configMapGenerator`/`secretGenerator` entry). */
export interface GeneratorSpec {
  readonly kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace?: string;
  /** `KEY=value` pairs, or a record. */
  literals?: readonly string[] | Readonly<Record<string, string>>;
  /** Files: `path` (key = file name) or `key=path`, relative to the environment file. */
  files?: readonly string[];
  /** Env files (`KEY=value` lines), relative to the environment file. */
  envs?: readonly string[];
  /** @default 'create' */
  behavior?: GeneratorBehavior;
  /** Secret type. @default 'Opaque' (none with `asResource`) */
  type?: string;
  /**
   * Secret only: the keys whose values go under `stringData` as plain text instead of base64
   * under `data` (a Secret that kept `stringData` in its manifest). @default none
   */
  stringDataKeys?: readonly string[];
  /**
   * Secret only: write the Secret as a manifest in Kustomize's `resources:` was written (what
   * `kasane import` makes of one): `type` only when set (no `Opaque` default), `immutable`
   * whenever `options.immutable` is set (`false` too), and no content-hash suffix. @default false
   */
  asResource?: boolean;
  /**
   * Where the created object goes in the output's `fifo` order: right before or after an object
   * the earlier steps gathered (a Secret that sat among Kustomize's `resources:`). A merge or
   * replace keeps the place of the object it changes. @default after every object gathered so far
   */
  position?: GeneratorPosition;
  options?: GeneratorOptions;
  readonly source?: SourceLocation;
}

/** Props of a generator declaration (a {@link GeneratorSpec} without `kind`). */
export type GeneratorProps = Omit<GeneratorSpec, 'kind' | 'source'>;

/** Splits a `files` entry, `path` or `key=path`, into the key and the path (the key defaults to the file name). */
export function parseFileSource(entry: string): { key: string; path: string } {
  const eq = entry.indexOf('=');
  if (eq >= 0) return { key: entry.slice(0, eq), path: entry.slice(eq + 1) };
  return { key: entry.slice(entry.lastIndexOf('/') + 1), path: entry };
}

/** A file a generator reads: as written, and resolved against the file that declared it. */
export interface GeneratorInputFile {
  /** The key in `data` (for `files`; env files give their own keys). */
  key?: string;
  /** The path as written. */
  path: string;
  /** The absolute path. */
  abs: string;
}

/** True when a generator reads files (`files` or `envs`), not only literals. */
export function readsFiles(spec: GeneratorSpec): boolean {
  return Boolean(spec.files?.length || spec.envs?.length);
}

/**
 * Every file a generator reads (`files`, then `envs`), resolved against the file that declared
 * the generator, else the environment's file. The loader reads these; the overlay looks them up.
 */
export function generatorInputFiles(spec: GeneratorSpec, environmentFile: string | undefined): { files: GeneratorInputFile[]; envs: GeneratorInputFile[] } {
  // Most generators read no file: their declaration's location is then not worth looking up.
  if (!readsFiles(spec)) return { files: [], envs: [] };
  const dir = path.dirname(spec.source?.file ?? environmentFile ?? '.');
  return {
    files: (spec.files ?? []).map((entry) => {
      const { key, path: p } = parseFileSource(entry);
      return { key, path: p, abs: path.resolve(dir, p) };
    }),
    envs: (spec.envs ?? []).map((p) => ({ path: p, abs: path.resolve(dir, p) })),
  };
}
