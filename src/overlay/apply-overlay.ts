/**
 * The overlay stage: each environment of the `extends` chain, root first, applies its overlay
 * to the objects the components built, in the order `kubectl kustomize` (Kustomize v5.5.0)
 * runs the steps of one kustomization (see apply-level.ts). Objects of components that a mixin
 * lists join when the mixin runs, not before.
 *
 * After the last environment, generated ConfigMaps and Secrets get their content-hash suffix
 * and every reference follows: Kustomize hashes once, over the final data and final names
 * (`o-b-cfg-<hash>`). References to renamed objects are rewritten with each prefix and suffix,
 * which gives Kustomize's result because every object of a level gets the same affix. Then the
 * vars of every level are resolved against the final objects, and the rendered environment's
 * `buildMetadata` labels are added.
 */
import { isKasaneError, type Finding } from '../errors.ts';
import type { Resource, Trace } from '../k8s/resource.ts';
import type { Environment } from '../project/environment.ts';
import { mixinsOf } from '../project/mixin.ts';
import { applyLevel, type LevelState } from './apply-level.ts';
import { addManagedByLabel } from './build-metadata.ts';
import { EMPTY_FIELD_CONFIG } from './field-config.ts';
import { applyHashSuffixes } from './generators/hash-suffix.ts';
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

/** The starting state: the objects of mixin components held back until their mixin runs. */
function initialState(resources: readonly Resource[], chain: readonly Environment[]): LevelState {
  const mixinComponents = new Set(chain.flatMap((level) => mixinsOf(level).flatMap((m) => m.components.map((use) => use.component.name))));
  const held = new Map<string, Resource[]>();
  const rest: Resource[] = [];
  for (const r of resources) {
    if (!mixinComponents.has(r.component)) rest.push(r);
    else held.set(r.component, [...(held.get(r.component) ?? []), r]);
  }
  return { resources: rest, config: EMPTY_FIELD_CONFIG, vars: [], held };
}

/**
 * Applies the overlay of every environment in `chain` (root first) to `resources`.
 * Returns new resources (the inputs are not changed) and findings.
 */
export function applyOverlay(resources: readonly Resource[], chain: readonly Environment[], ctx: OverlayContext): { resources: Resource[]; findings: Finding[] } {
  let state = initialState(resources, chain);
  const findings: Finding[] = [];
  try {
    for (const level of chain) {
      const ran = applyLevel(state, level, ctx);
      findings.push(...ran.findings);
      state = ran.state;
      if (ran.findings.some((f) => f.severity === 'error')) return { resources: state.resources, findings };
    }
    const options = { env: ctx.env, references: state.config.nameReference };
    let current = applyHashSuffixes(state.resources, options);
    ctx.trace?.({ env: ctx.env, step: 'hashSuffix' }, current);
    if (state.vars.length) {
      current = resolveVars(current, state.vars, { ...options, fields: state.config.varReference });
      ctx.trace?.({ env: ctx.env, step: 'vars' }, current);
    }
    const rendered = chain[chain.length - 1];
    if (rendered?.buildMetadata?.managedByLabel !== undefined) {
      current = addManagedByLabel(current, rendered.buildMetadata.managedByLabel, { env: ctx.env, ...(rendered.source ? { source: rendered.source } : {}) });
      ctx.trace?.({ env: ctx.env, step: 'buildMetadata' }, current);
    }
    return { resources: current, findings };
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    findings.push(...error.findings.map((f) => ({ env: ctx.env, ...f })));
    return { resources: state.resources, findings };
  }
}
