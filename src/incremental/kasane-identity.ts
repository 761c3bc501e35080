/**
 * kasane's own identity for cache keys: a digest of the code that runs (every module of the
 * built `dist/`, or of `src/` when run from source), of kasane's `package.json`, of the
 * `package.json` of each of its dependencies as installed, and of Node's version. An upgrade,
 * a rebuild or a reinstall of a dependency changes it, and every cached render is then unused.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageManifest } from '../load/package-identities.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { digestOf } from '../util/fingerprint.ts';
import { parseJsonOrUndefined } from '../util/json-text.ts';

/** Which kasane runs: its release and the exact build. */
export interface KasaneIdentity {
  /** The `version` of kasane's `package.json`. */
  version: string;
  /** The digest of the build, its dependencies and Node's version. */
  build: string;
}

let memo: Promise<KasaneIdentity> | undefined;

/** kasane's identity, computed once per process. */
export function kasaneIdentity(): Promise<KasaneIdentity> {
  memo ??= computeIdentity();
  return memo;
}

/** The folder of kasane's code: `src/` from source, `dist/` when built (this module may sit in `dist/chunks/`). */
function codeRoot(): { dir: string; ext: string } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return { dir: path.resolve(path.dirname(here), '..'), ext: '.ts' };
  const dir = path.dirname(here);
  return { dir: path.basename(dir) === 'chunks' ? path.dirname(dir) : dir, ext: '.js' };
}

async function computeIdentity(): Promise<KasaneIdentity> {
  const { dir, ext } = codeRoot();
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(ext)).sort(compareCodeUnits);
  const parts: string[] = [process.version];
  for (const file of files) parts.push(`${file}\0${digestOf(await readFile(path.join(dir, file)))}`);
  const packageRoot = path.dirname(dir);
  const manifest = await readFile(path.join(packageRoot, 'package.json'), 'utf8').catch(() => '');
  parts.push(manifest);
  const pkg = parseJsonOrUndefined(manifest) as { version?: unknown; dependencies?: Record<string, string> } | undefined;
  const dependencies = Object.keys(pkg?.dependencies ?? {}).sort(compareCodeUnits);
  for (const name of dependencies) parts.push(`${name}\0${(await packageManifest(packageRoot, name)) ?? 'missing'}`);
  return { version: typeof pkg?.version === 'string' ? pkg.version : 'unknown', build: digestOf(parts.join('\n')) };
}
