/**
 * One level of overlay (an environment of the `extends` chain, or a mixin it includes) applied
 * to the objects gathered so far, in the order `kubectl kustomize` (Kustomize v5.5.0) runs the
 * fields of one kustomization, checked by experiment (test/conformance/kustomize/
 * kustomization-transformer-order):
 *
 *   1. configurations   the level's field specs join those of the levels below
 *   2. generators       configMapGenerator / secretGenerator: create, merge or replace
 *   3. mixins           each in order: its components' objects join, then its own steps
 *                       (Kustomize Components run after the generators, before the transforms)
 *   4. patches          strategic merge, JSON 6902 and functions, in the order listed; they
 *                       see the names before this level's prefix
 *   5. transforms       the level's own functions over the object list
 *   6. namespace → namePrefix/nameSuffix → labels → annotations
 *   7. late patches     those marked `afterAnnotations` (Kustomize's patchesJson6902)
 *   8. replicas → images → replacements
 *   9. builtin transformers, in list order
 *  10. vars            the level's vars join those of the levels below (resolved at the end)
 *
 * The state carries what Kustomize carries up from a level to the one including it: the
 * objects, the field configuration, the vars and the merge-key schema.
 */
import type { Finding } from '../errors.ts';
import type { Resource, Trace } from '../k8s/resource.ts';
export type { ScopeAt } from './level-at.ts';
import { placeOf, stepOptionsOf, type ScopeAt } from './level-at.ts';
import type { StepOptions } from './transforms/history.ts';
import { heldComponentNames, type Mixin, type OverlayLevel } from '../project/mixin.ts';
import type { OpenApiMergeKeys } from '../project/overlay-options.ts';
import type { Patch } from '../project/patch.ts';
import type { Var } from '../project/vars.ts';
import { applyPatches } from './apply-patches.ts';
import { recordTransformers } from './build-metadata.ts';
import { applyBuiltinTransformers } from './builtin-transformers.ts';
import { withConfigurations, type FieldConfig } from './field-config.ts';
import { generatorEntry } from './generator-entries.ts';
import { applyGenerators } from './generators/merge.ts';
import { applyReplacements } from './replacements/apply-replacements.ts';
import { runTransforms } from './run-transforms.ts';
import { bindVars } from './vars.ts';
import { addAnnotations } from './transforms/annotations.ts';
import { setImages } from './transforms/images.ts';
import { addLabels } from './transforms/labels.ts';
import { addNameAffix } from './transforms/name-affix.ts';
import { setNamespace } from './transforms/namespace.ts';
import { setReplicas } from './transforms/replicas.ts';

/** What the levels pass up to the level that includes them. */
export interface LevelState {
  resources: Resource[];
  /** Field specs from `configurations` of the levels run so far. */
  config: FieldConfig;
  /** Vars declared by the levels run so far. */
  vars: readonly Var[];
  /** The merge-key schema given with `openapi`, if a level gave one. */
  openapi?: OpenApiMergeKeys;
  /** Objects of mixin components, held back until their mixin runs (by component name). */
  held: ReadonlyMap<string, readonly Resource[]>;
}

/** What a level needs besides its state. */
export interface LevelContext {
  /** The environment being rendered. */
  env: string;
  /** Contents of the files generators read, by absolute path. */
  files: ReadonlyMap<string, Uint8Array>;
  /** Called with the objects after every step. @default none */
  trace?: Trace;
  /** Set when the level is a scope's rather than an environment's. @default an environment's */
  scope?: ScopeAt;
  /**
   * Set when the rendered environment wants transformer annotations: every level records the
   * transformers it ran on its objects; `from` is the rendered environment's `configuredIn`.
   * @default nothing recorded
   */
  transformerAnnotations?: { from?: string };
}

type Step = (name: string, resources: Resource[]) => Resource[];

/** The built-in transforms of one level, in Kustomize's order, up to the annotations. */
function namesAndLabels(resources: Resource[], level: OverlayLevel, config: FieldConfig, step: Step, opts: StepOptions): Resource[] {
  let r = resources;
  if (level.namespace) r = step('namespace', setNamespace(r, { ...opts, namespace: level.namespace, fields: config.namespace }));
  if (level.namePrefix || level.nameSuffix) {
    const affix = { ...(level.namePrefix ? { prefix: level.namePrefix } : {}), ...(level.nameSuffix ? { suffix: level.nameSuffix } : {}) };
    r = step('namePrefix/nameSuffix', addNameAffix(r, { ...opts, ...affix, references: config.nameReference, prefixFields: config.namePrefix, suffixFields: config.nameSuffix }));
  }
  if (level.labels) {
    // Kustomize applies the `labels` entries first and `commonLabels` after them.
    const entries = Array.isArray(level.labels) ? level.labels : [];
    for (const e of entries)
      r = step('labels', addLabels(r, { ...opts, labels: e.pairs, includeSelectors: !!e.includeSelectors, includeTemplates: !!e.includeTemplates, config, ...(e.fields ? { fields: e.fields } : {}) }));
    if (!Array.isArray(level.labels)) r = step('labels', addLabels(r, { ...opts, labels: level.labels as Record<string, string>, includeSelectors: true, common: true, config }));
  }
  if (level.annotations && Object.keys(level.annotations).length) r = step('annotations', addAnnotations(r, { ...opts, annotations: level.annotations, fields: config.commonAnnotations }));
  return r;
}

/** Replicas and images, after the late patches. */
function replicasAndImages(resources: Resource[], level: OverlayLevel, config: FieldConfig, step: Step, opts: StepOptions): Resource[] {
  let r = resources;
  if (level.replicas?.length) r = step('replicas', setReplicas(r, { ...opts, replicas: level.replicas, fields: config.replicas }));
  if (level.images?.length) r = step('images', setImages(r, { ...opts, images: level.images, fields: config.images }));
  return r;
}

/** Runs one mixin inside the level that includes it: its components' objects (its groups' too) join first. */
function applyMixin(state: LevelState, mixin: Mixin, ctx: LevelContext): { state: LevelState; findings: Finding[] } {
  const joined = heldComponentNames(mixin.components).flatMap((name) => state.held.get(name) ?? []);
  return applyLevel({ ...state, resources: [...state.resources, ...joined] }, mixin, ctx);
}

/**
 * Applies `level` to `state`. Returns the new state (the inputs are not changed) and findings;
 * any error finding means the result must not be used.
 * @throws {KasaneError} from the built-in transforms (e.g. `overlay/replicas-target-not-found`).
 */
export function applyLevel(state: LevelState, level: OverlayLevel, ctx: LevelContext): { state: LevelState; findings: Finding[] } {
  const at = level.source ? { source: level.source } : {};
  const opts = stepOptionsOf(level, ctx);
  const where = { env: opts.env, ...(opts.scope ? { scope: opts.scope } : {}) };
  const step: Step = (name, r) => {
    ctx.trace?.({ ...where, step: name, ...at }, r);
    return r;
  };
  const config = withConfigurations(state.config, level.configurations);
  const openapi = level.openapi ?? state.openapi;
  let current = state.resources;
  if (level.generators?.length) {
    const entries = level.generators.map((g) => generatorEntry(g, level, ctx.files, opts, placeOf(ctx)));
    current = step('generators', applyGenerators(current, entries, where));
  }
  let inner: LevelState = { ...state, resources: current, config, ...(openapi ? { openapi } : {}) };
  for (const mixin of level.mixins ?? []) {
    const ran = applyMixin(inner, mixin, ctx);
    if (ran.findings.some((f) => f.severity === 'error')) return ran;
    inner = ran.state;
  }
  const findings: Finding[] = [];
  const patchOptions = { references: inner.config.nameReference, ...(inner.openapi ? { openapi: inner.openapi } : {}) };
  const onPatch = ctx.trace ? (p: Patch, r: readonly Resource[]) => ctx.trace!({ ...where, step: `patch (${p.type})`, ...(p.source ? { source: p.source } : at) }, r) : undefined;
  const patches = level.patches ?? [];
  const early = applyPatches(
    inner.resources,
    patches.filter((p) => !p.afterAnnotations),
    ctx.env,
    onPatch,
    patchOptions,
  );
  findings.push(...early.findings);
  if (early.findings.some((f) => f.severity === 'error')) return { state: { ...inner, resources: early.resources }, findings };
  const transformed = runTransforms(early.resources, level, { env: ctx.env, namespace: level.namespace, step: opts, place: placeOf(ctx), ...(ctx.scope ? { scope: ctx.scope } : {}) });
  findings.push(...transformed.findings);
  if (transformed.findings.length) return { state: { ...inner, resources: transformed.resources }, findings };
  if (level.transforms?.length) step('transform', transformed.resources);
  current = namesAndLabels(transformed.resources, level, inner.config, step, opts);
  const late = applyPatches(
    current,
    patches.filter((p) => p.afterAnnotations),
    ctx.env,
    onPatch,
    patchOptions,
  );
  findings.push(...late.findings);
  if (late.findings.some((f) => f.severity === 'error')) return { state: { ...inner, resources: late.resources }, findings };
  current = replicasAndImages(late.resources, level, inner.config, step, opts);
  if (level.replacements?.length) current = step('replacements', applyReplacements(current, level.replacements, opts));
  if (level.builtinTransformers?.length) {
    const ran = applyBuiltinTransformers({ ...inner, resources: current }, level, ctx);
    findings.push(...ran.findings);
    if (ran.findings.some((f) => f.severity === 'error')) return { state: ran.state, findings };
    current = step('transformers', ran.state.resources);
  }
  if (ctx.transformerAnnotations) current = recordTransformers(current, level, ctx.transformerAnnotations.from);
  if (level.vars?.length) {
    current = bindVars(current, level.vars, inner.vars, opts);
    return { state: { ...inner, resources: current, vars: [...inner.vars, ...level.vars] }, findings };
  }
  return { state: { ...inner, resources: current }, findings };
}
