/**
 * The HorizontalPodAutoscaler builder (autoscaling/v2), targeting a workload object.
 */
import type { Deployment, ReplicaSet, StatefulSet } from '../k8s/api/apps/v1.ts';
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerBehavior, HorizontalPodAutoscalerSpec, MetricSpec } from '../k8s/api/autoscaling/v2.ts';
import { freshCopy } from './fresh-copy.ts';
import { metaShape, objectMeta } from './object-meta.ts';
import type { MetaProps } from './object-meta.ts';
import { checkProps, propShape } from './prop-check.ts';

/** Props of {@link horizontalPodAutoscaler}. */
export interface HorizontalPodAutoscalerProps extends Partial<MetaProps> {
  /** The Deployment, StatefulSet or ReplicaSet to scale; also gives the default name. */
  for: Deployment | StatefulSet | ReplicaSet;
  /**
   * Fewest replicas.
   * @default unset (1)
   */
  minReplicas?: number;
  /** Most replicas. */
  maxReplicas: number;
  /**
   * Target average CPU utilization in percent of the requests (a `Resource` metric).
   * @default unset
   */
  cpu?: number;
  /**
   * Target average memory utilization in percent of the requests (a `Resource` metric).
   * @default unset
   */
  memory?: number;
  /**
   * More metrics, written after the `cpu` and `memory` ones.
   * @default unset (with no metrics at all the controller targets 80% CPU)
   */
  metrics?: MetricSpec[];
  /**
   * Scale-up and scale-down behaviour.
   * @default unset
   */
  behavior?: HorizontalPodAutoscalerBehavior;
}

/** The props {@link horizontalPodAutoscaler} takes; `for` must be an object with a scale subresource. */
export const horizontalPodAutoscalerShape = propShape<HorizontalPodAutoscalerProps>(
  'HorizontalPodAutoscalerProps',
  ['for', 'minReplicas', 'maxReplicas', 'cpu', 'memory', 'metrics', 'behavior'],
  { relations: { for: { kinds: ['Deployment', 'StatefulSet', 'ReplicaSet'], literals: false, hint: 'scale the Deployment, StatefulSet or ReplicaSet object that runs the pods' } } },
  [metaShape],
);

/**
 * A HorizontalPodAutoscaler (autoscaling/v2).
 * @throws KasaneError `builder/unknown-prop`; `builder/invalid-relation` when `for` is not a
 *   Deployment, StatefulSet or ReplicaSet object.
 * @example
 * const hpa = horizontalPodAutoscaler({ for: webServer, minReplicas: 2, maxReplicas: 10, cpu: 70 });
 */
export function horizontalPodAutoscaler(props: HorizontalPodAutoscalerProps): HorizontalPodAutoscaler {
  checkProps(props, horizontalPodAutoscalerShape, { builder: 'horizontalPodAutoscaler', object: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' } });
  const target = props.for;
  const name = props.name ?? target.metadata?.name ?? '';
  const spec: HorizontalPodAutoscalerSpec = {
    scaleTargetRef: { apiVersion: target.apiVersion ?? 'apps/v1', kind: target.kind ?? '', name: target.metadata?.name ?? '' },
    maxReplicas: props.maxReplicas,
  };
  if (props.minReplicas !== undefined) spec.minReplicas = props.minReplicas;
  const metrics = [...utilization('cpu', props.cpu), ...utilization('memory', props.memory), ...(props.metrics ?? [])];
  if (metrics.length) spec.metrics = metrics;
  if (props.behavior !== undefined) spec.behavior = props.behavior;
  return freshCopy({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: objectMeta({ ...props, name }), spec });
}

function utilization(resource: string, percent: number | undefined): MetricSpec[] {
  if (percent === undefined) return [];
  return [{ type: 'Resource', resource: { name: resource, target: { type: 'Utilization', averageUtilization: percent } } }];
}
