/**
 * The overlay stage: every scope (a group, or a component with an overlay of its own) applies
 * its overlay to what it holds, innermost first (./apply-scopes.ts); then each environment of
 * the `extends` chain, root first, applies its overlay to all objects. Every level, scope or
 * environment, runs the steps of one kustomization in the order `kubectl kustomize` (Kustomize
 * v5.5.0) runs them (see apply-level.ts). Objects of components that a mixin lists join when
 * the mixin runs, not before. The field configurations and vars of the scopes travel up to the
 * environments, as Kustomize carries them up from a kustomization to the one listing it.
 *
 * After the last environment, generated ConfigMaps and Secrets get their content-hash suffix
 * and every reference follows: Kustomize hashes once, over the final data and final names
 * (`o-b-cfg-<hash>`). References to renamed objects are rewritten with each prefix and suffix
 * among the objects of the level; a pass (./transforms/back-reference.ts) then resolves the
 * references that still name an object by a name it had before, as Kustomize does at the end
 * of a build: the references from outside a group to what the group renamed. Then the vars of
 * every level are resolved against the final objects, and the rendered environment's
 * `buildMetadata` label and transformer annotations are added.
 */
import { isKasaneError, type Finding } from '../errors.ts';
import type { Resource, Trace } from '../k8s/resource.ts';
import type { Scope } from '../project/component-plan.ts';
import type { Environment } from '../project/environment.ts';
import { heldComponentNames, mixinsOf } from '../project/mixin.ts';
import { applyLevel, type LevelContext, type LevelState, type ScopeAt } from './apply-level.ts';
import { applyScopes } from './apply-scopes.ts';
import { addManagedByLabel, addTransformerAnnotations } from './build-metadata.ts';
import { EMPTY_FIELD_CONFIG } from './field-config.ts';
import { applyHashSuffixes } from './generators/hash-suffix.ts';
import { resolveBackReferences } from './transforms/back-reference.ts';
import { resolveVars } from './vars.ts';

/** What the overlay needs besides the objects. */
export interface OverlayContext {
  /** The environment being rendered (the last of the chain). */
  env: string;
  /** Contents of the files generators read, by absolute path. */
  files: ReadonlyMap<string, Uint8Array>;
  /** Called with the objects after every step (for `kasane explain`). @default none */
  trace?: Trace;
}

/** What the overlay applies: the scopes, innermost first, then the environments of the chain. */
export interface OverlayLevels {
  /** Every group and component with an overlay of its own, innermost first (`planRender(env).scopes`). @default none */
  scopes?: readonly Scope[];
  /** The environments, root first. */
  chain: readonly Environment[];
}

/**
 * The state the environments start from: the objects of mixin components (in a mixin's groups
 * too, which their scopes have changed already) held back until their mixin runs.
 */
function holdBack(state: LevelState, chain: readonly Environment[]): LevelState {
  const mixinComponents = new Set(chain.flatMap((level) => mixinsOf(level).flatMap((m) => heldComponentNames(m.components))));
  const held = new Map<string, Resource[]>();
  const rest: Resource[] = [];
  for (const r of state.resources) {
    if (!mixinComponents.has(r.component)) rest.push(r);
    else held.set(r.component, [...(held.get(r.component) ?? []), r]);
  }
  return { ...state, resources: rest, held };
}

/** Where a scope's level runs. */
function scopeAt(scope: Scope): ScopeAt {
  return { env: scope.env, path: scope.path, ...(scope.kind === 'component' ? { component: scope.level.name } : {}) };
}

/**
 * Runs every scope over the objects it holds. Returns the state the environments start from:
 * the objects the scopes handed up, with the field configurations and vars they declared. A
 * scope starts from the configurations of the scopes run before it, a sibling's included, where
 * Kustomize would join a sibling's only at the parent: field specs only add fields a step
 * knows, so this differs only when a sibling teaches a field that a scope's own step would
 * otherwise leave alone.
 */
function runScopes(start: LevelState, scopes: readonly Scope[], ctx: OverlayContext & LevelContext): { state: LevelState; findings: Finding[] } {
  let carried = start;
  const scoped = applyScopes(start.resources, scopes, ctx.env, (held, scope) => {
    const ran = applyLevel({ ...carried, resources: held }, scope.level, { ...ctx, scope: scopeAt(scope) });
    carried = { ...ran.state, resources: [] };
    return { resources: ran.state.resources, findings: ran.findings };
  });
  return { state: { ...carried, resources: scoped.resources }, findings: scoped.findings };
}

/** The steps after the last environment: hash suffixes, references by former names, vars, build metadata. */
function finish(state: LevelState, chain: readonly Environment[], ctx: OverlayContext): Resource[] {
  const options = { env: ctx.env, references: state.config.nameReference };
  let current = applyHashSuffixes(state.resources, options);
  ctx.trace?.({ env: ctx.env, step: 'hashSuffix' }, current);
  current = resolveBackReferences(current, options);
  ctx.trace?.({ env: ctx.env, step: 'nameReferences' }, current);
  if (state.vars.length) {
    current = resolveVars(current, state.vars, { ...options, fields: state.config.varReference });
    ctx.trace?.({ env: ctx.env, step: 'vars' }, current);
  }
  const rendered = chain[chain.length - 1];
  const at = { env: ctx.env, ...(rendered?.source ? { source: rendered.source } : {}) };
  if (rendered?.buildMetadata?.managedByLabel !== undefined) current = addManagedByLabel(current, rendered.buildMetadata.managedByLabel, at);
  if (rendered?.buildMetadata?.transformerAnnotations) current = addTransformerAnnotations(current, at);
  if (rendered?.buildMetadata?.managedByLabel !== undefined || rendered?.buildMetadata?.transformerAnnotations) ctx.trace?.({ env: ctx.env, step: 'buildMetadata' }, current);
  return current;
}

/** `ctx` with the record of transformers on when the rendered environment annotates them. */
function withTransformerRecord(ctx: OverlayContext, chain: readonly Environment[]): OverlayContext & LevelContext {
  const rendered = chain[chain.length - 1];
  if (!rendered?.buildMetadata?.transformerAnnotations) return ctx;
  return { ...ctx, transformerAnnotations: rendered.configuredIn === undefined ? {} : { from: rendered.configuredIn } };
}

/**
 * Applies the overlay of every scope (innermost first) and then of every environment in the
 * chain (root first) to `resources`. Returns new resources (the inputs are not changed) and
 * findings.
 */
export function applyOverlay(resources: readonly Resource[], levels: OverlayLevels, overlay: OverlayContext): { resources: Resource[]; findings: Finding[] } {
  const ctx = withTransformerRecord(overlay, levels.chain);
  let state: LevelState = { resources: [...resources], config: EMPTY_FIELD_CONFIG, vars: [], held: new Map() };
  const findings: Finding[] = [];
  try {
    const scoped = runScopes(state, levels.scopes ?? [], ctx);
    findings.push(...scoped.findings);
    state = scoped.state;
    if (scoped.findings.some((f) => f.severity === 'error')) return { resources: state.resources, findings };
    state = holdBack(state, levels.chain);
    for (const level of levels.chain) {
      const ran = applyLevel(state, level, ctx);
      findings.push(...ran.findings);
      state = ran.state;
      if (ran.findings.some((f) => f.severity === 'error')) return { resources: state.resources, findings };
    }
    return { resources: finish(state, levels.chain, ctx), findings };
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    findings.push(...error.findings.map((f) => ({ env: ctx.env, ...f })));
    return { resources: state.resources, findings };
  }
}
