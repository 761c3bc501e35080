/**
 * Kustomize's `replicas`: sets `spec.replicas` of Deployments, ReplicaSets,
 * ReplicationControllers and StatefulSets found by name (current or any earlier name).
 */
import { KasaneError, errorFinding } from '../../errors.ts';
import { REPLICA_KINDS, fieldSpecApplies, type FieldSpec } from '../../k8s/field-specs.ts';
import { isPlainObject } from '../../util/plain-object.ts';
import type { Resource } from '../../k8s/resource.ts';
import type { ReplicaOverride } from '../../project/overlay-options.ts';
import { updatedField } from './field-path.ts';
import { withObject, type StepOptions } from './history.ts';

/** Options of {@link setReplicas}. */
export interface SetReplicasOptions extends StepOptions {
  replicas: readonly ReplicaOverride[];
  /** Further fields that take the count (from `configurations`, or a builtin's own). @default none */
  fields?: readonly FieldSpec[];
  /** Kustomize's own `spec.replicas` of the workload kinds. @default true */
  builtInFields?: boolean;
}

/** The fields of `obj` that take a replica count under `options`. */
function replicaFields(obj: Resource['object'], options: SetReplicasOptions): FieldSpec[] {
  const fields = (options.fields ?? []).filter((fs) => fieldSpecApplies(fs, obj));
  if (options.builtInFields !== false && REPLICA_KINDS.includes(obj.kind)) fields.unshift({ path: ['spec', 'replicas'], create: true });
  return fields;
}

/** The first entry for each name, as a linear search over `replicas` would find it. */
function entriesByName(replicas: readonly ReplicaOverride[]): Map<string, ReplicaOverride> {
  const byName = new Map<string, ReplicaOverride>();
  for (const entry of replicas) if (!byName.has(entry.name)) byName.set(entry.name, entry);
  return byName;
}

/** The entry for a workload: the first one naming it by its current or any earlier name. */
function entryFor(resource: Resource, replicas: readonly ReplicaOverride[], byName: Map<string, ReplicaOverride>): ReplicaOverride | undefined {
  const names = [resource.object.metadata.name, ...(resource.previousNames ?? [])];
  let best: ReplicaOverride | undefined;
  for (const name of names) {
    const entry = byName.get(name);
    if (entry && (!best || replicas.indexOf(entry) < replicas.indexOf(best))) best = entry;
  }
  return best;
}

/**
 * Returns `resources` with the replica counts set (`spec` is created when missing).
 *
 * @throws {KasaneError} `overlay/replicas-target-not-found` when an entry names no workload of
 * those kinds, as `kubectl kustomize` fails too.
 */
export function setReplicas(resources: readonly Resource[], options: SetReplicasOptions): Resource[] {
  const workloads = resources.filter((r) => replicaFields(r.object, options).length > 0);
  const known = new Set(workloads.flatMap((r) => [r.object.metadata.name, ...(r.previousNames ?? [])]));
  for (const entry of options.replicas) {
    if (!known.has(entry.name)) {
      const names = workloads.map((r) => r.object.metadata.name);
      throw new KasaneError(
        errorFinding('overlay/replicas-target-not-found', `expected a ${options.fields?.length ? 'workload' : REPLICA_KINDS.join(', ')} named '${entry.name}', found none`, {
          hint: names.length ? `use one of ${names.map((n) => `'${n}'`).join(', ')}` : 'add the workload or remove the replicas entry',
          env: options.env,
          ...(options.source ? { source: options.source } : {}),
        }),
      );
    }
  }
  const byName = entriesByName(options.replicas);
  return resources.map((resource) => {
    const fields = replicaFields(resource.object, options);
    if (fields.length === 0) return resource;
    const entry = entryFor(resource, options.replicas, byName);
    if (!entry) return resource;
    let object: Record<string, unknown> = resource.object;
    for (const fs of fields) {
      // `spec` is created when missing, as Kustomize does for the workload kinds.
      if (fs.path.join('/') === 'spec/replicas' && !isPlainObject(object.spec)) object = { ...object, spec: {} };
      object = updatedField(object, fs.path, fs.create, () => entry.count) ?? object;
    }
    return withObject(resource, object as Resource['object'], 'replicas', options);
  });
}
