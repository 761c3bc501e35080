/**
 * Kustomize's `labels` and `commonLabels`: labels on every object's metadata, and optionally on
 * pod and claim templates and on selectors (field lists in `k8s/field-specs.ts`).
 */
import { LABEL_METADATA_FIELDS, LABEL_SELECTOR_FIELDS, LABEL_TEMPLATE_FIELDS, type FieldSpec } from '../../k8s/field-specs.ts';
import type { Resource } from '../../k8s/resource.ts';
import type { FieldSpecInput } from '../../project/field-spec.ts';
import { toFieldSpec, type FieldConfig } from '../field-config.ts';
import { setMapEntries } from './map-fields.ts';
import type { StepOptions } from './history.ts';

/** Options of {@link addLabels}. Kustomize's `commonLabels` is `includeSelectors: true`. */
export interface AddLabelsOptions extends StepOptions {
  labels: Readonly<Record<string, string>>;
  /** Also add to selectors, and then to templates too (Kustomize `includeSelectors`). @default false */
  includeSelectors?: boolean;
  /** Also add to pod, job and claim templates (Kustomize `includeTemplates`). @default false */
  includeTemplates?: boolean;
  /** Kustomize's `commonLabels`: the configuration's commonLabels fields only. @default false */
  common?: boolean;
  /** Fields of custom kinds from `configurations`. @default none */
  config?: Pick<FieldConfig, 'commonLabels' | 'templateLabels' | 'labels'>;
  /** Further fields of this entry (Kustomize `labels[].fields`). @default none */
  fields?: readonly FieldSpecInput[];
}

/** The fields that `options` writes labels to. */
export function labelFields(options: Pick<AddLabelsOptions, 'includeSelectors' | 'includeTemplates'>): FieldSpec[] {
  const fields = [...LABEL_METADATA_FIELDS];
  if (options.includeSelectors || options.includeTemplates) fields.push(...LABEL_TEMPLATE_FIELDS);
  if (options.includeSelectors) fields.push(...LABEL_SELECTOR_FIELDS);
  return fields;
}

/** {@link labelFields} and the fields `configurations` and the entry add, as Kustomize merges them. */
function allLabelFields(options: AddLabelsOptions): FieldSpec[] {
  const fields = labelFields(options);
  const config = options.config;
  if (config) {
    if (options.common) fields.push(...config.commonLabels);
    else {
      fields.push(...config.labels);
      fields.push(...(options.includeSelectors ? config.commonLabels : options.includeTemplates ? config.templateLabels : []));
    }
  }
  for (const f of options.fields ?? []) fields.push(toFieldSpec(f));
  return fields;
}

/** Returns `resources` with `options.labels` added (existing keys take the new values). */
export function addLabels(resources: readonly Resource[], options: AddLabelsOptions): Resource[] {
  return setMapEntries(resources, allLabelFields(options), options.labels, 'labels', options);
}
