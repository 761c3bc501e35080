/**
 * Kustomize's `replicas`: sets `spec.replicas` of Deployments, ReplicaSets,
 * ReplicationControllers and StatefulSets found by name (current or any earlier name).
 */
import { KasaneError, errorFinding } from '../../errors.ts';
import { REPLICA_KINDS } from '../../k8s/field-specs.ts';
import { isPlainObject } from '../../k8s/object.ts';
import type { Resource } from '../../k8s/resource.ts';
import { copyObject, withObject, type StepOptions } from './history.ts';

/** One `replicas` entry. */
export interface ReplicaCount {
  /** Name of the workload, before or after name prefix and suffix. */
  name: string;
  count: number;
}

/** Options of {@link setReplicas}. */
export interface SetReplicasOptions extends StepOptions {
  replicas: readonly ReplicaCount[];
}

function answersTo(resource: Resource, name: string): boolean {
  return resource.object.metadata.name === name || (resource.previousNames ?? []).includes(name);
}

/**
 * Returns `resources` with the replica counts set (`spec` is created when missing).
 *
 * @throws {KasaneError} `overlay/replicas-target-not-found` when an entry names no workload of
 * those kinds, as `kubectl kustomize` fails too.
 */
export function setReplicas(resources: readonly Resource[], options: SetReplicasOptions): Resource[] {
  for (const entry of options.replicas) {
    if (!resources.some((r) => REPLICA_KINDS.includes(r.object.kind) && answersTo(r, entry.name))) {
      const names = resources.filter((r) => REPLICA_KINDS.includes(r.object.kind)).map((r) => r.object.metadata.name);
      throw new KasaneError(
        errorFinding('overlay/replicas-target-not-found', `expected a ${REPLICA_KINDS.join(', ')} named '${entry.name}', found none`, {
          hint: names.length ? `use one of ${names.map((n) => `'${n}'`).join(', ')}` : 'add the workload or remove the replicas entry',
          env: options.env,
          ...(options.source ? { source: options.source } : {}),
        }),
      );
    }
  }
  return resources.map((resource) => {
    if (!REPLICA_KINDS.includes(resource.object.kind)) return resource;
    const entry = options.replicas.find((e) => answersTo(resource, e.name));
    if (!entry) return resource;
    const object = copyObject(resource.object);
    object.spec = { ...(isPlainObject(object.spec) ? object.spec : {}), replicas: entry.count };
    return withObject(resource, object, 'replicas', options);
  });
}
