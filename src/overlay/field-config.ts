/**
 * The field specs that `configurations` add to the overlay's steps, gathered level by level:
 * a configuration declared at one level is in force there and at every level above it (and in
 * the final steps), as in Kustomize. Only the additions are held here; each step keeps its
 * built-in tables (k8s/field-specs.ts, k8s/name-references.ts) and adds these to them.
 */
import type { FieldSpec } from '../k8s/field-specs.ts';
import type { NameReference } from '../k8s/name-references.ts';
import { fieldSpecKeys, type FieldSpecInput } from '../project/field-spec.ts';
import type { TransformerConfig } from '../project/transformer-config.ts';

/** The field lists of a transformer configuration, in the overlay's form. */
export interface FieldConfig {
  namePrefix: readonly FieldSpec[];
  nameSuffix: readonly FieldSpec[];
  namespace: readonly FieldSpec[];
  commonLabels: readonly FieldSpec[];
  templateLabels: readonly FieldSpec[];
  labels: readonly FieldSpec[];
  commonAnnotations: readonly FieldSpec[];
  images: readonly FieldSpec[];
  replicas: readonly FieldSpec[];
  varReference: readonly FieldSpec[];
  nameReference: readonly NameReference[];
}

/** No additions. */
export const EMPTY_FIELD_CONFIG: FieldConfig = {
  namePrefix: [],
  nameSuffix: [],
  namespace: [],
  commonLabels: [],
  templateLabels: [],
  labels: [],
  commonAnnotations: [],
  images: [],
  replicas: [],
  varReference: [],
  nameReference: [],
};

/** A declared field spec in the overlay's form. */
export function toFieldSpec(input: FieldSpecInput): FieldSpec {
  const spec: FieldSpec = { path: fieldSpecKeys(input.path), create: input.create === true };
  if (input.kind !== undefined && input.kind !== '') spec.kind = input.kind;
  if (input.group !== undefined && input.group !== '') spec.group = input.group;
  if (input.version !== undefined && input.version !== '') spec.version = input.version;
  return spec;
}

const sameSpec = (a: FieldSpec, b: FieldSpec): boolean => a.kind === b.kind && a.group === b.group && a.version === b.version && a.path.join('/') === b.path.join('/');

/** `list` with the specs of `more` that it does not hold yet (Kustomize merges by kind and path). */
function mergeSpecs(list: readonly FieldSpec[], more: readonly FieldSpecInput[] | undefined): readonly FieldSpec[] {
  if (!more?.length) return list;
  const out = [...list];
  for (const spec of more.map(toFieldSpec)) if (!out.some((s) => sameSpec(s, spec))) out.push(spec);
  return out;
}

type SpecList = Exclude<keyof FieldConfig, 'nameReference'>;
const SPEC_LISTS: readonly SpecList[] = ['namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'templateLabels', 'labels', 'commonAnnotations', 'images', 'replicas', 'varReference'];

/** `config` with the additions of `configurations`, in order. */
export function withConfigurations(config: FieldConfig, configurations: readonly TransformerConfig[] | undefined): FieldConfig {
  if (!configurations?.length) return config;
  const out = { ...config } as Record<keyof FieldConfig, unknown>;
  for (const c of configurations) {
    for (const key of SPEC_LISTS) out[key] = mergeSpecs(out[key] as readonly FieldSpec[], c[key]);
    const refs = [...(out.nameReference as readonly NameReference[])];
    for (const entry of c.nameReference ?? []) {
      const referrers = entry.fieldSpecs.map((fs) => {
        const spec = toFieldSpec(fs);
        return { path: spec.path, ...(spec.kind !== undefined ? { kind: spec.kind } : {}), ...(spec.group !== undefined ? { group: spec.group } : {}) };
      });
      refs.push({ kind: entry.kind, ...(entry.group ? { group: entry.group } : {}), referrers });
    }
    out.nameReference = refs;
  }
  return out as unknown as FieldConfig;
}
