/**
 * Where Kustomize substitutes `$(VAR)` by default (its `varReference` table, v5.5.0): container
 * command, args, env values and mount paths of the workload kinds, NFS servers, a few Ingress and
 * Service fields, and every object's labels and annotations. Facts checked against
 * `kubectl kustomize`.
 *
 * DO NOT CHANGE this table without checking the result against `kubectl kustomize`: users'
 * rendered output depends on it.
 */
import type { FieldSpec } from './field-specs.ts';

const CONTAINER_FIELDS = ['args', 'command', 'env/value', 'volumeMounts/mountPath'];

function spec(path: string, kind?: string): FieldSpec {
  return { path: path.split('/'), create: false, ...(kind ? { kind } : {}) };
}

function podFields(kind: string, podSpec: string, nfs: string): FieldSpec[] {
  const containers = ['containers', 'initContainers'].flatMap((list) => CONTAINER_FIELDS.map((f) => spec(`${podSpec}/${list}/${f}`, kind)));
  return [...containers, spec(nfs, kind)];
}

/** Kustomize's default var reference fields. */
export const VAR_REFERENCE_FIELDS: readonly FieldSpec[] = [
  // Kustomize's table writes the CronJob's NFS field without `spec/` after `template`.
  ...podFields('CronJob', 'spec/jobTemplate/spec/template/spec', 'spec/jobTemplate/spec/template/volumes/nfs/server'),
  ...podFields('DaemonSet', 'spec/template/spec', 'spec/template/spec/volumes/nfs/server'),
  ...podFields('Deployment', 'spec/template/spec', 'spec/template/spec/volumes/nfs/server'),
  spec('spec/template/metadata/annotations', 'Deployment'),
  spec('spec/rules/host', 'Ingress'),
  spec('spec/tls/hosts', 'Ingress'),
  spec('spec/tls/secretName', 'Ingress'),
  ...podFields('Job', 'spec/template/spec', 'spec/template/spec/volumes/nfs/server'),
  ...podFields('Pod', 'spec', 'spec/volumes/nfs/server'),
  ...podFields('ReplicaSet', 'spec/template/spec', 'spec/template/spec/volumes/nfs/server'),
  spec('spec/ports/port', 'Service'),
  spec('spec/ports/targetPort', 'Service'),
  ...podFields('StatefulSet', 'spec/template/spec', 'spec/volumeClaimTemplates/spec/nfs/server'),
  spec('spec/nfs/server', 'PersistentVolume'),
  spec('metadata/labels'),
  spec('metadata/annotations'),
];
