/**
 * The inputs of an input manifest (./input-manifest.ts) on disk: recorded from a loaded
 * project (what the load read, as it read it), and compared with the files as they are now
 * without loading anything. Every comparison reads content; a file that cannot be read, a
 * listing that differs, a package that resolves elsewhere is a change.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { EXTERNAL_IMPORT, filesUnchanged } from '../load/bundle.ts';
import { findConfigFile, listEnvironmentFiles, type LoadedProject } from '../load/load-project.ts';
import { withPackageIdentities } from '../load/package-identities.ts';
import { digestOf } from '../util/fingerprint.ts';
import type { EnvironmentRecord, ManifestInputs, RecordedFile } from './input-manifest.ts';
import { entryFile, type RenderCache } from './render-cache.ts';

/** The inputs `project` was loaded from. */
export async function recordInputs(project: LoadedProject): Promise<ManifestInputs> {
  const files: RecordedFile[] = [];
  for (const [abs, bytes] of project.files) files.push([abs, await realpath(abs), digestOf(bytes)]);
  return {
    configFile: project.configFile === undefined ? null : path.join(project.root, project.configFile),
    environmentsDir: project.config.environmentsDir,
    environmentEntries: [...project.environmentEntries],
    moduleRoot: project.modules.root,
    modules: { ...project.modules.inputs },
    imports: Object.fromEntries(Object.entries(project.modules.imports).map(([file, edges]) => [file, [...edges]])),
    files,
  };
}

/** True when every input of `inputs` is as it was recorded, for the project folder `root`. */
export async function inputsUnchanged(inputs: ManifestInputs, root: string): Promise<boolean> {
  try {
    if ((findConfigFile(root) ?? null) !== inputs.configFile) return false;
    if (!sameList(await listEnvironmentFiles(root, inputs.environmentsDir), inputs.environmentEntries)) return false;
    if ((await realpath(root)) !== inputs.moduleRoot) return false;
    if (!(await modulesUnchanged(inputs))) return false;
    for (const [abs, real, digest] of inputs.files) {
      if ((await realpath(abs)) !== real || digestOf(await readFile(real)) !== digest) return false;
    }
    return true;
  } catch {
    // Whatever cannot be read or listed now is for the normal path to report.
    return false;
  }
}

/** Every module's content hash, and the identity of every package the modules import, as recorded. */
async function modulesUnchanged(inputs: ManifestInputs): Promise<boolean> {
  if (!(await filesUnchanged(inputs.moduleRoot, inputs.modules))) return false;
  // The recorded edges carry the identity they had (`external:zod=zod@<sha1>`): named again as of now.
  const bare = Object.fromEntries(Object.entries(inputs.imports).map(([file, edges]) => [file, edges.map(bareEdge)]));
  const named = await withPackageIdentities({ root: inputs.moduleRoot, inputs: inputs.modules, imports: bare });
  return Object.entries(inputs.imports).every(([file, edges]) => sameList(named.imports[file] ?? [], edges));
}

/** An import edge without the identity {@link withPackageIdentities} appended (identities hold no `=`). */
function bareEdge(edge: string): string {
  return edge.startsWith(EXTERNAL_IMPORT) && edge.includes('=') ? edge.slice(0, edge.lastIndexOf('=')) : edge;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Size and modification time of the render cache entry of `env`, or null when there is none. */
export async function entryStamp(cache: RenderCache, env: string): Promise<EnvironmentRecord['entry']> {
  const info = await stat(entryFile(cache, env)).catch(() => undefined);
  return info ? { size: info.size, mtimeMs: info.mtimeMs } : null;
}
