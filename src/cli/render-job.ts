/**
 * `kasane render` for one environment, from rendering to its output: the staged folder
 * (`--out`), the drift against the folder (`--check`) or the YAML text (`--stdout`). What comes
 * back is small plain data, so the environment's resources and file contents are dropped as
 * soon as it returns.
 */
import path from 'node:path';
import type { Finding } from '../errors.ts';
import type { LoadedProject } from '../load/load-project.ts';
import { checkEnvironment, type FileDrift } from '../output/check.ts';
import { redactSecretDrift } from './redact-drift.ts';
import { documentsOf, type RenderedEnvironment } from '../render/emit-environment.ts';
import { refKey } from '../k8s/object.ts';
import type { PlaintextSecret } from '../secrets/plaintext-output.ts';
import { readTree, stageEnvironment, type StagedEnvironment } from '../output/write.ts';
import { envRenderOptions, rememberRender } from './context.ts';
import { render } from '../pipeline/render.ts';
import { renderCached } from '../incremental/cached-render.ts';
import type { RenderCache } from '../incremental/render-cache.ts';
import { outputDigests, type EnvironmentRecord } from '../incremental/input-manifest.ts';
import { withCommittedSecretFiles } from './secret-placeholders.ts';
import { plaintextGuard } from './plaintext-guard.ts';
import type { SecretPlaceholder } from '../secrets/placeholders.ts';
import type { CliIo } from './io.ts';

/** What to do with a rendered environment. */
export type RenderTarget = { kind: 'write'; outDir: string; token: string } | { kind: 'check'; outDir: string } | { kind: 'stdout' };

/** Flags of the render itself. */
export interface RenderJobFlags {
  validate: boolean;
  timings: boolean;
  /** The render cache: an environment whose inputs did not change is not rendered again. */
  cache?: RenderCache;
  /** Keep what the input manifest records of each environment whose render the cache holds (`RenderOutcome.record`). */
  record?: boolean;
}

/** The outcome of one environment's job. */
export interface RenderOutcome {
  env: string;
  findings: Finding[];
  timings?: Record<string, number>;
  /** Number of objects rendered (when the render had no errors). */
  objects: number;
  /** `write`: the staged folder. */
  staged?: StagedEnvironment;
  /** `check`: the files that differ. */
  drift?: FileDrift[];
  /**
   * What staging (`write`) or reading the folder (`check`) threw; raised by the caller only
   * when no environment had errors, as if the output step had run after every render.
   */
  outputError?: unknown;
  /** `stdout`: the environment's documents (empty when it has no object). */
  yaml?: string;
  /** `check`: the fields holding a placeholder, whose committed value was kept. */
  placeholders?: SecretPlaceholder[];
  /** What the input manifest records of the environment; absent when its output depends on more than the inputs the manifest records. */
  record?: EnvironmentRecord;
}

/**
 * The job for the folder of an environment that no longer exists (see write-orphans.ts): it
 * renders as an environment without files, so that writing removes the files kasane wrote there
 * (by the same staging, journal and swap as any environment) and a check shows them as drift.
 */
export async function runPruneJob(env: string, target: Extract<RenderTarget, { kind: 'write' | 'check' }>): Promise<RenderOutcome> {
  const outcome: RenderOutcome = { env, findings: [], objects: 0 };
  const nothing = { env, files: new Map<string, string>(), objects: new Map() };
  try {
    if (target.kind === 'check') outcome.drift = checkEnvironment(env, nothing.files, await readTree(path.join(target.outDir, env)), nothing.objects, redactSecretDrift);
    else outcome.staged = await stageEnvironment(target.outDir, nothing, target.token);
  } catch (error) {
    outcome.outputError = error;
  }
  return outcome;
}

/** Options of {@link runRenderJob}. */
export interface RenderJobOptions {
  /** False skips the output step (an earlier environment failed: nothing will be written). @default true */
  stage?: boolean;
}

/** Renders environment `env` and stages, checks or prints it. */
export async function runRenderJob(io: CliIo, project: LoadedProject, env: string, flags: RenderJobFlags, target: RenderTarget, options: RenderJobOptions = {}): Promise<RenderOutcome> {
  const preparing = performance.now();
  const renderOptions = { ...(await envRenderOptions(io, project, env, target.kind === 'check' ? 'check' : 'output')), validate: flags.validate, timings: flags.timings };
  // Chart components are rendered by helm before the pipeline runs: a step of their own in `--timings`.
  const charts: Record<string, number> = renderOptions.charts ? { charts: performance.now() - preparing } : {};
  const served = flags.cache ? await renderCached(project, env, renderOptions, flags.cache) : undefined;
  const result = served?.result ?? render(project, env, renderOptions);
  // The output gate (redacting-io.ts) hides this render's secret values from now on.
  const hidden = rememberRender(io, result);
  const outcome: RenderOutcome = {
    env: result.env,
    findings: result.findings,
    objects: 0,
    ...(result.timings ? { timings: { ...charts, ...result.timings } } : {}),
    ...(result.placeholders?.length ? { placeholders: result.placeholders } : {}),
  };
  const output = result.output;
  if (!output || options.stage === false || result.findings.some((f) => f.severity === 'error')) return outcome;
  outcome.objects = output.objects.size;
  if (target.kind !== 'stdout') {
    // Plain-text Secret values go only where git ignores them (render --check fails as render would).
    const refused = await plaintextGuard(io, target.outDir, output, result.plaintextSecrets ?? []);
    if (refused.length) {
      outcome.findings = [...outcome.findings, ...refused];
      return outcome;
    }
  }
  const started = performance.now();
  if (target.kind === 'stdout') {
    outcome.yaml = documentsOf(output);
  } else if (target.kind === 'check') {
    try {
      const onDisk = await readTree(path.join(target.outDir, output.env));
      // A placeholder cannot be compared: the committed value is kept there, the rest is compared.
      const files = withCommittedSecretFiles(output, result.resources, result.placeholders ?? [], onDisk);
      outcome.drift = checkEnvironment(output.env, files, onDisk, output.objects, redactSecretDrift);
    } catch (error) {
      outcome.outputError = error;
    }
  } else {
    try {
      outcome.staged = await stageEnvironment(target.outDir, output, target.token);
    } catch (error) {
      outcome.outputError = error;
    }
  }
  // Reading or writing the output folder is a stage of its own in `--timings`.
  if (outcome.timings && target.kind !== 'stdout') outcome.timings[target.kind] = performance.now() - started;
  // Helm's output is outside the recorded inputs; git's ignore rules are asked again each run.
  if (flags.record && served?.stored && !renderOptions.charts && target.kind !== 'stdout') outcome.record = recordOf(output, outcome, hidden, result.plaintextSecrets ?? []);
  return outcome;
}

/** What the input manifest keeps of a rendered environment. */
function recordOf(output: RenderedEnvironment, outcome: RenderOutcome, hidden: string[], plaintext: PlaintextSecret[]): EnvironmentRecord {
  const secrets = new Set(plaintext.map((s) => refKey(s.object)));
  const plaintextFiles = [...output.objects].filter(([, ref]) => secrets.has(refKey(ref)));
  return { env: output.env, objects: outcome.objects, findings: outcome.findings, files: outputDigests(output.files), hidden, plaintext, plaintextFiles, entry: null };
}
