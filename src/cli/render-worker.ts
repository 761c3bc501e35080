/**
 * Worker thread entry of `kasane render` (built as dist/render-worker.js): loads the project
 * (a compile-cache hit: the main thread compiled it moments before), then renders each
 * environment the main thread sends and posts back its {@link RenderOutcome}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadProject, type LoadedProject } from '../load/load-project.ts';
import { releaseMemory } from './heap.ts';
import type { CliIo } from './io.ts';
import type { WorkerJob, WorkerReply, WorkerSetup } from './render-pool.ts';
import { runRenderJob } from './render-job.ts';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const io: CliIo = { stdout: () => undefined, stderr: () => undefined, cwd: setup.cwd, env: setup.env };

/**
 * The main thread has loaded the project already and shown what its modules print while
 * loading; the worker's copy stays quiet meanwhile (what builds print later still shows).
 */
function quietly<T>(work: () => Promise<T>): Promise<T> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = (() => true) as typeof out;
  process.stderr.write = (() => true) as typeof err;
  return work().finally(() => {
    process.stdout.write = out;
    process.stderr.write = err;
  });
}

const loading: Promise<LoadedProject> = quietly(() => loadProject(setup.root));
loading.catch(() => undefined);

port.on('message', (job: WorkerJob | null) => {
  if (job === null) {
    port.close();
    return;
  }
  loading
    .then((project) => runRenderJob(io, project, job.env, setup.flags, setup.target, { stage: job.stage }))
    .then(
      // An error (thrown, or met while staging) goes back as a failure: the main thread then
      // runs the job itself, so the user sees exactly what a serial render shows.
      (outcome): WorkerReply => (outcome.outputError === undefined ? { index: job.index, outcome } : { index: job.index, failed: true }),
      (): WorkerReply => ({ index: job.index, failed: true }),
    )
    .then((reply) => {
      releaseMemory();
      try {
        port.postMessage(reply);
      } catch {
        port.postMessage({ index: job.index, failed: true } satisfies WorkerReply);
      }
    });
});
