/**
 * Kustomize's `commonAnnotations`: annotations on every object's metadata and on its pod and
 * job templates (not on StatefulSet claim templates).
 */
import { ANNOTATION_FIELDS, type FieldSpec } from '../../k8s/field-specs.ts';
import type { Resource } from '../../k8s/resource.ts';
import type { StepOptions } from './history.ts';
import { setMapEntries } from './map-fields.ts';

/** Options of {@link addAnnotations}. */
export interface AddAnnotationsOptions extends StepOptions {
  annotations: Readonly<Record<string, string>>;
  /** Fields besides Kustomize's (from `configurations`). @default none */
  fields?: readonly FieldSpec[];
}

/** Returns `resources` with `options.annotations` added (existing keys take the new values). */
export function addAnnotations(resources: readonly Resource[], options: AddAnnotationsOptions): Resource[] {
  const fields = options.fields?.length ? [...ANNOTATION_FIELDS, ...options.fields] : ANNOTATION_FIELDS;
  return setMapEntries(resources, fields, options.annotations, 'annotations', options);
}
