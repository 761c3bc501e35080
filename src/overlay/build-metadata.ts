/**
 * What Kustomize's `buildMetadata` adds to every object about how it was built, read from the
 * environment being rendered: `managedByLabel` labels every object
 * `app.kubernetes.io/managed-by` with the given text; `transformerAnnotations` annotates every
 * object with the builtin transformers that ran over it.
 *
 * Kustomize (v5.5.0, checked with kubectl) records a transformer on every object the
 * kustomization holds when the transformer runs, whether it changed the object or not, so the
 * record is kept per level while the overlay runs (`recordTransformers`), not read from an
 * object's history of changes. One level declares, in the order it runs them: a
 * `PatchTransformer` per patch, `NamespaceTransformer`, `PrefixTransformer`,
 * `SuffixTransformer`, a `LabelTransformer` per `labels` entry plus the one of `commonLabels`
 * (which runs even when only `labels` entries are given), `AnnotationsTransformer`, a
 * `PatchJson6902Transformer` per late patch, a `ReplicaCountTransformer` per replica entry, an
 * `ImageTagTransformer` per image, one `ReplacementTransformer` for all replacements, then its
 * builtin transformers. Generators, vars and `managedByLabel` record nothing. A Component (a
 * mixin) records its own before the level that includes it.
 */
import path from 'node:path';
import type { Resource, TransformerRun } from '../k8s/resource.ts';
import type { OverlayLevel } from '../project/mixin.ts';
import { withObject, type StepOptions } from './transforms/history.ts';
import { setMapEntries } from './transforms/map-fields.ts';

/** The label Kustomize's `managedByLabel` sets. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** The annotation Kustomize's `transformerAnnotations` sets. */
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';

/** Returns `resources` with `app.kubernetes.io/managed-by: <value>` in every object's labels. */
export function addManagedByLabel(resources: readonly Resource[], value: string, options: StepOptions): Resource[] {
  return setMapEntries(resources, [{ path: ['metadata', 'labels'], create: true }], { [MANAGED_BY_LABEL]: value }, 'buildMetadata', options);
}

const times = (count: number, kind: string): string[] => Array.from({ length: count }, () => kind);

/** The labels' transformers: one per `labels` entry and Kustomize's `commonLabels` one after them. */
function labelTransformers(labels: OverlayLevel['labels']): string[] {
  if (!labels) return [];
  const count = Array.isArray(labels) ? (labels.length ? labels.length + 1 : 0) : Object.keys(labels).length ? 1 : 0;
  return times(count, 'LabelTransformer');
}

/** The builtin kinds of the transformers `level` itself runs (its mixins' aside), in order. */
export function levelTransformers(level: OverlayLevel): string[] {
  const patches = level.patches ?? [];
  const late = patches.filter((p) => p.afterAnnotations).length;
  return [
    ...times(patches.length - late, 'PatchTransformer'),
    ...(level.namespace ? ['NamespaceTransformer'] : []),
    ...(level.namePrefix ? ['PrefixTransformer'] : []),
    ...(level.nameSuffix ? ['SuffixTransformer'] : []),
    ...labelTransformers(level.labels),
    ...(level.annotations && Object.keys(level.annotations).length ? ['AnnotationsTransformer'] : []),
    ...times(late, 'PatchJson6902Transformer'),
    ...times(level.replicas?.length ?? 0, 'ReplicaCountTransformer'),
    ...times(level.images?.length ?? 0, 'ImageTagTransformer'),
    ...(level.replacements?.length ? ['ReplacementTransformer'] : []),
    ...(level.builtinTransformers ?? []).map((t) => t.kind),
  ];
}

/**
 * What the annotation names as the file `level` was configured in: its `configuredIn`
 * relative to the folder of `from` (the rendered environment's), or as it is when the
 * rendered environment has none; the level's name when the level has none.
 */
export function configuredInOf(level: OverlayLevel, from: string | undefined): string {
  if (level.configuredIn === undefined) return level.name;
  if (from === undefined) return level.configuredIn;
  // Both are relative to the project root: anchoring them at '/' keeps the working folder out.
  return path.posix.relative(path.posix.dirname(`/${from}`), `/${level.configuredIn}`);
}

/** `resources` with the transformers `level` ran appended to each one's `transformations`. */
export function recordTransformers(resources: readonly Resource[], level: OverlayLevel, from: string | undefined): Resource[] {
  const kinds = levelTransformers(level);
  if (kinds.length === 0) return [...resources];
  const configuredIn = configuredInOf(level, from);
  const runs: TransformerRun[] = kinds.map((kind) => ({ configuredIn, kind }));
  return resources.map((r) => ({ ...r, transformations: [...(r.transformations ?? []), ...runs] }));
}

// A plain scalar when YAML reads it back as the same string, double-quoted (JSON is valid YAML) otherwise.
const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/;
const scalar = (text: string): string => (PLAIN.test(text) && !/^[0-9.]+$/.test(text) ? text : JSON.stringify(text));

/** The annotation's text: a YAML list in Kustomize's layout, one entry per transformer run. */
export function transformationsText(runs: readonly TransformerRun[]): string {
  return runs.map((run) => `- configuredIn: ${scalar(run.configuredIn)}\n  configuredBy:\n    apiVersion: builtin\n    kind: ${run.kind}\n`).join('');
}

/** Returns `resources` with the transformer annotation on every object some transformer ran over. */
export function addTransformerAnnotations(resources: readonly Resource[], options: StepOptions): Resource[] {
  return resources.map((resource) => {
    if (!resource.transformations?.length) return resource;
    const { metadata } = resource.object;
    const annotations = { ...metadata.annotations, [TRANSFORMATIONS_ANNOTATION]: transformationsText(resource.transformations) };
    return withObject(resource, { ...resource.object, metadata: { ...metadata, annotations } }, 'buildMetadata', options);
  });
}
