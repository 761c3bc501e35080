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
 * builtin transformers (a `transformers:` entry named by its own file, kind and
 * `metadata.name`). Generators, vars and `managedByLabel` record nothing. A Component (a
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

/** A transformer a level runs: its kind, and for a `transformers:` entry the file and name it was configured with. */
type Declared = { kind: string; configuredIn?: string; name?: string };

/** The transformers `level` itself runs (its mixins' aside), in order. */
export function levelTransformers(level: OverlayLevel): Declared[] {
  const patches = level.patches ?? [];
  const late = patches.filter((p) => p.afterAnnotations).length;
  const kinds = [
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
  ];
  const builtins = (level.builtinTransformers ?? []).map((t): Declared => ({ kind: t.kind, ...t.annotatedAs }));
  return [...kinds.map((kind) => ({ kind })), ...builtins];
}

/**
 * What the annotation names as the file a transformer was configured in: `file` (relative to
 * the project root) relative to the folder of `from` (the rendered environment's
 * `configuredIn`), or as it is when the rendered environment has none; `name` without a file.
 */
export function configuredInOf(file: string | undefined, name: string, from: string | undefined): string {
  if (file === undefined) return name;
  if (from === undefined) return file;
  // Both are relative to the project root: anchoring them at '/' keeps the working folder out.
  return path.posix.relative(path.posix.dirname(`/${from}`), `/${file}`);
}

/** `resources` with the transformers `level` ran appended to each one's `transformations`. */
export function recordTransformers(resources: readonly Resource[], level: OverlayLevel, from: string | undefined): Resource[] {
  const declared = levelTransformers(level);
  if (declared.length === 0) return [...resources];
  const runs = declared.map((d): TransformerRun => ({
    configuredIn: configuredInOf(d.configuredIn ?? level.configuredIn, level.name, from),
    kind: d.kind,
    ...(d.name !== undefined ? { name: d.name } : {}),
  }));
  return resources.map((r) => ({ ...r, transformations: [...(r.transformations ?? []), ...runs] }));
}

// Kustomize writes the list with go-yaml: a string YAML would read as something else (a number,
// a bool, null, old-style yes/no/on/off) in double quotes, one whose characters YAML would read
// otherwise in single quotes, any other plain (checked with kubectl).
const NOT_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$/;
const NUMBER = /^[-+]?(?:[0-9][0-9_]*|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF|nan|NaN|NAN))$/;
const QUOTED = /^$|^[[\]{},#&*!|>'"%@`]|^[-?:](?: |$)|^ | $|: |:$| #/;
const CONTROL = /[\u0000-\u001f\u007f]/;

function scalar(text: string): string {
  if (NOT_STRING.test(text) || NUMBER.test(text) || CONTROL.test(text)) return JSON.stringify(text);
  return QUOTED.test(text) ? `'${text.replaceAll("'", "''")}'` : text;
}

/** The annotation's text: a YAML list in Kustomize's layout, one entry per transformer run. */
export function transformationsText(runs: readonly TransformerRun[]): string {
  return runs
    .map((run) => {
      const name = run.name !== undefined ? `    name: ${scalar(run.name)}\n` : '';
      return `- configuredIn: ${scalar(run.configuredIn)}\n  configuredBy:\n    apiVersion: builtin\n    kind: ${scalar(run.kind)}\n${name}`;
    })
    .join('');
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
