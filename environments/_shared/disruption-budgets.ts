// A cross-cutting piece an environment opts into: one PodDisruptionBudget per Deployment and
// StatefulSet that runs more than one pod, selecting exactly that workload's pods.
import { podDisruptionBudget, type Transform } from 'kasane';
import type { Deployment, StatefulSet } from 'kasane/api/apps/v1';

/** Options of {@link disruptionBudgets}. */
export interface DisruptionBudgetOptions {
  /** Pods that must stay up during voluntary disruptions (node drains, upgrades). */
  minAvailable: number | string;
}

/** Adds a PodDisruptionBudget for every replicated Deployment and StatefulSet. */
export function disruptionBudgets(options: DisruptionBudgetOptions): Transform {
  return (objects) => {
    const budgets = objects
      .filter((o): o is Deployment | StatefulSet => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.apiVersion === 'apps/v1')
      .filter((w) => (w.spec?.replicas ?? 1) > 1)
      .map((w) => podDisruptionBudget({ name: w.metadata!.name!, for: w, minAvailable: options.minAvailable }));
    return [...objects, ...budgets];
  };
}
