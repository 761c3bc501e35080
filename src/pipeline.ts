/**
 * `render(project, env)`: the whole pipeline for one environment as one library call —
 * values, build, overlay, validate, emit. Pure: the project's files were read by the loader.
 */
import { formatObjectRef, isKasaneError, type Finding, type SourceLocation } from './errors.ts';
import { objectKey, refKey, refOf, type KObject } from './k8s/object.ts';
import type { Resource } from './k8s/resource.ts';
import { applyOverlay, type OverlayContext } from './overlay/apply-overlay.ts';
import { locateFinding } from './overlay/blame.ts';
import { buildComponent, planComponents, sourceOfResource } from './project/build.ts';
import { parseExternal, type ResolvedConfig } from './project/config.ts';
import { environmentChain, findEnvironment, type Environment } from './project/environment.ts';
import { kubernetesVersionOf } from './project/kubernetes-version.ts';
import { emitEnvironment, type RenderedEnvironment } from './render/files.ts';
import { validate, type ValidateOptions } from './validate/index.ts';
import { makeScrubber, redactFinding } from './secrets/redact.ts';
import { secretTextsOf } from './secrets/secret-texts.ts';
import { placeholdersOf, type SecretPlaceholder } from './secrets/placeholders.ts';
import { plaintextSecretsOf, secretEntryRefs, type PlaintextSecret, type SecretEntryRefs } from './secrets/plaintext-output.ts';
import { generatorInputFiles } from './project/generators.ts';
import { compareCodeUnits } from './k8s/code-unit.ts';
import { listSecretRefs, resolveSecretRefs, type SecretNeeds, type SecretSources } from './secrets/resolve-refs.ts';
import { sealSecrets, type SealOptions } from './secrets/seal-secrets.ts';

/** What the pipeline needs of a project (what `loadProject` returns). */
export interface ProjectData {
  config: ResolvedConfig;
  environments: readonly Environment[];
  /** Contents of files generators read, by absolute path. */
  files: ReadonlyMap<string, Uint8Array>;
}

/** Options of {@link render}. */
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
  /** Called with the objects after the build and after every overlay step (for `kasane explain`). @default none */
  onStep?: OverlayContext['onStep'];
  /**
   * Where `secretValue.fromEnv`/`fromFile` read from, and how SealedSecrets are sealed. With
   * `placeholders` (for commands that only check the project), a value that is not available
   * becomes a placeholder instead of an error, and SealedSecret entries that cannot be sealed
   * reproducibly (no `stableKey` in `seal`) get placeholders too; `placeholders` of the result
   * lists them.
   * @default no variables and no files (every reference is a `secrets/missing-*` finding)
   */
  secrets?: { sources: SecretSources; seal?: SealSettings; placeholders?: boolean };
}

/** How SealedSecrets are sealed: a secret `stableKey` (reproducible) or a `random` source. */
export type SealSettings = { certificate?: string } & ({ stableKey: Uint8Array } | { random: (size: number) => Uint8Array });

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
  /** The variables and files `secretValue` references asked for. */
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

function duplicateFindings(resources: readonly Resource[], env: string, stage: string): Finding[] {
  const seen = new Map<string, Resource>();
  const findings: Finding[] = [];
  for (const res of resources) {
    const key = objectKey(res.object);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, res);
      continue;
    }
    const where = first.component === res.component ? `component '${res.component}' builds it twice` : `components '${first.component}' and '${res.component}' both build it`;
    const firstBuilt = sourceOfResource(first);
    findings.push({
      severity: 'error',
      code: 'render/duplicate-object',
      message: `${formatObjectRef(refOf(res.object))} is defined twice ${stage}: ${where}`,
      hint: 'rename one of the objects, or drop one of the components from the environment',
      env,
      component: res.component,
      object: refOf(res.object),
      ...sourceOf(res),
      ...(firstBuilt ? { related: [firstBuilt] } : {}),
    });
  }
  return findings;
}

/** `{ source }` of the builder call that made a resource, or nothing. */
function sourceOf(res: Resource): { source?: SourceLocation } {
  const source = sourceOfResource(res);
  return source ? { source } : {};
}

const now = (): number => performance.now();


/**
 * Renders environment `envName` of `project`.
 * Never throws for user mistakes: they come back as findings.
 */
export function render(project: ProjectData, envName: string, options: RenderOptions = {}): RenderResult {
  const timings: Record<string, number> = {};
  let t = now();
  const lap = (stage: string) => {
    if (!options.timings) return;
    const n = now();
    timings[stage] = (timings[stage] ?? 0) + (n - t);
    t = n;
  };
  const secrets = secretFlow(project, options);
  const result = (resources: Resource[], findings: Finding[], output?: RenderedEnvironment): RenderResult => ({
    env: envName,
    resources,
    ...(output ? { output } : {}),
    ...(options.timings ? { timings } : {}),
    ...secrets.finish(resources, findings, output),
  });
  try {
    const env = findEnvironment(project.environments, envName);
    const chain = environmentChain(env);
    const ctx = { env: env.name, labels: commonLabelsOf(chain), ...(namespaceOf(chain) ? { namespace: namespaceOf(chain)! } : {}) };
    const findings: Finding[] = [];
    let resources: Resource[] = [];
    for (const plan of planComponents(env)) {
      const built = buildComponent(plan, ctx);
      resources.push(...built.resources);
      findings.push(...built.findings);
    }
    findings.push(...duplicateFindings(resources, env.name, 'by the components'));
    const resolved = secrets.resolve(resources, env.name, chain);
    resources = resolved.resources;
    findings.push(...locateFindings(resolved.findings, resources));
    lap('build');
    if (findings.some((f) => f.severity === 'error')) return result(resources, findings);

    options.onStep?.({ env: env.name, step: 'build' }, resources);
    const overlaid = applyOverlay(resources, chain, { env: env.name, files: project.files, ...(options.onStep ? { onStep: options.onStep } : {}) });
    resources = overlaid.resources;
    findings.push(...overlaid.findings, ...duplicateFindings(resources, env.name, 'after the overlay'));
    if (!findings.some((f) => f.severity === 'error')) {
      // Sealed after the overlay, so the encryption binds the final name and namespace.
      const sealed = secrets.seal(resources, env.name);
      resources = sealed.resources;
      findings.push(...locateFindings(sealed.findings, resources));
    }
    lap('overlay');
    if (findings.some((f) => f.severity === 'error')) return result(resources, findings);

    if (options.validate !== false) {
      const kubernetesVersion = options.kubernetesVersion ?? kubernetesVersionOf(chain, project.config);
      findings.push(...locateFindings(validate(resources, { ...validateOptionsOf(project.config), kubernetesVersion }), resources).map((f) => ({ ...f, env: env.name })));
      lap('validate');
      if (findings.some((f) => f.severity === 'error')) return result(resources, findings);
    }
    const output = emitEnvironment(env.name, resources);
    lap('emit');
    return result(resources, findings, output);
  } catch (error) {
    if (isKasaneError(error)) return result([], error.findings.map((f) => ({ env: envName, ...f })));
    secrets.scrubError(error);
    throw error;
  }
}

/**
 * The secret side of one render: resolves `secretValue` references (or puts placeholders in),
 * seals SealedSecrets, and remembers every secret value met on the way, so that no finding
 * quotes one (a user's exception, a failed patch test, a schema message about a value copied
 * out of a Secret) and the caller can redact whatever else it prints.
 */
function secretFlow(project: ProjectData, options: RenderOptions) {
  const seen = new Set<string>();
  const placeholders = options.secrets?.placeholders === true;
  let needs: SecretNeeds | undefined;
  let entryRefs: SecretEntryRefs = new Map();
  return {
    /** After the build: resolves the references; notes the built Secrets' values and the inputs of Secret generators. */
    resolve(built: Resource[], env: string, chain: readonly Environment[]): { resources: Resource[]; findings: Finding[] } {
      let resources = built;
      const findings: Finding[] = [];
      needs = listSecretRefs(built);
      if (needs.env.length || needs.files.length) {
        entryRefs = secretEntryRefs(built);
        const resolved = resolveSecretRefs(built, options.secrets?.sources ?? { env: {}, files: new Map() }, { environment: env, ...(placeholders ? { placeholders } : {}) });
        resources = resolved.resources;
        findings.push(...resolved.findings);
        for (const value of resolved.values) seen.add(value);
      }
      secretTextsOf(resources.map((r) => r.object), seen);
      for (const text of secretGeneratorInputs(chain, project.files)) seen.add(text);
      return { resources, findings };
    },
    /** Without seal settings (and placeholders), a SealedSecret to seal is a `secrets/invalid-seal-options` finding. */
    seal(resources: readonly Resource[], env: string) {
      secretTextsOf(resources.map((r) => r.object), seen);
      return sealSecrets(resources, { environment: env, ...options.secrets?.seal, ...(placeholders ? { placeholders } : {}) } as SealOptions);
    },
    /** The secret fields of the result, and its findings redacted. */
    finish(resources: readonly Resource[], findings: readonly Finding[], output?: RenderedEnvironment): Pick<RenderResult, 'findings' | 'secretNeeds' | 'secretValues' | 'placeholders' | 'plaintextSecrets'> {
      secretTextsOf(resources.map((r) => r.object), seen);
      const scrub = findings.length ? makeScrubber(seen) : undefined;
      return {
        findings: scrub ? findings.map((f) => redactFinding(f, scrub)) : [...findings],
        ...(needs ? { secretNeeds: needs } : {}),
        secretValues: [...seen].sort(compareCodeUnits),
        ...(placeholders ? { placeholders: placeholdersOf(resources) } : {}),
        ...(output ? { plaintextSecrets: plaintextSecretsOf(resources, entryRefs, sourceOfResource) } : {}),
      };
    },
    /** An error that is not a finding (a bug): what the CLI prints of it must not quote a secret either. */
    scrubError(error: unknown): void {
      if (!(error instanceof Error) || seen.size === 0) return;
      const scrub = makeScrubber(seen);
      error.message = scrub(error.message);
      if (error.stack) error.stack = scrub(error.stack);
    },
  };
}

/**
 * What the Secret generators of `chain` read: each literal (also its value alone), and each
 * file and env file as text, with the value of each of its lines. The generated Secrets hold
 * these once the overlay ran; a generator that fails before (a bad env file line) may quote them.
 */
function secretGeneratorInputs(chain: readonly Environment[], files: ReadonlyMap<string, Uint8Array>): string[] {
  const out: string[] = [];
  for (const level of chain) {
    for (const spec of level.generators ?? []) {
      if (spec.kind !== 'Secret') continue;
      const literals = Array.isArray(spec.literals) ? (spec.literals as readonly string[]) : Object.values((spec.literals ?? {}) as Record<string, string>);
      for (const literal of literals) out.push(literal, literal.slice(literal.indexOf('=') + 1));
      const inputs = generatorInputFiles(spec, level.source?.file);
      for (const file of [...inputs.files, ...inputs.envs]) {
        const bytes = files.get(file.abs);
        if (!bytes) continue;
        const text = Buffer.from(bytes).toString('utf8');
        out.push(text, ...text.split('\n').map((line) => line.slice(line.indexOf('=') + 1).trim()));
      }
    }
  }
  return out.filter((text) => text !== '');
}

/**
 * Points findings about an object at the statement that wrote the field they are about: an
 * environment's patch or transform, else the builder call that made the object.
 */
function locateFindings(findings: Finding[], resources: readonly Resource[]): Finding[] {
  if (findings.length === 0) return findings;
  const byKey = new Map(resources.map((r) => [objectKey(r.object), r]));
  return findings.map((f) => {
    if (!f.object) return f;
    const res = byKey.get(refKey(f.object));
    return res ? locateFinding(f, res) : f;
  });
}

/** The validation options a project's configuration asks for (policies, external objects, CRDs, version). */
export function validateOptionsOf(config: ResolvedConfig): ValidateOptions {
  return {
    ...(config.kubernetesVersion ? { kubernetesVersion: config.kubernetesVersion } : {}),
    ...(config.policies ? { policies: config.policies as ValidateOptions['policies'] } : {}),
    ...(config.policyOverrides ? { policyOverrides: config.policyOverrides } : {}),
    ...(config.external ? { external: config.external.map(parseExternal) } : {}),
    ...(config.crds ? { crds: config.crds as unknown as KObject[] } : {}),
  };
}

function namespaceOf(chain: readonly Environment[]): string | undefined {
  return [...chain].reverse().find((e) => e.namespace)?.namespace;
}

function commonLabelsOf(chain: readonly Environment[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const level of chain) {
    const l = level.labels;
    if (!l) continue;
    if (Array.isArray(l)) for (const entry of l) Object.assign(labels, entry.pairs);
    else Object.assign(labels, l);
  }
  return labels;
}

/** The environments a bare `kasane render` renders: every one that is not abstract. */
export function renderableEnvironments(project: Pick<ProjectData, 'environments'>): string[] {
  return project.environments.filter((e) => !e.abstract).map((e) => e.name);
}
