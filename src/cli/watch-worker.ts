/**
 * A worker thread of `kasane render --watch` (see watch-generations.ts): it loads kasane while
 * it waits, renders the project once when asked, sends its output and how the render ended,
 * and is then ended by the watch, which frees every module the render's load imported. Built
 * as an entry point of its own (dist/watch-worker.js): a worker runs a file, not a function.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KasaneError } from '../errors.ts';
import { kasaneIdentity } from '../incremental/kasane-identity.ts';
import type { BundleInput, CompiledBundle } from '../load/bundle.ts';
import { renderGeneration, type RenderFlags } from './commands/render.ts';
import type { CliIo } from './io.ts';
import type { GenerationData, GenerationMessage, WatchMessage } from './watch-generations.ts';

const data = workerData as GenerationData;
const port = parentPort!;
const post = (message: GenerationMessage) => port.postMessage(message);

// The render cache's key needs it: computed while the user edits (a failure shows in the render).
kasaneIdentity().catch(() => undefined);

/** Compiles are asked of the watching thread (see watch-generations.ts); their answers by id. */
const pending = new Map<number, { resolve: (bundle: CompiledBundle) => void; reject: (error: unknown) => void }>();
let nextId = 0;

function compileInWatch(input: BundleInput): Promise<CompiledBundle> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    post({ kind: 'compile', id, input });
  });
}

function answered(message: Exclude<WatchMessage, { kind: 'render' }>): void {
  const waiting = pending.get(message.id);
  pending.delete(message.id);
  if (message.kind === 'compiled') waiting?.resolve(message.bundle);
  else waiting?.reject(message.findings ? new KasaneError(message.findings) : new Error(message.message));
}

async function render(): Promise<void> {
  const io: CliIo = {
    stdout: (text) => post({ kind: 'stdout', text }),
    stderr: (text) => post({ kind: 'stderr', text }),
    cwd: data.cwd,
    env: data.env,
    ...(data.isTTY === undefined ? {} : { isTTY: data.isTTY }),
    compileBundle: compileInWatch,
  };
  try {
    await renderGeneration(io, data.envArgs, data.flags as RenderFlags, data.root, (dir) => post({ kind: 'outDir', dir }));
    post({ kind: 'done' });
  } catch (error) {
    post({ kind: 'failed', error });
  }
}

port.on('message', (message: WatchMessage) => {
  if (message.kind === 'render') void render();
  else answered(message);
});
