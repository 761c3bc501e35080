/**
 * The components an environment renders, each with its value layers from the root of the
 * `extends` chain down: what the build stage builds, and what `kasane list` and `explain` show.
 */
import type { SourceLocation } from '../errors.ts';
import type { Component } from './component.ts';
import { environmentChain, type Environment } from './environment.ts';
import { mixinsOf } from './mixin.ts';

/** One environment's values for a component, and where they were written. */
export interface ValuesLayer {
  env: string;
  values: unknown;
  source?: SourceLocation;
}

/** One component as an environment renders it: the component and its value layers. */
export interface ComponentPlan {
  component: Component;
  layers: ValuesLayer[];
}

/**
 * The components of an environment and their value layers, root of the chain first; each
 * level's own components, then those of the mixins it includes.
 */
export function planComponents(env: Environment): ComponentPlan[] {
  const plans: ComponentPlan[] = [];
  for (const level of environmentChain(env)) {
    for (const use of [...level.components, ...mixinsOf(level).flatMap((m) => m.components)]) {
      let plan = plans.find((p) => p.component.name === use.component.name);
      if (!plan) {
        plan = { component: use.component, layers: [] };
        plans.push(plan);
      }
      plan.layers.push({ env: level.name, values: use.values, ...(use.source ? { source: use.source } : {}) });
    }
  }
  return plans;
}
