/**
 * Watches a project folder for changes, but not its output folder. Node 20's recursive watch
 * on Linux lists each folder that appears under the watched one and throws, uncaught, when the
 * folder is gone by then: a render's own swap creates and removes folders in the output folder
 * in quick succession, which could end a watch. So the folders on the way to the output folder
 * are watched each on its own (not recursively), the output folder not at all, and every other
 * folder recursively; a folder that appears later is watched as it appears.
 */
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** A watch of a folder tree: stops every watcher it started. */
export interface TreeWatch {
  close(): void;
}

/**
 * Calls `changed` with the path (relative to `root`) of every change under `root`, except
 * under `skipped`, an absolute folder (or any folder named `node_modules` or `.git` directly
 * on the way to it, which are never the project's).
 */
export function watchTree(root: string, skipped: string, changed: (file: string) => void): TreeWatch {
  const watchers = new Map<string, FSWatcher>();
  const skip = (abs: string) => abs === skipped || ['node_modules', '.git'].includes(path.basename(abs));
  const holdsSkipped = (abs: string) => skipped.startsWith(`${abs}${path.sep}`);
  const start = (dir: string, recursive: boolean) => {
    if (watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { recursive }, (_event, file) => onEvent(dir, recursive, file === null ? null : String(file)));
    } catch {
      return; // gone already: its parent's watcher reported it
    }
    // A watched folder that is removed ends its watcher; its parent's watcher saw the change.
    watcher.on('error', () => stop(dir));
    watchers.set(dir, watcher);
  };
  const stop = (dir: string) => {
    watchers.get(dir)?.close();
    watchers.delete(dir);
  };
  const follow = (abs: string) => {
    if (skip(abs)) return;
    if (!holdsSkipped(abs)) return start(abs, true);
    start(abs, false);
    for (const entry of listFolders(abs)) follow(path.join(abs, entry));
  };
  const onEvent = (dir: string, recursive: boolean, file: string | null) => {
    const abs = file === null ? dir : path.join(dir, file);
    if (!recursive && file !== null && isFolder(abs)) follow(abs);
    changed(path.relative(root, abs));
  };
  follow(root);
  return {
    close() {
      for (const dir of [...watchers.keys()]) stop(dir);
    },
  };
}

function isFolder(abs: string): boolean {
  return statSync(abs, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** The names of the folders in `dir`; none when it cannot be listed (it is gone). */
function listFolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}
