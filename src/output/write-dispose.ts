/**
 * Getting rid of an environment's old folder after its replacement is in place, without losing
 * anything kasane did not write. Only these entries of the old folder are removed: files kasane
 * wrote (listed by the old folder's kustomization.yaml, which goes last so that an interrupted
 * removal can be resumed), and entries that the new folder holds too (the same inode, or the
 * same link text, or the same bytes for a copy). Anything else (say, a file someone saved while
 * kasane wrote) is moved into the new folder, or, when the new folder has something at that
 * path, left where it is and reported.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmdirSync, unlinkSync, type Stats } from 'node:fs';
import path from 'node:path';
import { fsFailure, errnoOf } from './write-errors.ts';
import { ownedFiles, parentsOf } from './write-plan.ts';

/** Called before each change on disk; tests stop the process there. */
export type StepHook = (step: string) => void;

interface Entry {
  rel: string;
  stats: Stats;
  /** A folder that was empty before anything was removed: someone made it so. */
  empty?: boolean;
}

/** Every entry under `dir` (folders after what they hold), with lstat data; links are not followed. */
function walk(dir: string): Entry[] {
  const out: Entry[] = [];
  const visit = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const child = rel ? `${rel}/${name}` : name;
      const stats = lstatSync(path.join(dir, child));
      const before = out.length;
      if (stats.isDirectory()) visit(child);
      out.push({ rel: child, stats, ...(stats.isDirectory() && out.length === before ? { empty: true } : {}) });
    }
  };
  visit('');
  return out;
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** Whether `other` (in the new folder) holds what `entry` (in the old one) holds. */
function sameEntry(oldDir: string, entry: Entry, newDir: string): boolean {
  const other = lstatOrUndefined(path.join(newDir, entry.rel));
  if (!other) return false;
  const { stats } = entry;
  if (stats.isSymbolicLink()) return other.isSymbolicLink() && readlinkSync(path.join(oldDir, entry.rel)) === readlinkSync(path.join(newDir, entry.rel));
  if (stats.isDirectory()) return other.isDirectory();
  if (stats.ino === other.ino && stats.dev === other.dev) return true;
  // A copy, made where the file system has no hard links.
  return stats.isFile() && other.isFile() && stats.size === other.size && readFileSync(path.join(oldDir, entry.rel)).equals(readFileSync(path.join(newDir, entry.rel)));
}

/** Whether every folder above `rel` in `dir` is a real folder (or can be made one): never a link. */
function folderPathFree(dir: string, rel: string): boolean {
  return parentsOf(rel).every((p) => {
    const stats = lstatOrUndefined(path.join(dir, p));
    return !stats || stats.isDirectory();
  });
}

/** Moves `rel` from `oldDir` into `newDir` when nothing is at that path there; false otherwise. */
function moveOver(oldDir: string, rel: string, newDir: string, step: StepHook): boolean {
  if (lstatOrUndefined(path.join(newDir, rel)) || !folderPathFree(newDir, rel)) return false;
  step(`keep:${rel}`);
  for (const p of parentsOf(rel)) if (!lstatOrUndefined(path.join(newDir, p))) mkdirSync(path.join(newDir, p));
  renameSync(path.join(oldDir, rel), path.join(newDir, rel));
  return true;
}

/**
 * Empties and removes the old folder `oldDir` of an environment whose folder is now `newDir`
 * (see the module comment). Returns the entries left in `oldDir` (empty when it is gone).
 * @throws KasaneError `render/cannot-remove` when the file system refuses
 */
export function disposeOldFolder(oldDir: string, newDir: string, step: StepHook = () => undefined): string[] {
  let current = oldDir;
  try {
    const entries = walk(oldDir);
    const files = new Map(entries.filter((e) => e.stats.isFile()).map((e) => [e.rel, '']));
    const kustomization = path.join(oldDir, 'kustomization.yaml');
    if (files.has('kustomization.yaml')) files.set('kustomization.yaml', readFileSync(kustomization, 'utf8'));
    const owned = ownedFiles(files);
    const kept: string[] = [];
    for (const entry of entries) {
      if (entry.rel === 'kustomization.yaml' && owned.has(entry.rel)) continue;
      current = path.join(oldDir, entry.rel);
      if (entry.stats.isDirectory()) {
        if (readdirSync(current).length > 0) continue;
        if (entry.empty && !sameEntry(oldDir, entry, newDir)) {
          if (!moveOver(oldDir, entry.rel, newDir, step)) kept.push(entry.rel);
          continue;
        }
        step(`remove:${entry.rel}`);
        rmdirSync(current);
      } else if (owned.has(entry.rel) || sameEntry(oldDir, entry, newDir)) {
        step(`remove:${entry.rel}`);
        unlinkSync(current);
      } else if (!moveOver(oldDir, entry.rel, newDir, step)) kept.push(entry.rel);
    }
    if (owned.has('kustomization.yaml')) {
      current = kustomization;
      step('remove:kustomization.yaml');
      unlinkSync(kustomization);
    }
    if (kept.length) return kept;
    current = oldDir;
    step('remove:.');
    rmdirSync(oldDir);
    return [];
  } catch (error) {
    throw fsFailure('remove', current, error);
  }
}
