/**
 * The file side of charts: reading a chart folder, reading and writing the vendor folder. The
 * vendor folder belongs to kasane as a whole; it is replaced by staging a complete new copy
 * beside it and swapping it in, so a failed `kasane vendor` leaves it as it was.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { compareCodeUnits } from '../k8s/code-unit.ts';

/** A folder's regular files by relative `/`-separated path, and its entries that are neither files nor folders. */
export interface FolderFiles {
  files: Map<string, Uint8Array>;
  /** Links and other special entries (relative paths): never followed. */
  others: string[];
}

/** Reads every regular file below `dir`; links are listed, not followed. Undefined when `dir` is not a folder. */
export async function readChartFolder(dir: string): Promise<FolderFiles | undefined> {
  const info = await lstat(dir).catch(() => undefined);
  if (!info?.isDirectory()) return undefined;
  const out: FolderFiles = { files: new Map(), others: [] };
  const walk = async (rel: string): Promise<void> => {
    const entries = (await readdir(path.join(dir, rel), { withFileTypes: true })).sort((a, b) => compareCodeUnits(a.name, b.name));
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) out.files.set(child, new Uint8Array(await readFile(path.join(dir, child))));
      else out.others.push(child);
    }
  };
  await walk('');
  return out;
}
