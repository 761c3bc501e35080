/**
 * Reading an output folder as data: its regular files with their text, and every other entry
 * (symbolic links, empty folders, sockets) by path. Links are listed, never followed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { errnoOf, fsFailure } from './write-errors.ts';

/** What is under an output folder: its files with their text, and every other entry. */
export interface OutputTree {
  /** Regular files by relative, `/`-separated path. */
  files: Map<string, string>;
  /** Entries that are neither files nor folders (symbolic links above all), and empty folders: never kasane's. */
  others: string[];
  /** The symbolic links among {@link others}. */
  links: Set<string>;
  /** The empty folders among {@link others}. */
  emptyFolders: Set<string>;
}

/**
 * Reads everything under `dir`; an absent folder is empty. Synchronous calls inside: an output
 * tree is thousands of small files, and one thread-pool round trip per file costs more than the
 * reads themselves.
 * @throws KasaneError `render/read-failed` (or `render/read-only-file-system`) naming the entry
 */
export function readOutputTree(dir: string): OutputTree {
  const tree: OutputTree = { files: new Map(), others: [], links: new Set(), emptyFolders: new Set() };
  function walk(rel: string): void {
    const abs = rel ? path.join(dir, rel) : dir;
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return;
      throw fsFailure('read', abs, error);
    }
    // kasane never leaves an empty folder behind (each environment folder is made anew).
    if (rel && entries.length === 0) {
      tree.others.push(rel);
      tree.emptyFolders.add(rel);
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) tree.files.set(child, readText(path.join(dir, child)));
      else {
        tree.others.push(child);
        if (e.isSymbolicLink()) tree.links.add(child);
      }
    }
  }
  walk('');
  return tree;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw fsFailure('read', file, error);
  }
}

/** The files under `dir` (relative paths, `/`-separated) with their text; an absent folder is empty. */
export async function readTree(dir: string): Promise<Map<string, string>> {
  return readOutputTree(dir).files;
}
