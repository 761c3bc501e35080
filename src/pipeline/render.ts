/**
 * `render(project, env)`: the whole pipeline for one environment as one library call — the
 * stages of ./stages.ts (build, secrets, overlay, seal, validate, emit) run by one loop.
 * Pure: the project's files were read by the loader.
 */
import { isKasaneError, type Finding } from '../errors.ts';
import { sourceOfResource } from '../k8s/origin.ts';
import type { Resource } from '../k8s/resource.ts';
import { planRender } from '../project/component-plan.ts';
import { environmentChain, findEnvironment } from '../project/environment.ts';
import type { RenderedEnvironment } from '../render/emit-environment.ts';
import { placeholdersOf, type SecretPlaceholder } from '../secrets/placeholders.ts';
import { plaintextSecretsOf, type PlaintextSecret } from '../secrets/plaintext-output.ts';
import { makeScrubber, redactFinding } from '../secrets/redact.ts';
import type { SecretNeeds } from '../secrets/resolve-refs.ts';
import { secretGeneratorTexts } from '../secrets/secret-texts.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { runStages } from './run-stages.ts';
import type { ProjectData, RenderOptions, RenderState, StageContext } from './stage.ts';
import { STAGES } from './stages.ts';

/** Result of rendering one environment. */
export interface RenderResult {
  env: string;
  /** Final objects, in render order once emitted. */
  resources: Resource[];
  /** Every finding; errors mean `output` is absent. */
  findings: Finding[];
  output?: RenderedEnvironment;
  /** Milliseconds per stage, when asked for. */
  timings?: Record<string, number>;
  /** The variables and files `secretValue` references asked for (once the secrets stage ran). */
  secretNeeds?: SecretNeeds;
  /**
   * Every secret value the render met, sorted: the values `secretValue` references read, the
   * entries of Secrets and unsealed SealedSecrets at each stage, and the inputs of Secret
   * generators. `findings` are redacted with them already; a caller that prints anything
   * else about the environment redacts it with them too (see `makeScrubber`). Keep them in
   * memory only.
   */
  secretValues: string[];
  /** With `secrets.placeholders`: the fields of the final objects that hold a placeholder. */
  placeholders?: SecretPlaceholder[];
  /**
   * With `output`: the Secrets it holds with values in plain text and without the
   * `kasane.dev/commit-plaintext` annotation (the CLI writes them only where git ignores them).
   */
  plaintextSecrets?: PlaintextSecret[];
}

/**
 * Renders environment `envName` of `project`.
 * Never throws for user mistakes: they come back as findings.
 */
export function render(project: ProjectData, envName: string, options: RenderOptions = {}): RenderResult {
  const timings = options.timings ? {} : undefined;
  const start: RenderState = { resources: [], findings: [], secretValues: new Set() };
  let ctx: StageContext;
  try {
    const env = findEnvironment(project.environments, envName);
    ctx = { project, options, env, chain: environmentChain(env), plan: planRender(env) };
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    return resultOf(envName, { ...start, findings: error.findings.map((f) => ({ env: envName, ...f })) }, options, timings);
  }
  for (const text of secretGeneratorTexts([...ctx.plan.scopes.map((s) => s.level), ...ctx.chain], project.files)) start.secretValues.add(text);
  return resultOf(envName, runStages(STAGES, start, ctx, timings), options, timings);
}

/** The result of a render from its last state: findings redacted, the secret side filled in. */
function resultOf(env: string, state: RenderState, options: RenderOptions, timings: Record<string, number> | undefined): RenderResult {
  const { resources, findings, output, secretNeeds, secretValues } = state;
  const scrub = findings.length ? makeScrubber(secretValues) : undefined;
  return {
    env,
    resources,
    ...(output ? { output } : {}),
    ...(timings ? { timings } : {}),
    findings: scrub ? findings.map((f: Finding) => redactFinding(f, scrub)) : [...findings],
    ...(secretNeeds ? { secretNeeds } : {}),
    secretValues: [...secretValues].sort(compareCodeUnits),
    ...(options.secrets?.placeholders === true ? { placeholders: placeholdersOf(resources) } : {}),
    ...(output ? { plaintextSecrets: plaintextSecretsOf(resources, state.entryRefs ?? new Map(), sourceOfResource) } : {}),
  };
}

/** The environments a bare `kasane render` renders: every one that is not abstract. */
export function renderableEnvironments(project: Pick<ProjectData, 'environments'>): string[] {
  return project.environments.filter((e) => !e.abstract).map((e) => e.name);
}
