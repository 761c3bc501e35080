/**
 * Where the pods of each workload kind are described, and label selector matching: shared by
 * the reference checks and the policies.
 */
import type { FieldPath } from '../errors.ts';
import type { KObject } from '../k8s/object.ts';
import { parseApiVersion } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';

/** The pod template of a workload (or the spec of a bare Pod). */
export interface PodTemplate {
  /** The pod spec (`spec.template.spec` for a Deployment). */
  spec: Record<string, unknown>;
  /** Path of the pod spec inside the object. */
  specPath: FieldPath;
  /** Labels the pods get (`spec.template.metadata.labels`). */
  labels: Record<string, string>;
  /** Path of those labels inside the object. */
  labelsPath: FieldPath;
}

/** Kinds whose objects describe pods, by `group/Kind`, with the path of the pod template. */
const TEMPLATE_PATHS: Record<string, readonly string[]> = {
  'apps/Deployment': ['spec', 'template'],
  'apps/StatefulSet': ['spec', 'template'],
  'apps/DaemonSet': ['spec', 'template'],
  'apps/ReplicaSet': ['spec', 'template'],
  '/ReplicationController': ['spec', 'template'],
  'batch/Job': ['spec', 'template'],
  'batch/CronJob': ['spec', 'jobTemplate', 'spec', 'template'],
};

function at(value: unknown, path: readonly string[]): unknown {
  let cur = value;
  for (const key of path) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isPlainObject(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** apiVersion → kind → `group/Kind`: every check asks for it, and projects have few kinds. */
const groupKinds = new Map<string, Map<string, string>>();

/** `group/Kind` of an object (`apps/Deployment`, `/Service` for the core group). */
export function groupKind(obj: KObject): string {
  let byKind = groupKinds.get(obj.apiVersion);
  if (!byKind) groupKinds.set(obj.apiVersion, (byKind = new Map()));
  let gk = byKind.get(obj.kind);
  if (gk === undefined) {
    gk = `${parseApiVersion(obj.apiVersion).group}/${obj.kind}`;
    byKind.set(obj.kind, gk);
  }
  return gk;
}

/** True for kinds whose pods run to completion (Jobs and CronJobs). */
export function isBatchWorkload(obj: KObject): boolean {
  const gk = groupKind(obj);
  return gk === 'batch/Job' || gk === 'batch/CronJob';
}

/** The pod template of a workload or Pod, or undefined for other kinds. */
export function podTemplateOf(obj: KObject): PodTemplate | undefined {
  const gk = groupKind(obj);
  if (gk === '/Pod') {
    if (!isPlainObject(obj.spec)) return undefined;
    return { spec: obj.spec, specPath: ['spec'], labels: stringMap(obj.metadata.labels), labelsPath: ['metadata', 'labels'] };
  }
  const path = TEMPLATE_PATHS[gk];
  if (!path) return undefined;
  const template = at(obj, path);
  if (!isPlainObject(template) || !isPlainObject(template.spec)) return undefined;
  return {
    spec: template.spec,
    specPath: [...path, 'spec'],
    labels: stringMap(at(template, ['metadata', 'labels'])),
    labelsPath: [...path, 'metadata', 'labels'],
  };
}

/** Containers and init containers of a pod spec, each with its path relative to the spec. */
export function containersOf(spec: Record<string, unknown>): { container: Record<string, unknown>; path: FieldPath; init: boolean }[] {
  const out: { container: Record<string, unknown>; path: FieldPath; init: boolean }[] = [];
  for (const field of ['initContainers', 'containers'] as const) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (isPlainObject(c)) out.push({ container: c, path: [field, i], init: field === 'initContainers' });
    });
  }
  return out;
}

/** `app=api,tier=web` for a LabelSelector's matchLabels, for messages. */
export function formatSelector(selector: Record<string, unknown>): string {
  const labels = isPlainObject(selector.matchLabels) ? selector.matchLabels : {};
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${String(v)}`);
  if (Array.isArray(selector.matchExpressions) && selector.matchExpressions.length) parts.push('matchExpressions');
  return parts.join(',') || '{}';
}
