/**
 * What the packages a project's modules import are, as of now: the bundle leaves packages out
 * (they are imported at run time), so a key on a module graph names each one by the content of
 * the `package.json` Node would find for it (its version, and anything else that changes on an
 * install). A built-in module is named by the Node version; a file bundled from inside a
 * package folder by its own content.
 */
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { digestOf } from '../util/fingerprint.ts';
import { EXTERNAL_IMPORT, type ModuleGraph } from './bundle.ts';

/** The package name of a bare specifier: `zod` of `zod/v4`, `@scope/pkg` of `@scope/pkg/sub`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** The `package.json` Node would load for `name` from `dir`: the nearest `node_modules/<name>` up the folders. */
export async function packageManifest(dir: string, name: string): Promise<string | undefined> {
  for (let at = dir; ; at = path.dirname(at)) {
    const text = await readFile(path.join(at, 'node_modules', name, 'package.json'), 'utf8').catch(() => undefined);
    if (text !== undefined) return text;
    if (path.dirname(at) === at) return undefined;
  }
}

/**
 * The identity of one import that is not an input of the bundle, seen from the input `from`
 * (relative to `graph.root`): `node@<version>` for a built-in, `kasane` for the library (the
 * cache key names kasane's own build), `<name>@<sha1 of package.json>` for a package, `missing`
 * when Node would not find it.
 */
async function identityOf(graph: ModuleGraph, from: string, specifier: string, cache: Map<string, string>): Promise<string> {
  if (specifier === 'kasane' || specifier.startsWith('kasane/')) return 'kasane';
  if (isBuiltin(specifier)) return `node@${process.version}`;
  if (specifier.startsWith('file:')) {
    const file = path.resolve(graph.root, specifier.slice('file:'.length));
    const bytes = await readFile(file).catch(() => undefined);
    return bytes ? `file@${digestOf(bytes)}` : 'missing';
  }
  const name = packageName(specifier);
  const dir = path.dirname(path.resolve(graph.root, from));
  const key = `${dir}\0${name}`;
  let found = cache.get(key);
  if (found === undefined) {
    const manifest = await packageManifest(dir, name);
    found = manifest === undefined ? 'missing' : `${name}@${digestOf(manifest)}`;
    cache.set(key, found);
  }
  return found;
}

/**
 * `graph` with every `external:<specifier>` edge followed by the identity of what it names now
 * (`external:zod=zod@<sha1>`), so that a hash of a module's part of the graph changes when a
 * package it imports is upgraded.
 */
export async function withPackageIdentities(graph: ModuleGraph): Promise<ModuleGraph> {
  const cache = new Map<string, string>();
  const imports: Record<string, string[]> = {};
  for (const [file, edges] of Object.entries(graph.imports)) {
    imports[file] = await Promise.all(edges.map(async (edge) => (edge.startsWith(EXTERNAL_IMPORT) ? `${edge}=${await identityOf(graph, file, edge.slice(EXTERNAL_IMPORT.length), cache)}` : edge)));
  }
  return { ...graph, imports };
}
