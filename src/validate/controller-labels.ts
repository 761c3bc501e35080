/**
 * Labels the workload controllers add to the pods they create, beyond the pod template's, so a
 * Service that selects one pod of a StatefulSet (`statefulset.kubernetes.io/pod-name:
 * redis-server-0`, as Redis Sentinel charts do) still selects something. From the controllers of
 * Kubernetes: StatefulSet (pod name, pod index, revision hash), Deployment (pod-template-hash),
 * DaemonSet (revision hash, template generation), Job and CronJob (job name, controller uid,
 * completion index of an Indexed Job).
 */
import type { KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { groupKind } from './workloads.ts';

const JOB_LABELS = ['job-name', 'batch.kubernetes.io/job-name', 'controller-uid', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-completion-index'];

/** `group/Kind` → the labels its controller adds to each pod. */
const ADDED: Readonly<Record<string, readonly string[]>> = {
  'apps/StatefulSet': ['statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'controller-revision-hash'],
  'apps/Deployment': ['pod-template-hash'],
  'apps/DaemonSet': ['controller-revision-hash', 'pod-template-generation'],
  'batch/Job': JOB_LABELS,
  'batch/CronJob': JOB_LABELS,
};

const ALL = new Set(Object.values(ADDED).flat());

/** True for a label key some controller adds to the pods it creates. */
export function isControllerLabel(key: string): boolean {
  return ALL.has(key);
}

function int(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback;
}

/** True when `index` (a decimal string) is one of a StatefulSet's ordinals. */
function isOrdinal(workload: KObject, index: string): boolean {
  if (!/^(0|[1-9]\d*)$/.test(index)) return false;
  const spec = isPlainObject(workload.spec) ? workload.spec : {};
  const start = isPlainObject(spec.ordinals) ? int(spec.ordinals.start, 0) : 0;
  const n = Number(index);
  return n >= start && n < start + int(spec.replicas, 1);
}

/** True when the controller of `workload` gives (some of) its pods label `key` with `value`. */
export function addsLabel(workload: KObject, key: string, value: unknown): boolean {
  const gk = groupKind(workload);
  if (!ADDED[gk]?.includes(key) || typeof value !== 'string') return false;
  const name = workload.metadata.name;
  switch (key) {
    case 'statefulset.kubernetes.io/pod-name':
      return value.startsWith(`${name}-`) && isOrdinal(workload, value.slice(name.length + 1));
    case 'apps.kubernetes.io/pod-index':
      return isOrdinal(workload, value);
    case 'job-name':
    case 'batch.kubernetes.io/job-name':
      return gk === 'batch/Job' ? value === name : value.startsWith(`${name}-`);
    case 'batch.kubernetes.io/job-completion-index':
      return /^\d+$/.test(value);
    default:
      // Hashes, uids and generations the controller computes: any value may be right.
      return true;
  }
}
