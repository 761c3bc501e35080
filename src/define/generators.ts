/**
 * Generator declarations for environments: Kustomize's `configMapGenerator` and
 * `secretGenerator`, with the same fields and the same content-hash name suffix.
 */
import path from 'node:path';
import type { GeneratorSpec } from '../project/overlay-options.ts';
import { callSite } from '../util/stack-frames.ts';

/** Props of a generator declaration (a {@link GeneratorSpec} without `kind`). */
export type GeneratorProps = Omit<GeneratorSpec, 'kind' | 'source'>;

/**
 * A generated ConfigMap. Its name gets the content-hash suffix unless
 * `options.disableNameSuffixHash` is set, and every reference follows it.
 * @example
 * configMapGenerator({ name: 'app-config', literals: ['LOG_LEVEL=debug'], behavior: 'merge' })
 */
export function configMapGenerator(props: GeneratorProps): GeneratorSpec {
  const source = callSite();
  return { ...props, kind: 'ConfigMap', ...(source ? { source } : {}) };
}

/**
 * A generated Secret (type Opaque unless `type` is set); values are base64-encoded in `data`.
 * @example
 * secretGenerator({ name: 'db', files: ['password=secrets/db-password.txt'] })
 */
export function secretGenerator(props: GeneratorProps): GeneratorSpec {
  const source = callSite();
  return { ...props, kind: 'Secret', ...(source ? { source } : {}) };
}

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

/**
 * Every file a generator reads (`files`, then `envs`), resolved against the file that declared
 * the generator, else the environment's file. The loader reads these; the overlay looks them up.
 */
export function generatorInputFiles(spec: GeneratorSpec, environmentFile: string | undefined): { files: GeneratorInputFile[]; envs: GeneratorInputFile[] } {
  const dir = path.dirname(spec.source?.file ?? environmentFile ?? '.');
  return {
    files: (spec.files ?? []).map((entry) => {
      const { key, path: p } = parseFileSource(entry);
      return { key, path: p, abs: path.resolve(dir, p) };
    }),
    envs: (spec.envs ?? []).map((p) => ({ path: p, abs: path.resolve(dir, p) })),
  };
}
