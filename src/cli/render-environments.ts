/**
 * Renders a list of environments for `kasane render`, one after another on the main thread,
 * outcomes in the order of the list. (Worker threads were measured no faster on the reference
 * workload, N = 1000 and three environments on 2 cores, at 1.08 × the serial wall time with 2
 * threads and 1.20 × with 3, for +86 and +210 MiB, and were removed; see bench/RESULTS.md.)
 */
import type { LoadedProject } from '../load/load-project.ts';
import { releaseMemory } from './heap.ts';
import type { CliIo } from './io.ts';
import { runRenderJob, type RenderJobFlags, type RenderOutcome, type RenderTarget } from './render-job.ts';

/**
 * Renders every environment of `envs` (see {@link runRenderJob}). Once one has failed, the
 * others are rendered without the output step (nothing will be written: only the findings
 * matter); `output` false does that from the start (the output folder is unusable).
 */
export async function renderEnvironments(io: CliIo, project: LoadedProject, envs: readonly string[], flags: RenderJobFlags, target: RenderTarget, output = true): Promise<RenderOutcome[]> {
  const outcomes: RenderOutcome[] = [];
  let failed = !output;
  for (const [index, env] of envs.entries()) {
    const outcome = await runRenderJob(io, project, env, flags, target, { stage: !failed });
    outcomes.push(outcome);
    if (outcome.findings.some((f) => f.severity === 'error')) failed = true;
    // Memory matters for the next environment only; after the last one the process ends soon.
    if (index < envs.length - 1) releaseMemory();
  }
  return outcomes;
}
