/**
 * Kustomize's builtin transformers configured one by one, as `transformers:` entries with
 * `apiVersion: builtin` configure them: each uses exactly the fields it is given (no default
 * field tables, except that images keep Kustomize's container paths). They run after a level's
 * other steps, in list order.
 */
import type { FieldSpecInput } from './field-spec.ts';
import type { ImageOverride } from './overlay-options.ts';
import type { Patch } from './patch.ts';
import type { Replacement } from './replacement.ts';

/** Labels at the given fields only. */
export interface LabelTransformerConfig {
  kind: 'LabelTransformer';
  labels: Readonly<Record<string, string>>;
  fieldSpecs: readonly FieldSpecInput[];
}

/** Annotations at the given fields only. */
export interface AnnotationsTransformerConfig {
  kind: 'AnnotationsTransformer';
  annotations: Readonly<Record<string, string>>;
  fieldSpecs: readonly FieldSpecInput[];
}

/** A prefix and suffix at the given fields (`metadata/name` renames, and references follow). */
export interface PrefixSuffixTransformerConfig {
  kind: 'PrefixSuffixTransformer';
  /** @default '' */
  prefix?: string;
  /** @default '' */
  suffix?: string;
  fieldSpecs: readonly FieldSpecInput[];
}

/** A namespace at the given fields. */
export interface NamespaceTransformerConfig {
  kind: 'NamespaceTransformer';
  namespace: string;
  fieldSpecs: readonly FieldSpecInput[];
  /** Only where no namespace is set. @default false */
  unsetOnly?: boolean;
  /**
   * Which ServiceAccount subjects of (Cluster)RoleBindings get the namespace: those named
   * `default`, every one, or none.
   * @default 'defaultOnly'
   */
  setRoleBindingSubjects?: 'defaultOnly' | 'allServiceAccounts' | 'none';
}

/** An image override at the container images and the given extra fields. */
export interface ImageTagTransformerConfig {
  kind: 'ImageTagTransformer';
  imageTag: ImageOverride;
  /** Fields besides containers' and initContainers' images. @default none */
  fieldSpecs?: readonly FieldSpecInput[];
}

/** A replica count at the given fields of the objects named `replica.name`. */
export interface ReplicaCountTransformerConfig {
  kind: 'ReplicaCountTransformer';
  replica: { name: string; count: number };
  fieldSpecs: readonly FieldSpecInput[];
}

/** Patches (PatchTransformer, PatchStrategicMergeTransformer, PatchJson6902Transformer). */
export interface PatchTransformerConfig {
  kind: 'PatchTransformer';
  patches: readonly Patch[];
}

/** Replacements (ReplacementTransformer). */
export interface ReplacementTransformerConfig {
  kind: 'ReplacementTransformer';
  replacements: readonly Replacement[];
}

/** The content-hash suffix on generated objects that want one, now rather than at the end. */
export interface HashTransformerConfig {
  kind: 'HashTransformer';
}

/**
 * How the transformer annotations (`buildMetadata.transformerAnnotations`) name one builtin
 * transformer: Kustomize names a `transformers:` entry by the file that holds it, its kind and
 * its `metadata.name`.
 */
export interface TransformerAnnotationName {
  /** The file, relative to the project root, as a level's `configuredIn`. */
  configuredIn: string;
  /** Kustomize's kind (`PatchStrategicMergeTransformer` for what kasane runs as a PatchTransformer). @default the transformer's kind */
  kind?: string;
  /** The configuration's `metadata.name`. @default none */
  name?: string;
}

/** What every builtin transformer may carry besides its settings. */
export interface BuiltinTransformerBase {
  /** How the transformer annotations name it. @default the level's configuredIn and the transformer's kind */
  annotatedAs?: TransformerAnnotationName;
}

/** One builtin transformer. */
export type BuiltinTransformer = BuiltinTransformerBase &
  (
    | LabelTransformerConfig
    | AnnotationsTransformerConfig
    | PrefixSuffixTransformerConfig
    | NamespaceTransformerConfig
    | ImageTagTransformerConfig
    | ReplicaCountTransformerConfig
    | PatchTransformerConfig
    | ReplacementTransformerConfig
    | HashTransformerConfig
  );
