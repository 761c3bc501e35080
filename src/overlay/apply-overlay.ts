/**
 * The overlay stage: every scope (a group, or a component with an overlay of its own) applies its
 * overlay to what it holds, innermost first (./apply-scopes.ts); then each environment of the
 * `extends` chain, root first, applies its overlay to all objects. One level runs the steps in
 * the order `kubectl kustomize` (Kustomize v5.5.0) runs those of one kustomization, checked by
 * experiment:
 *
 *   1. generators   (configMapGenerator / secretGenerator: create, or merge into or replace an
 *                   object of an earlier level, matched by its first name)
 *   2. patches      (strategic merge, JSON 6902, functions — in the order listed); they see the
 *                   names before this level's prefix (a patch targets `web`, not `p-web`) and
 *                   the images before `images`
 *   3. transforms   (the level's own functions over the object list)
 *   4. namespace → namePrefix/nameSuffix → labels → annotations → replicas → images
 *                   (`replicas` and `images` win over a patched value)
 *
 * After the last environment, generated ConfigMaps and Secrets get their content-hash suffix
 * and every reference follows: Kustomize hashes once, over the final data and final names
 * (`o-b-cfg-<hash>`). References to renamed objects are rewritten with each prefix and suffix
 * among the objects of the level; a last pass (./transforms/back-reference.ts) then resolves
 * the references that still name an object by a name it had before, as Kustomize does at the
 * end of a build — the references from outside a group to what the group renamed.
 */
import { isKasaneError, type Finding } from '../errors.ts';
import { objectKey, type KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { FROM_ENVIRONMENT, type Resource, type Trace } from '../k8s/resource.ts';
import type { Scope } from '../project/component-plan.ts';
import type { Environment } from '../project/environment.ts';
import { generatorInputFiles, type GeneratorSpec } from '../project/generator.ts';
import type { OverlayLevel } from '../project/overlay-options.ts';
import { sameJson } from '../util/same-json.ts';
import { userFrame, userStack } from '../util/stack-frames.ts';
import { applyPatches } from './apply-patches.ts';
import { changedFields } from './changed-fields.ts';
import { generateConfigMap } from './generators/config-map.ts';
import { applyHashSuffixes } from './generators/hash-suffix.ts';
import { applyGenerators, type GeneratedEntry } from './generators/merge.ts';
import { generateSecret } from './generators/secret.ts';
import { applyScopes } from './apply-scopes.ts';
import { addAnnotations } from './transforms/annotations.ts';
import { resolveBackReferences } from './transforms/back-reference.ts';
import { setImages } from './transforms/images.ts';
import { addLabels } from './transforms/labels.ts';
import { addNameAffix } from './transforms/name-affix.ts';
import { setNamespace } from './transforms/namespace.ts';
import { setReplicas } from './transforms/replicas.ts';
import { stepOf, type StepOptions } from './transforms/history.ts';

/** What the overlay needs besides the objects. */
export interface OverlayContext {
  /** The environment being rendered (the last of the chain). */
  env: string;
  /** Contents of the files generators read, by absolute path. */
  files: ReadonlyMap<string, Uint8Array>;
  /** Called with the objects after every step (for `kasane explain`). @default none */
  trace?: Trace;
}

function generatorEntry(spec: GeneratorSpec, level: OverlayLevel, at: LevelAt, files: ReadonlyMap<string, Uint8Array>): GeneratedEntry {
  const inputs = generatorInputFiles(spec, level.source?.file);
  const read = (abs: string) => files.get(abs) ?? new Uint8Array();
  const literals = Array.isArray(spec.literals) ? (spec.literals as readonly string[]) : Object.entries((spec.literals ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`);
  const input = {
    name: spec.name,
    ...(spec.namespace ? { namespace: spec.namespace } : {}),
    literals,
    files: inputs.files.map((f) => ({ key: f.key!, content: Buffer.from(read(f.abs)) })),
    envs: inputs.envs.map((f) => ({ path: f.path, content: Buffer.from(read(f.abs)).toString('utf8') })),
    ...(spec.behavior ? { behavior: spec.behavior } : {}),
    ...(spec.options ? { options: spec.options } : {}),
  };
  const ctx = { ...stepAt(at), ...(spec.source ? { source: spec.source } : {}) };
  const generated = spec.kind === 'Secret' ? generateSecret({ ...input, ...(spec.type ? { type: spec.type } : {}) }, ctx) : generateConfigMap(input, ctx);
  return { resource: { ...generated, ...placeOf(at) }, behavior: spec.behavior ?? 'create' };
}

/**
 * Where a level runs: the environment (for a group: the one listing it), the scope (unset for an
 * environment's own level) and, for a component's own overlay, the component.
 */
export interface LevelAt {
  env: string;
  scope?: string;
  component?: string;
}

const stepAt = (at: LevelAt): StepOptions => ({ env: at.env, ...(at.scope ? { scope: at.scope } : {}) });

/** The component and scope of an object that the level makes (a generator's, a transform's). */
const placeOf = (at: LevelAt): Pick<Resource, 'component' | 'scope'> => ({ component: at.component ?? FROM_ENVIRONMENT, ...(at.scope ? { scope: at.scope } : {}) });

/** `the environment 'prod'`, `the group 'frontend'`: what a message calls the level. */
const levelText = (level: OverlayLevel, at: LevelAt): string => (at.component ? `component '${level.name}'` : at.scope ? `group '${at.scope}'` : `environment '${level.name}'`);

function runTransforms(resources: Resource[], level: OverlayLevel, at: LevelAt, env: string): { resources: Resource[]; findings: Finding[] } {
  let current = resources;
  const findings: Finding[] = [];
  for (const transform of level.transforms ?? []) {
    const byKey = new Map(current.map((r) => [objectKey(r.object), r]));
    let output: readonly unknown[];
    try {
      output = transform(current.map((r) => structuredClone(r.object)) as never, { env, ...(level.namespace ? { namespace: level.namespace } : {}) });
    } catch (error) {
      const thrownAt = userFrame(error) ?? level.source;
      findings.push({
        severity: 'error',
        code: 'overlay/transform-threw',
        message: `a transform of ${levelText(level, at)} threw: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'fix the transform function at the location below',
        env,
        cause: userStack(error),
        ...(thrownAt ? { source: thrownAt } : {}),
      });
      return { resources: current, findings };
    }
    if (!Array.isArray(output) || !output.every((o) => isPlainObject(o) && typeof o.kind === 'string' && isPlainObject(o.metadata) && typeof o.metadata.name === 'string')) {
      findings.push({
        severity: 'error',
        code: 'overlay/transform-invalid-result',
        message: `a transform of ${levelText(level, at)} returned something other than a list of Kubernetes objects`,
        hint: 'return the objects it was given (changed or not) plus any new ones',
        env,
        ...(level.source ? { source: level.source } : {}),
      });
      return { resources: current, findings };
    }
    const step = stepOf('transform', { ...stepAt(at), ...(level.source ? { source: level.source } : {}) });
    current = (output as KObject[]).map((object) => {
      const before = byKey.get(objectKey(object));
      if (!before) return { object, ...placeOf(at), history: [step], ...(level.source ? { source: level.source } : {}) };
      return sameJson(before.object, object) ? before : { ...before, object, history: [...(before.history ?? []), { ...step, paths: changedFields(before.object, object) }] };
    });
  }
  return { resources: current, findings };
}

/** The built-in transforms of one level, in Kustomize's order. */
function builtInTransforms(resources: Resource[], level: OverlayLevel, at: LevelAt, trace: (step: string, r: Resource[]) => Resource[]): Resource[] {
  const opts = { ...stepAt(at), ...(level.source ? { source: level.source } : {}) };
  let r = resources;
  if (level.namespace) r = trace('namespace', setNamespace(r, { ...opts, namespace: level.namespace }));
  if (level.namePrefix || level.nameSuffix)
    r = trace('namePrefix/nameSuffix', addNameAffix(r, { ...opts, ...(level.namePrefix ? { prefix: level.namePrefix } : {}), ...(level.nameSuffix ? { suffix: level.nameSuffix } : {}) }));
  if (level.labels) {
    const entries = Array.isArray(level.labels)
      ? (level.labels as readonly { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[])
      : [{ pairs: level.labels as Record<string, string>, includeSelectors: true, includeTemplates: true }];
    for (const e of entries) r = trace('labels', addLabels(r, { ...opts, labels: e.pairs, includeSelectors: !!e.includeSelectors, includeTemplates: !!(e.includeTemplates || e.includeSelectors) }));
  }
  if (level.annotations && Object.keys(level.annotations).length) r = trace('annotations', addAnnotations(r, { ...opts, annotations: level.annotations }));
  if (level.replicas?.length) r = trace('replicas', setReplicas(r, { ...opts, replicas: level.replicas }));
  if (level.images?.length) r = trace('images', setImages(r, { ...opts, images: level.images }));
  return r;
}

/**
 * Applies one level's overlay to `current` (the objects it holds). `stop` is set when a patch
 * or a transform failed: the caller stops there.
 */
function applyLevel(current: Resource[], level: OverlayLevel, at: LevelAt, ctx: OverlayContext): { resources: Resource[]; findings: Finding[]; stop?: true } {
  const findings: Finding[] = [];
  const where = { env: at.env, ...(at.scope ? { scope: at.scope } : {}), ...(level.source ? { source: level.source } : {}) };
  const trace = (step: string, r: Resource[]): Resource[] => {
    ctx.trace?.({ ...where, step }, r);
    return r;
  };
  if (level.generators?.length) {
    current = trace(
      'generators',
      applyGenerators(
        current,
        level.generators.map((g) => generatorEntry(g, level, at, ctx.files)),
        stepAt(at),
      ),
    );
  }
  const patched = applyPatches(
    current,
    level.patches ?? [],
    ctx.env,
    ctx.trace ? (p, r) => ctx.trace!({ ...where, step: `patch (${p.type})`, ...(p.source ? { source: p.source } : {}) }, r) : undefined,
  );
  findings.push(...patched.findings);
  if (patched.findings.some((f) => f.severity === 'error')) return { resources: patched.resources, findings, stop: true };
  const transformed = runTransforms(patched.resources, level, at, ctx.env);
  findings.push(...transformed.findings);
  if (transformed.findings.length) return { resources: transformed.resources, findings, stop: true };
  if (level.transforms?.length) trace('transform', transformed.resources);
  return { resources: builtInTransforms(transformed.resources, level, at, trace), findings };
}

/** What the overlay applies: the scopes, innermost first, then the environments of the chain. */
export interface OverlayLevels {
  /** Every group and component with an overlay of its own, innermost first (`planRender(env).scopes`). @default none */
  scopes?: readonly Scope[];
  /** The environments, root first. */
  chain: readonly Environment[];
}

/**
 * Applies the overlay of every scope (innermost first) and then of every environment in the
 * chain (root first) to `resources`. Returns new resources (the inputs are not changed) and
 * findings.
 */
export function applyOverlay(resources: readonly Resource[], levels: OverlayLevels, ctx: OverlayContext): { resources: Resource[]; findings: Finding[] } {
  let current = [...resources];
  const findings: Finding[] = [];
  try {
    const scoped = applyScopes(current, levels.scopes ?? [], ctx.env, (held, scope) => applyLevel(held, scope.level, scopeAt(scope), ctx));
    findings.push(...scoped.findings);
    current = scoped.resources;
    if (scoped.findings.some((f) => f.severity === 'error')) return { resources: current, findings };
    for (const level of levels.chain) {
      const applied = applyLevel(current, level, { env: level.name }, ctx);
      findings.push(...applied.findings);
      current = applied.resources;
      if (applied.stop) return { resources: current, findings };
    }
    current = applyHashSuffixes(current, { env: ctx.env });
    ctx.trace?.({ env: ctx.env, step: 'hashSuffix' }, current);
    current = resolveBackReferences(current, { env: ctx.env });
    ctx.trace?.({ env: ctx.env, step: 'nameReferences' }, current);
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    findings.push(...error.findings.map((f) => ({ env: ctx.env, ...f })));
  }
  return { resources: current, findings };
}

/** Where a scope's level runs. */
function scopeAt(scope: Scope): LevelAt {
  return { env: scope.env, scope: scope.path, ...(scope.kind === 'component' ? { component: scope.level.name } : {}) };
}
