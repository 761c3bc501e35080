/**
 * Metadata props shared by every builder and the `ObjectMeta` they produce.
 */
import type { ObjectMeta } from '../k8s/api/meta/v1.ts';
import { propShape } from './prop-check.ts';

/** Label or annotation map. */
export type StringMap = Record<string, string>;

/** Metadata every builder accepts. */
export interface MetaProps {
  /** `metadata.name`. */
  name: string;
  /**
   * `metadata.namespace`. Usually left to the environment's namespace transform.
   * @default unset
   */
  namespace?: string;
  /**
   * Extra `metadata.labels`.
   * @default unset
   */
  labels?: StringMap;
  /**
   * `metadata.annotations`.
   * @default unset
   */
  annotations?: StringMap;
  /**
   * Any other `ObjectMeta` fields (finalizers, ownerReferences, ...). Its labels and annotations
   * are merged under `labels` and `annotations`.
   * @default unset
   */
  metadata?: Partial<ObjectMeta>;
}

/** The props of {@link MetaProps}, which every builder accepts. */
export const metaShape = propShape<MetaProps>('MetaProps', ['name', 'namespace', 'labels', 'annotations', 'metadata']);

/** Merges maps left to right; `undefined` when the result is empty. */
export function mergeMaps(...maps: (StringMap | undefined)[]): StringMap | undefined {
  const out: StringMap = {};
  for (const map of maps) Object.assign(out, map);
  return Object.keys(out).length ? out : undefined;
}

/**
 * The `ObjectMeta` for {@link MetaProps}; `baseLabels` come first so `labels` can override them.
 * Empty maps and unset fields are left out.
 */
export function objectMeta(props: MetaProps, baseLabels?: StringMap): ObjectMeta & { name: string } {
  const meta: ObjectMeta & { name: string } = { ...props.metadata, name: props.name };
  if (props.namespace !== undefined) meta.namespace = props.namespace;
  const labels = mergeMaps(baseLabels, props.metadata?.labels, props.labels);
  if (labels) meta.labels = labels;
  else delete meta.labels;
  const annotations = mergeMaps(props.metadata?.annotations, props.annotations);
  if (annotations) meta.annotations = annotations;
  else delete meta.annotations;
  return meta;
}
