/**
 * A worker thread of `kasane render --watch` (see watch-generations.ts): it loads kasane while
 * it waits, renders the project once when asked, sends its output and how the render ended,
 * and is then ended by the watch, which frees every module the render's load imported. Built
 * as an entry point of its own (dist/watch-worker.js): a worker runs a file, not a function.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { kasaneIdentity } from '../incremental/kasane-identity.ts';
import { renderGeneration, type RenderFlags } from './commands/render.ts';
import type { CliIo } from './io.ts';
import type { GenerationData, GenerationMessage } from './watch-generations.ts';

const data = workerData as GenerationData;
const port = parentPort!;
const post = (message: GenerationMessage) => port.postMessage(message);

// The render cache's key needs it: computed while the user edits (a failure shows in the render).
kasaneIdentity().catch(() => undefined);

port.once('message', async () => {
  const io: CliIo = {
    stdout: (text) => post({ kind: 'stdout', text }),
    stderr: (text) => post({ kind: 'stderr', text }),
    cwd: data.cwd,
    env: data.env,
    ...(data.isTTY === undefined ? {} : { isTTY: data.isTTY }),
  };
  try {
    await renderGeneration(io, data.envArgs, data.flags as RenderFlags, data.root, (dir) => post({ kind: 'outDir', dir }));
    post({ kind: 'done' });
  } catch (error) {
    post({ kind: 'failed', error });
  }
});
