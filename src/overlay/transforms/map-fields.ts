/** Adds key/value pairs to string maps at field specs: what labels and annotations share. */
import { fieldSpecApplies, type FieldSpec } from '../../k8s/field-specs.ts';
import { isPlainObject } from '../../k8s/object.ts';
import type { Resource } from '../../k8s/resource.ts';
import { updateField } from './field-path.ts';
import { copyObject, withObject, type StepOptions } from './history.ts';

/** Returns `resources` with `entries` set in every map that `fields` point at. */
export function setMapEntries(
  resources: readonly Resource[],
  fields: readonly FieldSpec[],
  entries: Readonly<Record<string, string>>,
  step: string,
  options: StepOptions,
): Resource[] {
  if (Object.keys(entries).length === 0) return [...resources];
  return resources.map((resource) => {
    const object = copyObject(resource.object);
    for (const fs of fields) {
      if (!fieldSpecApplies(fs, object)) continue;
      updateField(object, fs.path, fs.create, (value) => (isPlainObject(value) || value === undefined || value === null ? { ...(isPlainObject(value) ? value : {}), ...entries } : undefined));
    }
    return withObject(resource, object, step, options);
  });
}
