/**
 * `render(project, env)`: the whole pipeline for one environment as one library call —
 * values, build, overlay, validate, emit. Pure: the project's files were read by the loader.
 */
import { formatObjectRef, isKasaneError, type Finding, type SourceLocation } from './errors.ts';
import { objectKey, refOf, type KObject } from './k8s/object.ts';
import type { Resource } from './k8s/resource.ts';
import { applyOverlay, type OverlayContext } from './overlay/apply-overlay.ts';
import { locateFinding } from './overlay/blame.ts';
import { buildComponent, planComponents, sourceOfResource } from './project/build.ts';
import { parseExternal, type ResolvedConfig } from './project/config.ts';
import { environmentChain, findEnvironment, type Environment } from './project/environment.ts';
import { emitEnvironment, type RenderedEnvironment } from './render/files.ts';
import { validate, type ValidateOptions } from './validate/index.ts';
import { scrubSecretValues } from './secrets/redact.ts';
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
  /** Record the time of each stage in `timings`. @default false */
  timings?: boolean;
  /** Called with the objects after the build and after every overlay step (for `kasane explain`). @default none */
  onStep?: OverlayContext['onStep'];
  /**
   * Where `secretValue.fromEnv`/`fromFile` read from, and how SealedSecrets are sealed.
   * @default no variables and no files (every reference is a `secrets/missing-*` finding)
   */
  secrets?: { sources: SecretSources; seal?: SealSettings };
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
  let secretValues: string[] = [];
  let secretNeeds: SecretNeeds | undefined;
  // A message (a user's exception, say) may quote a secret value: never let one out.
  const scrub = (f: Finding): Finding =>
    secretValues.length === 0
      ? f
      : {
          ...f,
          message: scrubSecretValues(f.message, secretValues),
          ...(f.hint ? { hint: scrubSecretValues(f.hint, secretValues) } : {}),
          ...(f.cause ? { cause: scrubSecretValues(f.cause, secretValues) } : {}),
        };
  const result = (resources: Resource[], findings: Finding[], output?: RenderedEnvironment): RenderResult => ({
    env: envName,
    resources,
    findings: findings.map(scrub),
    ...(output ? { output } : {}),
    ...(options.timings ? { timings } : {}),
    ...(secretNeeds ? { secretNeeds } : {}),
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
    secretNeeds = listSecretRefs(resources);
    if (secretNeeds.env.length || secretNeeds.files.length) {
      const resolved = resolveSecretRefs(resources, options.secrets?.sources ?? { env: {}, files: new Map() }, { environment: env.name });
      resources = resolved.resources;
      secretValues = resolved.values;
      findings.push(...locateFindings(resolved.findings, resources));
    }
    lap('build');
    if (findings.some((f) => f.severity === 'error')) return result(resources, findings);

    options.onStep?.({ env: env.name, step: 'build' }, resources);
    const overlaid = applyOverlay(resources, chain, { env: env.name, files: project.files, ...(options.onStep ? { onStep: options.onStep } : {}) });
    resources = overlaid.resources;
    findings.push(...overlaid.findings, ...duplicateFindings(resources, env.name, 'after the overlay'));
    if (!findings.some((f) => f.severity === 'error')) {
      // Sealed after the overlay, so the encryption binds the final name and namespace.
      // Without seal settings, a SealedSecret to seal is a `secrets/invalid-seal-options` finding.
      const sealed = sealSecrets(resources, { environment: env.name, ...options.secrets?.seal } as SealOptions);
      resources = sealed.resources;
      findings.push(...locateFindings(sealed.findings, resources));
    }
    lap('overlay');
    if (findings.some((f) => f.severity === 'error')) return result(resources, findings);

    if (options.validate !== false) {
      findings.push(...locateFindings(validate(resources, validateOptionsOf(project.config)), resources).map((f) => ({ ...f, env: env.name })));
      lap('validate');
      if (findings.some((f) => f.severity === 'error')) return result(resources, findings);
    }
    const output = emitEnvironment(env.name, resources);
    lap('emit');
    return result(resources, findings, output);
  } catch (error) {
    if (isKasaneError(error)) return result([], error.findings.map((f) => ({ env: envName, ...f })));
    throw error;
  }
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
    const res = byKey.get(objectKey({ apiVersion: f.object.apiVersion ?? '', kind: f.object.kind, metadata: { name: f.object.name, ...(f.object.namespace ? { namespace: f.object.namespace } : {}) } }));
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
