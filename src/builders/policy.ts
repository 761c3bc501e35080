/**
 * The PodDisruptionBudget builder (policy/v1), selecting a workload's pods.
 */
import type { LabelSelector } from '../k8s/api/meta/v1.ts';
import type { PodDisruptionBudget, PodDisruptionBudgetSpec } from '../k8s/api/policy/v1.ts';
import { builderError } from './builder-error.ts';
import { freshCopy } from './fresh-copy.ts';
import { metaShape, objectMeta } from './object-meta.ts';
import type { MetaProps } from './object-meta.ts';
import { checkProps, propShape } from './prop-check.ts';
import { requirePodLabels, workloadRef, workloadRelation } from './workload-info.ts';
import type { Workload } from './workload-info.ts';

/** Props of {@link podDisruptionBudget}; give `for` or `selector`, and one of `minAvailable` / `maxUnavailable`. */
export interface PodDisruptionBudgetProps extends Partial<MetaProps> {
  /**
   * The workload whose pods are protected; gives the default name and the selector.
   * @default unset (give `name` and `selector`)
   */
  for?: Workload;
  /**
   * Pods to protect.
   * @default `{ matchLabels: <pod labels of for> }`
   */
  selector?: LabelSelector;
  /**
   * Pods that must stay available: a number or a percentage such as `'50%'`.
   * @default unset
   */
  minAvailable?: number | string;
  /**
   * Pods that may be down at once: a number or a percentage.
   * @default unset
   */
  maxUnavailable?: number | string;
}

/** The props {@link podDisruptionBudget} takes. */
export const podDisruptionBudgetShape = propShape<PodDisruptionBudgetProps>(
  'PodDisruptionBudgetProps',
  ['for', 'selector', 'minAvailable', 'maxUnavailable'],
  { relations: { for: workloadRelation } },
  [metaShape],
);

/**
 * A PodDisruptionBudget.
 * @throws KasaneError `builder/unknown-prop`, `builder/invalid-relation`; `builder/no-pod-labels` when `for` has no pod labels; `builder/missing-name` without name or for.
 * @example
 * const pdb = podDisruptionBudget({ for: echo, minAvailable: 2 });
 */
export function podDisruptionBudget(props: PodDisruptionBudgetProps): PodDisruptionBudget {
  checkProps(props, podDisruptionBudgetShape, { builder: 'podDisruptionBudget', object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' } });
  const name = props.name ?? (props.for ? workloadRef(props.for).name : '');
  const target = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', name };
  if (name === '') {
    throw builderError('builder/missing-name', 'expected name or for, received neither', { object: target, path: ['metadata', 'name'], hint: 'give name, or for: <workload> to use its name' });
  }
  const spec: PodDisruptionBudgetSpec = {};
  if (props.minAvailable !== undefined) spec.minAvailable = props.minAvailable;
  if (props.maxUnavailable !== undefined) spec.maxUnavailable = props.maxUnavailable;
  if (props.selector !== undefined) spec.selector = props.selector;
  else if (props.for) spec.selector = { matchLabels: requirePodLabels(props.for, target, ['spec', 'selector']) };
  return freshCopy({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: objectMeta({ ...props, name }), spec });
}
