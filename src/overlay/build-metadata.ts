/**
 * What Kustomize's `buildMetadata` adds to every object about how it was built, read from the
 * environment being rendered: `managedByLabel` labels every object
 * `app.kubernetes.io/managed-by` with the given text.
 */
import type { Resource } from '../k8s/resource.ts';
import type { StepOptions } from './transforms/history.ts';
import { setMapEntries } from './transforms/map-fields.ts';

/** The label Kustomize's `managedByLabel` sets. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** Returns `resources` with `app.kubernetes.io/managed-by: <value>` in every object's labels. */
export function addManagedByLabel(resources: readonly Resource[], value: string, options: StepOptions): Resource[] {
  return setMapEntries(resources, [{ path: ['metadata', 'labels'], create: true }], { [MANAGED_BY_LABEL]: value }, 'buildMetadata', options);
}
