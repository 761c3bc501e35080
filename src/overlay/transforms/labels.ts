/**
 * Kustomize's `labels` and `commonLabels`: labels on every object's metadata, and optionally on
 * pod and claim templates and on selectors (field lists in `k8s/field-specs.ts`).
 */
import { LABEL_METADATA_FIELDS, LABEL_SELECTOR_FIELDS, LABEL_TEMPLATE_FIELDS, type FieldSpec } from '../../k8s/field-specs.ts';
import type { Resource } from '../../k8s/resource.ts';
import { setMapEntries } from './map-fields.ts';
import type { StepOptions } from './history.ts';

/** Options of {@link addLabels}. Kustomize's `commonLabels` is `includeSelectors: true`. */
export interface AddLabelsOptions extends StepOptions {
  labels: Readonly<Record<string, string>>;
  /** Also add to selectors, and then to templates too (Kustomize `includeSelectors`). @default false */
  includeSelectors?: boolean;
  /** Also add to pod, job and claim templates (Kustomize `includeTemplates`). @default false */
  includeTemplates?: boolean;
}

/** The fields that `options` writes labels to. */
export function labelFields(options: Pick<AddLabelsOptions, 'includeSelectors' | 'includeTemplates'>): FieldSpec[] {
  const fields = [...LABEL_METADATA_FIELDS];
  if (options.includeSelectors || options.includeTemplates) fields.push(...LABEL_TEMPLATE_FIELDS);
  if (options.includeSelectors) fields.push(...LABEL_SELECTOR_FIELDS);
  return fields;
}

/** Returns `resources` with `options.labels` added (existing keys take the new values). */
export function addLabels(resources: readonly Resource[], options: AddLabelsOptions): Resource[] {
  return setMapEntries(resources, labelFields(options), options.labels, 'labels', options);
}
