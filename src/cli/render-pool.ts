/**
 * Renders a list of environments for `kasane render`, on the main thread alone or, for a big
 * project on a machine with spare cores, on the main thread plus worker threads. Outcomes come
 * back in the order of the list whatever thread rendered what, so printed findings, output
 * bytes and the write report are the same either way.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { LoadedProject } from '../load/load-project.ts';
import { planComponents } from '../project/component-plan.ts';
import { findEnvironment } from '../project/environment.ts';
import { releaseMemory } from './heap.ts';
import type { CliIo } from './io.ts';
import { runRenderJob, type RenderJobFlags, type RenderOutcome, type RenderTarget } from './render-job.ts';

/** What a worker gets when it starts. */
export interface WorkerSetup {
  root: string;
  cwd: string;
  env: Record<string, string>;
  flags: RenderJobFlags;
  target: RenderTarget;
}

/** One environment for a worker; `null` tells it to stop. */
export interface WorkerJob {
  index: number;
  env: string;
  /** False once an environment failed: nothing will be written, so skip the output step. */
  stage: boolean;
}

/** A worker's answer: the outcome, or `failed` (the main thread then runs the job itself). */
export type WorkerReply = { index: number; outcome: RenderOutcome } | { index: number; failed: true };

/**
 * Component uses (summed over the environments rendered) from which worker threads may pay off.
 * Measured with the reference workload (bench/threads.mjs): a worker costs ~0.45 s of CPU to
 * start and load the project again, an environment renders in ~0.33 s at 300 components and
 * ~0.8 s at 1,000; below ~500 components per environment a worker's start eats its gain.
 */
export const PARALLEL_MIN_COMPONENT_USES = 1500;

/**
 * Cores from which worker threads are used. A serial render already keeps ~1.5 cores busy
 * (V8 collects garbage on helper threads), so on 2 cores workers measured no faster at any size
 * (N = 1000: 0.98 x the serial wall) and cost ~75 MB each; with 4 and more there is room.
 */
export const PARALLEL_MIN_CORES = 4;

/**
 * The built worker script next to this module (dist/ or dist/chunks/), or, when kasane runs
 * from its TypeScript sources, the one in the checkout's dist/ if it was built; else undefined.
 */
export function workerScript(): URL | undefined {
  const here = new URL(import.meta.url);
  const candidates = here.pathname.endsWith('.ts')
    ? [new URL('../../dist/render-worker.js', here)]
    : [new URL('./render-worker.js', here), new URL('../render-worker.js', here)];
  return candidates.find((u) => existsSync(u));
}

/**
 * How many threads (the main one included) render `envs`: `KASANE_RENDER_THREADS` when set
 * (1 = serial), else 1 for fewer than 2 environments, fewer than {@link PARALLEL_MIN_CORES}
 * cores, or a project below {@link PARALLEL_MIN_COMPONENT_USES}; otherwise one per core, at
 * most one per environment.
 */
export function renderThreads(io: CliIo, project: LoadedProject, envs: readonly string[]): number {
  const forced = Number.parseInt(io.env.KASANE_RENDER_THREADS ?? '', 10);
  if (Number.isInteger(forced) && forced >= 1) return Math.min(forced, envs.length);
  const cores = availableParallelism();
  if (envs.length < 2 || cores < PARALLEL_MIN_CORES) return 1;
  let uses = 0;
  for (const name of envs) {
    try {
      uses += planComponents(findEnvironment(project.environments, name)).length;
    } catch {
      return 1;
    }
  }
  return uses < PARALLEL_MIN_COMPONENT_USES ? 1 : Math.min(cores, envs.length);
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Renders every environment of `envs` (see {@link runRenderJob}) and returns the outcomes in
 * the same order. Workers are used per {@link renderThreads} when the worker script exists;
 * a job a worker could not finish is run again on the main thread. `output` false renders
 * without the output step (the output folder is unusable: only the findings matter).
 */
export async function renderEnvironments(io: CliIo, project: LoadedProject, envs: readonly string[], flags: RenderJobFlags, target: RenderTarget, output = true): Promise<RenderOutcome[]> {
  const outcomes: RenderOutcome[] = new Array(envs.length);
  let failed = !output;
  const keep = (index: number, outcome: RenderOutcome): void => {
    outcomes[index] = outcome;
    if (outcome.findings.some((f) => f.severity === 'error')) failed = true;
  };
  const local = async (index: number): Promise<void> => {
    keep(index, await runRenderJob(io, project, envs[index]!, flags, target, { stage: !failed }));
    // Memory matters for the next environment only; after the last one the process ends soon.
    if (next < envs.length) releaseMemory();
  };

  let next = 0;
  const take = (): WorkerJob | undefined => (next < envs.length ? { index: next, env: envs[next++]!, stage: !failed } : undefined);
  const retry: number[] = [];
  const threads = renderThreads(io, project, envs);
  const script = threads > 1 ? workerScript() : undefined;
  const workers: Promise<void>[] = [];
  if (script) {
    const setup: WorkerSetup = { root: project.root, cwd: io.cwd, env: plainEnv(io.env), flags, target };
    // Each worker gets its first environment now: the main thread is busy until its own is done.
    next = 1;
    for (let w = 1; w < threads && next < envs.length; w++) workers.push(runWorker(script, setup, take, keep, retry));
    await local(0);
    await nextTurn();
  }
  for (let job = take(); job; job = take()) {
    await local(job.index);
    await nextTurn();
  }
  await Promise.all(workers);
  for (const index of retry.sort((a, b) => a - b)) await local(index);
  return outcomes;
}

function plainEnv(env: CliIo['env']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** Runs one worker until the queue is empty; jobs it could not finish go to `retry`. */
function runWorker(script: URL, setup: WorkerSetup, take: () => WorkerJob | undefined, keep: (index: number, outcome: RenderOutcome) => void, retry: number[]): Promise<void> {
  return new Promise((resolve) => {
    let current = take();
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: setup });
    } catch {
      if (current) retry.push(current.index);
      resolve();
      return;
    }
    const give = (job: WorkerJob | undefined): void => {
      current = job;
      worker.postMessage(job ?? null);
    };
    worker.on('message', (reply: WorkerReply) => {
      if ('failed' in reply) {
        retry.push(reply.index);
        give(undefined);
        return;
      }
      keep(reply.index, reply.outcome);
      give(take());
    });
    worker.on('error', () => {
      if (current) retry.push(current.index);
      current = undefined;
    });
    worker.on('exit', () => {
      if (current) retry.push(current.index);
      resolve();
    });
    give(current);
  });
}
