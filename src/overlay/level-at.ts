/**
 * Where one level of overlay runs: an environment of the chain, or a scope (a group, or a
 * component with an overlay of its own) that an environment lists. It decides what the level's
 * steps record as their environment and scope, and who owns the objects it makes.
 */
import { FROM_ENVIRONMENT, type Resource } from '../k8s/resource.ts';
import type { OverlayLevel } from '../project/mixin.ts';
import type { StepOptions } from './transforms/history.ts';

/** Where a scope's level runs: a group, or a component with an overlay of its own. */
export interface ScopeAt {
  /** The environment that lists the scope. */
  env: string;
  /** The scope's path (`platform/web`). */
  path: string;
  /** For a component's own overlay: the component, which owns what the level generates. @default none */
  component?: string;
}

/** Where a level's steps are recorded: its environment (for a scope: the listing one) and scope. */
export function stepOptionsOf(level: OverlayLevel, ctx: { scope?: ScopeAt | undefined }): StepOptions {
  const at = ctx.scope;
  return { env: at ? at.env : level.name, ...(at ? { scope: at.path } : {}), ...(level.source ? { source: level.source } : {}) };
}

/** The component and scope of an object the level makes (a generator's, a transform's). */
export function placeOf(ctx: { scope?: ScopeAt | undefined }): Pick<Resource, 'component' | 'scope'> {
  const at = ctx.scope;
  return { component: at?.component ?? FROM_ENVIRONMENT, ...(at ? { scope: at.path } : {}) };
}
