/**
 * What other builders read from a workload: its pod labels, its pod spec, its container ports.
 */
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from '../k8s/api/apps/v1.ts';
import type { CronJob, Job } from '../k8s/api/batch/v1.ts';
import type { ContainerPort, Pod, PodSpec } from '../k8s/api/core/v1.ts';
import { builderError } from './builder-error.ts';
import type { StringMap } from './object-meta.ts';
import type { RelationSpec } from './prop-check.ts';

/** An object that runs pods. */
export type Workload = Deployment | StatefulSet | DaemonSet | ReplicaSet | Job | CronJob | Pod;

/** What a `for` prop that takes a {@link Workload} accepts: one of its kinds, as an object. */
export const workloadRelation: RelationSpec = { kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'], literals: false };

/**
 * The labels that pick the workload's pods: `spec.selector.matchLabels` when set (the
 * workload's own identity), else the pod template's labels; a Pod's own labels.
 * Empty when the workload has none.
 */
export function podSelectorOf(workload: Workload): StringMap {
  if (workload.kind === 'Pod') return { ...workload.metadata?.labels };
  if (workload.kind === 'CronJob') return { ...(workload as CronJob).spec?.jobTemplate.spec?.template.metadata?.labels };
  const spec = (workload as Deployment).spec;
  const matchLabels = spec?.selector?.matchLabels;
  if (workload.kind !== 'Job' && matchLabels && Object.keys(matchLabels).length) return { ...matchLabels };
  return { ...spec?.template.metadata?.labels };
}

/** The workload's pod spec, if it has one. */
export function podSpecOf(workload: Workload): PodSpec | undefined {
  if (workload.kind === 'Pod') return (workload as Pod).spec;
  if (workload.kind === 'CronJob') return (workload as CronJob).spec?.jobTemplate.spec?.template.spec;
  return (workload as Deployment).spec?.template.spec;
}

/** Every container port of the workload's containers, in container order. */
export function containerPortsOf(workload: Workload): ContainerPort[] {
  return (podSpecOf(workload)?.containers ?? []).flatMap((c) => c.ports ?? []);
}

/** `{ apiVersion, kind, name }` of a workload, for findings and `scaleTargetRef`. */
export function workloadRef(workload: Workload): { apiVersion: string; kind: string; name: string } {
  return { apiVersion: workload.apiVersion ?? '', kind: workload.kind ?? '', name: workload.metadata?.name ?? '' };
}

/**
 * The pod labels of `workload`, for a selector of the object `target`.
 * @throws KasaneError `builder/no-pod-labels` when the workload has none.
 */
export function requirePodLabels(workload: Workload, target: { apiVersion: string; kind: string; name: string }, path: (string | number)[]): StringMap {
  const labels = podSelectorOf(workload);
  if (Object.keys(labels).length) return labels;
  const ref = workloadRef(workload);
  throw builderError('builder/no-pod-labels', `expected pod labels on ${ref.kind} '${ref.name}' to select, received none`, {
    object: target,
    path,
    hint: `give the ${ref.kind} podLabels, or give the ${target.kind} a selector`,
  });
}
