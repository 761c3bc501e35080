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

/** Every entry point, `kasane` first. */
export function entryPoints(): EntryPoint[] {
  const tsconfig = JSON.parse(readFileSync(path.join(repo, 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
  return Object.entries(tsconfig.compilerOptions.paths)
    .filter(([specifier]) => specifier === 'kasane' || specifier.startsWith('kasane/'))
    .map(([specifier, [file]]) => ({ specifier, file: path.join(repo, file!) }));
}
