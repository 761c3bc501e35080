/**
 * The package's entry points (`kasane`, `kasane/pipeline`, ...) and the source file of each,
 * as tsconfig.json's `paths` map them: the one list the API, docs and packaging tests read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One entry point: the specifier users import and its source file (absolute). */
export interface EntryPoint {
  specifier: string;
  file: string;
}

const repo = path.resolve(import.meta.dirname, '..', '..');

function paths(): [string, string][] {
  const tsconfig = JSON.parse(readFileSync(path.join(repo, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
  return Object.entries(tsconfig.compilerOptions.paths)
    .filter(([specifier]) => specifier === 'kasane' || specifier.startsWith('kasane/'))
    .map(([specifier, [file]]) => [specifier, path.join(repo, file!)]);
}

/** Every entry point of code, `kasane` first (the modules of Kubernetes types are {@link typeModules}). */
export function entryPoints(): EntryPoint[] {
  return paths()
    .filter(([specifier]) => !specifier.includes('*'))
    .map(([specifier, file]) => ({ specifier, file }));
}

/** The types-only modules `kasane/api/<group>/<version>`: the pattern and the source files it maps to (`.../src/k8s/api/*.ts`). */
export function typeModules(): EntryPoint {
  const [specifier, file] = paths().find(([s]) => s.includes('*'))!;
  return { specifier, file };
}
