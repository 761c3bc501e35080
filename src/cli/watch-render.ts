/**
 * `kasane render --watch`: renders, then renders again after every change of a file in the
 * project folder, in one process that stays warm (compiled kasane, schema data, the render
 * cache of the environments that did not change). A render that fails (a syntax error halfway
 * through an edit, a validation error) prints its findings and writes nothing, so the output
 * folder keeps the last good render; every write is the render's own atomic swap. Stops on
 * SIGINT or SIGTERM (or `io.signal`), after the render under way, if any, has finished.
 */
import path from 'node:path';
import type { CliIo } from './io.ts';
import { watchTree, type TreeWatch } from './watch-tree.ts';

/** What {@link watchRender} watches. */
export interface WatchTarget {
  /** The project folder: every change under it triggers a render, but those below. */
  root: string;
  /** The output folder now (it may move when the configuration changes). */
  outDir: () => string;
}

/** Folders whose changes are not the project's: the output, installed packages and caches, git. */
function ignored(target: WatchTarget, file: string): boolean {
  const abs = path.resolve(target.root, file);
  const out = target.outDir();
  if (abs === out || abs.startsWith(`${out}${path.sep}`)) return true;
  return file.split(/[\\/]/).some((part) => part === 'node_modules' || part === '.git');
}

/** Quiet time after a change before rendering: an editor's save is often several writes. */
const SETTLE_MS = 25;

/**
 * Runs `renderOnce` now and after every change under `target.root`, printing a line when it
 * waits; resolves with 0 once stopped.
 */
export function watchRender(io: CliIo, target: WatchTarget, renderOnce: () => Promise<unknown>): Promise<number> {
  const controller = new AbortController();
  const signal = io.signal ?? controller.signal;
  const stop = () => controller.abort();
  if (!io.signal) for (const name of ['SIGINT', 'SIGTERM'] as const) process.once(name, stop);
  const waiting = () => io.stderr(`watching ${path.relative(io.cwd, target.root) || '.'} for changes (Ctrl-C to stop)\n`);
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let running = false;
    let pending = false;
    const cleanUp = () => {
      watcher?.close();
      clearTimeout(timer);
      if (!io.signal) for (const name of ['SIGINT', 'SIGTERM'] as const) process.off(name, stop);
    };
    const finish = () => {
      cleanUp();
      resolve(0);
    };
    const run = async () => {
      running = true;
      do {
        pending = false;
        try {
          await renderOnce();
        } catch (error) {
          // Not a finding about the project: stop watching and let the CLI report it.
          cleanUp();
          reject(error);
          return;
        }
        // A project's configuration may have moved the output folder, which is not watched.
        if (target.outDir() !== skipped) watcher = watchFrom(target.outDir());
        if (!signal.aborted) waiting();
      } while (pending && !signal.aborted);
      running = false;
      if (signal.aborted) finish();
    };
    const changed = (file: string | null) => {
      if (signal.aborted || (file !== null && ignored(target, file))) return;
      clearTimeout(timer);
      timer = setTimeout(() => (running ? (pending = true) : void run()), SETTLE_MS);
    };
    signal.addEventListener('abort', () => (running ? undefined : finish()), { once: true });
    let skipped = target.outDir();
    let watcher: TreeWatch | undefined;
    const watchFrom = (outDir: string): TreeWatch => {
      watcher?.close();
      skipped = outDir;
      return watchTree(target.root, outDir, changed);
    };
    // Watching starts before the first render, so a save during it is not missed.
    watcher = watchFrom(skipped);
    void run();
  });
}
