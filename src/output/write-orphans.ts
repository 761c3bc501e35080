/**
 * Environment folders that outlived their environment: folders of the output folder whose
 * kustomization.yaml kasane wrote (it starts with kasane's marker) and that no environment of
 * the project renders any more (deleted, renamed, made abstract, or dropped from a fleet). An
 * Argo CD ApplicationSet or a Flux Kustomization would go on deploying them.
 */
import { lstat, readdir, readFile, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { KUSTOMIZATION_MARKER } from '../render/layout.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { errnoOf, fsFailure } from './write-errors.ts';

/** True when `dir/kustomization.yaml` is a regular file kasane wrote. */
async function renderedByKasane(dir: string): Promise<boolean> {
  const file = path.join(dir, 'kustomization.yaml');
  const info = await lstat(file).catch(() => undefined);
  if (!info?.isFile()) return false;
  return (await readFile(file, 'utf8').catch(() => '')).startsWith(KUSTOMIZATION_MARKER);
}

/**
 * The names of the folders of `outDir` that kasane rendered and that are not in `rendered` (the
 * environments the project renders), sorted. Hidden entries (staging folders, the lock) and
 * symbolic links are never counted; an absent `outDir` has none.
 * @throws KasaneError `render/read-failed` when `outDir` cannot be listed
 */
export async function orphanEnvironments(outDir: string, rendered: ReadonlySet<string>): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(outDir, { withFileTypes: true });
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return [];
    throw fsFailure('read', outDir, error);
  }
  const orphans: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || rendered.has(entry.name)) continue;
    if (await renderedByKasane(path.join(outDir, entry.name))) orphans.push(entry.name);
  }
  return orphans.sort(compareCodeUnits);
}

/** Removes the folder `dir` when it is empty (a pruned environment folder with nothing else in it). */
export async function removeIfEmpty(dir: string): Promise<boolean> {
  return rmdir(dir).then(
    () => true,
    () => false,
  );
}
