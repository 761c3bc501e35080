/** Adds key/value pairs to string maps at field specs: what labels and annotations share. */
import { fieldSpecApplies, type FieldSpec } from '../../k8s/field-specs.ts';
import type { KObject } from '../../k8s/object.ts';
import { isPlainObject } from '../../util/plain-object.ts';
import type { Resource } from '../../k8s/resource.ts';
import { updatedField } from './field-path.ts';
import { withChange, type StepOptions } from './history.ts';

/** Returns `resources` with `entries` set in every map that `fields` point at. */
export function setMapEntries(resources: readonly Resource[], fields: readonly FieldSpec[], entries: Readonly<Record<string, string>>, step: string, options: StepOptions): Resource[] {
  if (Object.keys(entries).length === 0) return [...resources];
  const pairs = Object.entries(entries);
  // A new map only when some entry is missing or different, so every copy is a real change.
  const add = (value: unknown): Record<string, string> | undefined => {
    if (isPlainObject(value)) return pairs.every(([k, v]) => value[k] === v) ? undefined : { ...(value as Record<string, string>), ...entries };
    return value === undefined || value === null ? { ...entries } : undefined;
  };
  return resources.map((resource) => {
    // Copy-on-write: only the maps on the way to a changed field are new, the rest is shared
    // with the input (no stage changes an object in place).
    let object = resource.object;
    for (const fs of fields) {
      if (!fieldSpecApplies(fs, object)) continue;
      object = (updatedField(object, fs.path, fs.create, add) as KObject | undefined) ?? object;
    }
    return object === resource.object ? resource : withChange(resource, object, step, options);
  });
}
