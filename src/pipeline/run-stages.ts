/**
 * The one loop that runs the stages of a render, and what happens around every stage in one
 * place: its time, the secret values it leaves in the objects (so no finding or error quotes
 * one), the trace of the objects after it, and stopping after the first stage that leaves an
 * error. A KasaneError a stage throws counts as its findings; any other error is a bug, passed
 * on with the secret values met so far scrubbed from its message and stack.
 */
import { isKasaneError } from '../errors.ts';
import { makeScrubber } from '../secrets/redact.ts';
import { secretTextsOf } from '../secrets/secret-texts.ts';
import type { RenderState, Stage, StageContext } from './stage.ts';

/**
 * Runs `stages` in order from `state`; adds the milliseconds of each to `timings` when given.
 * @returns the state after the last stage that ran.
 */
export function runStages(stages: readonly Stage[], state: RenderState, ctx: StageContext, timings?: Record<string, number>): RenderState {
  let current = state;
  for (const stage of stages) {
    if (stage.when && !stage.when(ctx)) continue;
    const started = performance.now();
    const before = current.resources;
    current = runStage(stage, current, ctx);
    if (timings) timings[stage.name] = (timings[stage.name] ?? 0) + performance.now() - started;
    if (current.resources !== before)
      secretTextsOf(
        current.resources.map((r) => r.object),
        current.secretValues,
      );
    ctx.options.trace?.({ env: ctx.env.name, step: stage.name }, current.resources);
    if (current.findings.some((f) => f.severity === 'error')) break;
  }
  return current;
}

function runStage(stage: Stage, state: RenderState, ctx: StageContext): RenderState {
  try {
    return stage.run(state, ctx);
  } catch (error) {
    if (isKasaneError(error)) return { ...state, findings: [...state.findings, ...error.findings.map((f) => ({ env: ctx.env.name, ...f }))] };
    scrubError(error, state.secretValues);
    throw error;
  }
}

/** An error that is not a finding (a bug): what the CLI prints of it must not quote a secret either. */
function scrubError(error: unknown, secrets: ReadonlySet<string>): void {
  if (!(error instanceof Error) || secrets.size === 0) return;
  const scrub = makeScrubber(secrets);
  error.message = scrub(error.message);
  if (error.stack) error.stack = scrub(error.stack);
}
