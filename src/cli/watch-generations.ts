/**
 * The renders of `kasane render --watch`, one worker thread each. Node never unloads an ES
 * module, so a render that imported the project's compiled bundle in the watching thread would
 * keep that bundle's whole module graph (and everything its top-level code built) for as long
 * as the watch runs: every save added one more. A worker's modules, source maps and heap go
 * with it, so each render runs in a fresh worker that the watch ends once the render is done.
 * The next worker is started right away and loads kasane (and its cache key) while the user
 * edits, so a save waits only for loading the project and rendering it. The render cache and
 * the object memo live in the project's cache folder and serve every worker alike.
 *
 * The workers' bundles are compiled here, in the watching thread. esbuild runs as a child
 * process that its importing thread owns; a worker's child outlived the worker as a dead process
 * entry (nobody was left to collect its exit) until the watch ended, one per save. The watching
 * thread keeps one esbuild process for the whole watch and answers each worker's request.
 */
import { Worker } from 'node:worker_threads';
import { isKasaneError, type Finding } from '../errors.ts';
import { compileBundle, type BundleInput, type CompiledBundle } from '../load/bundle.ts';
import { builtEntry } from '../load/load-project.ts';
import type { CliIo } from './io.ts';

/** What each render of the watch renders: `render --watch`'s arguments and project folder. */
export interface GenerationRequest {
  envArgs: string[];
  /** The parsed options of `render` (plain data: they cross to the worker as a copy). */
  flags: object;
  root: string;
}

/** What a worker is given: the request and the parts of the CLI's {@link CliIo} that are data. */
export interface GenerationData extends GenerationRequest {
  cwd: string;
  env: Record<string, string | undefined>;
  isTTY?: boolean;
}

/**
 * A worker's messages: its output, the output folder once loaded, a bundle to compile, and how
 * its render ended.
 */
export type GenerationMessage =
  { kind: 'stdout' | 'stderr'; text: string } | { kind: 'outDir'; dir: string } | { kind: 'compile'; id: number; input: BundleInput } | { kind: 'done' } | { kind: 'failed'; error: unknown };

/**
 * The watch's messages to a worker: render now, or the answer to its `compile` (a
 * {@link KasaneError}'s findings cross as data, since a thrown error's class does not).
 */
export type WatchMessage = { kind: 'render' } | { kind: 'compiled'; id: number; bundle: CompiledBundle } | { kind: 'compile-failed'; id: number; findings?: Finding[]; message?: string };

/** The answer to a worker's request to compile `input` for it. */
async function compileFor(id: number, input: BundleInput): Promise<WatchMessage> {
  try {
    return { kind: 'compiled', id, bundle: await compileBundle(input) };
  } catch (error) {
    if (isKasaneError(error)) return { kind: 'compile-failed', id, findings: [...error.findings] };
    return { kind: 'compile-failed', id, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The renders of one watch. */
export interface Generations {
  /** Renders once in the waiting worker, then ends it and starts the next; rejects on an error that is not a finding. */
  render(): Promise<void>;
  /** Ends the waiting worker. */
  close(): Promise<void>;
}

/** A started worker and the end of its render (settled only after it was asked to render). */
interface Generation {
  worker: Worker;
  finished: Promise<void>;
}

function startGeneration(url: URL, data: GenerationData, io: CliIo, onOutDir: (dir: string) => void): Generation {
  const worker = new Worker(url, { workerData: data });
  const finished = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: GenerationMessage) => {
      if (message.kind === 'failed') reject(message.error);
      else if (message.kind === 'done') resolve();
      else if (message.kind === 'outDir') onOutDir(message.dir);
      else if (message.kind === 'compile') void compileFor(message.id, message.input).then((answer) => worker.postMessage(answer));
      else io[message.kind](message.text);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`kasane's render worker stopped before its render finished (exit code ${code})`)));
  });
  // A worker ended unused (the watch stopped) has no render to report on.
  finished.catch(() => undefined);
  return { worker, finished };
}

/**
 * The renders of a watch over `request`, each in a worker started ahead of it; `onOutDir`
 * hears the output folder each loaded project configures.
 * @throws KasaneError `load/library-not-built` when kasane runs from its sources unbuilt
 */
export function workerGenerations(io: CliIo, request: GenerationRequest, onOutDir: (dir: string) => void): Generations {
  const url = new URL(builtEntry('watch-worker.js'));
  const data: GenerationData = { ...request, cwd: io.cwd, env: { ...io.env }, ...(io.isTTY === undefined ? {} : { isTTY: io.isTTY }) };
  const start = () => startGeneration(url, data, io, onOutDir);
  let waiting: Generation | undefined = start();
  let closed = false;
  return {
    async render() {
      const generation = waiting ?? start();
      waiting = undefined;
      generation.worker.postMessage({ kind: 'render' } satisfies WatchMessage);
      try {
        await generation.finished;
      } finally {
        await generation.worker.terminate();
        if (!closed) waiting = start();
      }
    },
    async close() {
      closed = true;
      await waiting?.worker.terminate();
      waiting = undefined;
    },
  };
}
