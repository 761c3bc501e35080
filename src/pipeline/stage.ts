/**
 * What a stage of the pipeline is and what it sees. A render is a list of stages (see
 * ./stages.ts), each a function from the state before it to the state after it, run by one loop
 * (./run-stages.ts) that times them, traces them and stops at the first error.
 */
import type { Finding } from '../errors.ts';
import type { KObject } from '../k8s/object.ts';
import type { Resource, Trace } from '../k8s/resource.ts';
import type { ChartRenders } from '../project/chart-component.ts';
import type { ResolvedConfig } from '../project/config.ts';
import type { RenderPlan } from '../project/component-plan.ts';
import type { Environment } from '../project/environment.ts';
import type { RenderedEnvironment } from '../render/emit-environment.ts';
import type { SecretNeeds, SecretSources } from '../secrets/resolve-refs.ts';
import type { SecretEntryRefs } from '../secrets/plaintext-output.ts';
import type { ObjectMemo } from '../util/object-memo.ts';

/** What the pipeline needs of a project (what `loadProject` returns). */
export interface ProjectData {
  config: ResolvedConfig;
  environments: readonly Environment[];
  /** Contents of files generators and components read, by absolute path. */
  files: ReadonlyMap<string, Uint8Array>;
}

/** How SealedSecrets are sealed: a secret `stableKey` (reproducible) or a `random` source. */
export type SealSettings = { certificate?: string } & ({ stableKey: Uint8Array } | { random: (size: number) => Uint8Array });

/** Options of `render`. */
export interface RenderOptions {
  /**
   * Run the validate stage (schema, references, policies).
   * @default true
   */
  validate?: boolean;
  /**
   * Kubernetes version to validate against instead of the environment's (`kasane validate --upgrade-to`).
   * @default the environment's `kubernetesVersion`, else the project's, else the newest minor
   */
  kubernetesVersion?: string;
  /** Record the time of each stage in `timings`. @default false */
  timings?: boolean;
  /**
   * Called with the objects after every stage and every step of the overlay (for
   * `kasane explain`).
   * @default none
   */
  trace?: Trace;
  /**
   * Where `secretValue.fromEnv`/`fromFile` read from, and how SealedSecrets are sealed. With
   * `placeholders` (for commands that only check the project), a value that is not available
   * becomes a placeholder instead of an error, and SealedSecret entries that cannot be sealed
   * reproducibly (no `stableKey` in `seal`) get placeholders too; `placeholders` of the result
   * lists them.
   * @default no variables and no files (every reference is a `secrets/missing-*` finding)
   */
  secrets?: { sources: SecretSources; seal?: SealSettings; placeholders?: boolean };
  /**
   * The environment's chart components as helm rendered them, by component name: the pipeline
   * runs no process, so the caller renders them first (`chartRequests` says what to render).
   * @default none (each chart component is a `charts/not-rendered` error)
   */
  charts?: ChartRenders;
  /**
   * Where per-object results (each object's YAML) are kept between renders, keyed by exactly
   * what the step reads; the output is the same with or without it.
   * @default none (every object is written)
   */
  objectMemo?: ObjectMemo;
}

/** What every stage of one render reads. */
export interface StageContext {
  readonly project: ProjectData;
  readonly options: RenderOptions;
  /** The environment rendered. */
  readonly env: Environment;
  /** Its `extends` chain, root first, ending with `env`. */
  readonly chain: readonly Environment[];
  /** What it renders: its components and the scopes (groups) they sit in. */
  readonly plan: RenderPlan;
}

/** What flows from stage to stage in one render. */
export interface RenderState {
  resources: Resource[];
  findings: Finding[];
  /**
   * Every secret value met so far, for redaction: the loop adds the secret entries of the objects
   * after each stage; a stage adds what it read that the objects do not show whole.
   */
  readonly secretValues: Set<string>;
  /** Set by the build stage: CustomResourceDefinitions that validate custom resources without being rendered (a chart's crds/ left out with `includeCrds: false`). */
  crds?: KObject[];
  /** Set by the secrets stage: what `secretValue` references asked for. */
  secretNeeds?: SecretNeeds;
  /** Set by the secrets stage: which Secret entries held references. */
  entryRefs?: SecretEntryRefs;
  /** Set by the emit stage. */
  output?: RenderedEnvironment;
}

/**
 * One stage: a name (for timings and the trace) and a function from the state before it to the
 * state after it. A stage reports problems as findings in the state (or throws a KasaneError);
 * the loop stops after the first stage that leaves an error.
 */
export interface Stage {
  readonly name: string;
  /** Whether the stage runs in this render. @default always */
  readonly when?: (ctx: StageContext) => boolean;
  run(state: RenderState, ctx: StageContext): RenderState;
}
