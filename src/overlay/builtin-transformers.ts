/**
 * A level's builtin transformers (Kustomize `transformers:` entries of `apiVersion: builtin`),
 * in list order, each with exactly the fields it is given: the same steps as the level's own
 * fields, configured from the entry instead of Kustomize's default field tables.
 */
import type { Finding } from '../errors.ts';
import type { Resource } from '../k8s/resource.ts';
import type { BuiltinTransformer } from '../project/builtin-transformer.ts';
import type { OverlayLevel } from '../project/mixin.ts';
import type { LevelContext, LevelState } from './apply-level.ts';
import { stepOptionsOf } from './level-at.ts';
import { applyPatches } from './apply-patches.ts';
import { toFieldSpec } from './field-config.ts';
import { applyHashSuffixes } from './generators/hash-suffix.ts';
import { applyReplacements } from './replacements/apply-replacements.ts';
import { addNameAffix } from './transforms/name-affix.ts';
import type { StepOptions } from './transforms/history.ts';
import { setImages } from './transforms/images.ts';
import { setMapEntries } from './transforms/map-fields.ts';
import { setNamespace } from './transforms/namespace.ts';
import { setReplicas } from './transforms/replicas.ts';

/** One builtin transformer over `resources`. */
function applyOne(resources: Resource[], t: BuiltinTransformer, state: LevelState, opts: StepOptions, ctx: LevelContext): { resources: Resource[]; findings: Finding[] } {
  const references = state.config.nameReference;
  const fields = 'fieldSpecs' in t ? (t.fieldSpecs ?? []).map(toFieldSpec) : [];
  switch (t.kind) {
    case 'LabelTransformer':
      return { resources: setMapEntries(resources, fields, t.labels, 'labels', opts), findings: [] };
    case 'AnnotationsTransformer':
      return { resources: setMapEntries(resources, fields, t.annotations, 'annotations', opts), findings: [] };
    case 'PrefixSuffixTransformer': {
      const affix = { ...(t.prefix ? { prefix: t.prefix } : {}), ...(t.suffix ? { suffix: t.suffix } : {}) };
      return { resources: addNameAffix(resources, { ...opts, ...affix, prefixFields: fields, suffixFields: fields, withName: false, references }), findings: [] };
    }
    case 'NamespaceTransformer': {
      const extra = fields.filter((fs) => fs.path.join('/') !== 'metadata/namespace');
      const subjects = t.setRoleBindingSubjects ? { roleBindingSubjects: t.setRoleBindingSubjects } : {};
      return { resources: setNamespace(resources, { ...opts, namespace: t.namespace, fields: extra, unsetOnly: t.unsetOnly === true, builtInFields: false, ...subjects }), findings: [] };
    }
    case 'ImageTagTransformer':
      return { resources: setImages(resources, { ...opts, images: [t.imageTag], fields }), findings: [] };
    case 'ReplicaCountTransformer':
      return { resources: setReplicas(resources, { ...opts, replicas: [t.replica], fields, builtInFields: false }), findings: [] };
    case 'PatchTransformer':
      return applyPatches(resources, t.patches, ctx.env, undefined, { references, ...(state.openapi ? { openapi: state.openapi } : {}) });
    case 'ReplacementTransformer':
      return { resources: applyReplacements(resources, t.replacements, opts), findings: [] };
    case 'HashTransformer':
      return { resources: applyHashSuffixes(resources, { ...opts, references, keepPending: true }), findings: [] };
  }
}

/**
 * Runs `level.builtinTransformers` in order. Returns the new state and findings; an error
 * finding stops the list.
 * @throws {KasaneError} from the steps, as the level's own fields do.
 */
export function applyBuiltinTransformers(state: LevelState, level: OverlayLevel, ctx: LevelContext): { state: LevelState; findings: Finding[] } {
  const opts: StepOptions = stepOptionsOf(level, ctx);
  let resources = state.resources;
  const findings: Finding[] = [];
  for (const t of level.builtinTransformers ?? []) {
    const ran = applyOne(resources, t, state, opts, ctx);
    findings.push(...ran.findings);
    resources = ran.resources;
    if (ran.findings.some((f) => f.severity === 'error')) break;
  }
  return { state: { ...state, resources }, findings };
}
