/**
 * Kustomize's `buildMetadata: [transformerAnnotations]`: every object carries
 * `alpha.config.kubernetes.io/transformations`, the builtin transformers that ran over it with
 * the kustomization file that configured each. The render writes it (overlay/build-metadata.ts)
 * from the transformers each level declares; import names every level's kustomization file as
 * its `configuredIn`. Where one imported field does not map onto one kasane step of the same
 * kind and count, import refuses rather than write a different list.
 */
import type { FieldPath, Finding } from '../errors.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { Kustomization, PatchDecl } from './kustomization.ts';
import { reached } from './origin-annotations.ts';
import type { TreePlan } from './tree.ts';

const WHOLE_MAP = new Set(['', '/metadata', '/metadata/annotations']);

/**
 * Kustomize keeps the list in the object as it goes, so a patch that sets, removes or replaces
 * the whole annotations map drops the entries recorded before it (and kubectl then writes an
 * origin annotation of its own); kasane lists every transformer.
 */
function replacesAnnotations(p: PatchDecl): boolean {
  if (p.type === 'json6902') return p.ops.some((op) => (op.op !== 'test' && WHOLE_MAP.has(op.path)) || (op.op === 'move' && WHOLE_MAP.has(op.from)));
  const metadata = p.body.metadata;
  return (
    metadata === null ||
    (isPlainObject(metadata) && (metadata.$patch !== undefined || metadata.annotations === null || (isPlainObject(metadata.annotations) && metadata.annotations.$patch !== undefined)))
  );
}

/** `patches[2]` as a field path. */
function fieldPath(field: string): FieldPath {
  const at = /^(\w+)\[(\d+)\]$/.exec(field);
  return at ? [at[1]!, Number(at[2])] : [field];
}

/** Why the transformers of `k` cannot be listed as Kustomize lists them, with the field; none when they can. */
function mismatch(k: Kustomization): { path: FieldPath; why: string } | undefined {
  const replaces = 'Kustomize drops the list recorded so far when a patch replaces metadata.annotations as a whole';
  const replacing = k.patches.find(replacesAnnotations);
  if (replacing) return { path: fieldPath(replacing.field), why: replaces };
  const transformer = k.builtinTransformers.findIndex((t) => t.kind === 'PatchTransformer' && t.patches.some(replacesAnnotations));
  if (transformer >= 0) return { path: ['transformers'], why: replaces };
  const merged = k.patches.find((p) => p.field.startsWith('patchesStrategicMerge'));
  if (merged) return { path: ['patchesStrategicMerge'], why: 'Kustomize lists all of patchesStrategicMerge as one PatchStrategicMergeTransformer' };
  const fields = k.patches.map((p) => p.field);
  const split = fields.find((f, i) => fields.indexOf(f) !== i);
  if (split) return { path: fieldPath(split), why: 'Kustomize lists a patch file of several documents as one PatchTransformer' };
  const entries = k.labels.length - (k.commonLabels ? 1 : 0);
  if (k.commonLabels && entries > 0) return { path: ['labels'], why: 'Kustomize runs commonLabels and labels as one LabelTransformer per labels entry and one more' };
  return undefined;
}

/**
 * Sets `configuredIn` on every kustomization a target with transformer annotations builds.
 * Adds a finding (and stops) where a kustomization's transformers cannot be listed exactly.
 */
export function markTransformerAnnotations(plan: TreePlan, findings: Finding[]): void {
  for (const target of plan.targets) {
    const top = plan.levels.get(target)!.kustomization;
    if (!top.transformerAnnotations) continue;
    for (const k of reached(plan, target).kustomizations) {
      const problem = mismatch(k);
      if (problem) {
        findings.push(refusal(k.file, problem, top.file));
        return;
      }
      k.configuredIn = k.file;
    }
  }
}

function refusal(file: string, problem: { path: FieldPath; why: string }, top: string): Finding {
  return {
    severity: 'error',
    code: 'import/unsupported-field',
    message: `cannot import the transformer annotations (buildMetadata: transformerAnnotations of '${top}'): ${problem.why}, which kasane does not reproduce`,
    hint: 'remove transformerAnnotations, or write the field so that each transformer is one kasane step (patches: one document each, one annotation at a time; commonLabels or labels, not both)',
    source: { file },
    path: problem.path,
  };
}
