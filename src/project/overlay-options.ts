/**
 * The Kustomize-style overlay fields an environment, a group or a component can set. Each maps
 * onto one Kustomize field of the same name and behaves the same way, so moving a Kustomize
 * overlay over is mechanical.
 */
import type { BuiltinTransformer } from './builtin-transformer.ts';
import type { FieldSpecInput } from './field-spec.ts';
import type { GeneratorSpec } from './generator.ts';
import type { Mixin } from './mixin.ts';
import type { Replacement } from './replacement.ts';
import type { TransformerConfig } from './transformer-config.ts';
import type { Var } from './vars.ts';
import type { Patch } from './patch.ts';
import type { Transform } from './transform.ts';

/** One entry of `labels` in its long form (Kustomize's `labels:` entry). */
export interface LabelsEntry {
  pairs: Record<string, string>;
  /**
   * Also add to selectors (Deployment `spec.selector.matchLabels`, Service `spec.selector`, ...).
   * @default false
   */
  includeSelectors?: boolean;
  /**
   * Also add to pod templates (`spec.template.metadata.labels`, ...). Implied by includeSelectors.
   * @default false
   */
  includeTemplates?: boolean;
  /** Further fields that take these labels (Kustomize's `labels[].fields`). @default none */
  fields?: readonly FieldSpecInput[];
}

/** Kustomize's `images:` entry: matched by the image name, without tag or digest. */
export interface ImageOverride {
  /** Image name to match, without tag or digest, e.g. `nginx` or `registry:5000/team/app`. */
  name: string;
  /** Replaces the name and keeps the tag and digest. @default the old name */
  newName?: string;
  /** Replaces the tag and drops the old digest. @default the old tag */
  newTag?: string;
  /** Replaces the digest and drops the old tag, unless `newTag` is given too. @default the old digest */
  digest?: string;
}

/** Kustomize's `replicas:` entry: a workload by name. */
export interface ReplicaOverride {
  /** Name of the workload, before or after name prefix and suffix. */
  name: string;
  count: number;
}

/** The overlay fields of an environment, a group or a component. */
export interface OverlayOptions {
  /**
   * Namespace of every namespaced object (Kustomize `namespace`).
   * @default unchanged
   */
  namespace?: string;
  /** @default none */
  namePrefix?: string;
  /** @default none */
  nameSuffix?: string;
  /**
   * Labels. A record is added everywhere Kustomize's `commonLabels` adds it: metadata, pod
   * templates and selectors. The list form is Kustomize's `labels:` (choose per entry).
   * @default none
   */
  labels?: Readonly<Record<string, string>> | readonly LabelsEntry[];
  /** Annotations on every object and pod template (Kustomize `commonAnnotations`). @default none */
  annotations?: Readonly<Record<string, string>>;
  /** @default none */
  images?: readonly ImageOverride[];
  /** @default none */
  replicas?: readonly ReplicaOverride[];
  /** ConfigMap and Secret generators. @default none */
  generators?: readonly GeneratorSpec[];
  /**
   * Mixins this level includes (Kustomize Components): each runs after this level's
   * generators and before its patches, over every object gathered so far.
   * @default none
   */
  mixins?: readonly Mixin[];
  /**
   * Copy fields of one object into fields of others (Kustomize `replacements`), after this
   * level's images. Prefer passing the value in code; this form keeps an imported tree exact.
   * @default none
   */
  replacements?: readonly Replacement[];
  /**
   * `$(NAME)` substitutions (Kustomize's deprecated `vars`), resolved after the last level
   * against the final objects. Prefer passing the value in code.
   * @default none
   */
  vars?: readonly Var[];
  /**
   * Fields of custom kinds the steps should know (Kustomize `configurations`): name
   * references, var references, labels, annotations, images, namespace, replicas. In force
   * for this level and every level above it.
   * @default none
   */
  configurations?: readonly TransformerConfig[];
  /**
   * Kustomize's builtin transformers with explicit settings (`transformers:` entries of
   * `apiVersion: builtin`), run after every other step of this level, in list order.
   * @default none
   */
  builtinTransformers?: readonly BuiltinTransformer[];
  /**
   * Merge keys for strategic-merge patches of custom kinds (Kustomize `openapi`), in force for
   * this level and every level above it. Kustomize uses such a schema instead of its built-in
   * one, so kinds it does not describe lose their merge keys too.
   * @default the built-in Kubernetes merge keys
   */
  openapi?: OpenApiMergeKeys;
  /**
   * The file this level's transforms count as configured in, relative to the project root
   * (`overlays/prod/kustomization.yaml`): what the transformer annotations of
   * `buildMetadata.transformerAnnotations` write, relative to the rendered environment's own
   * `configuredIn` folder. Import sets it to the kustomization file a level came from.
   * @default the level's name, as it is
   */
  configuredIn?: string;
}

/**
 * The strategic-merge facts of a schema given with Kustomize's `openapi`: for each kind it
 * describes, the lists merged by a key (`x-kubernetes-patch-merge-key`), by path.
 */
export interface OpenApiMergeKeys {
  /** Kinds the schema describes, as `group/version/Kind` (`v1/ConfigMap` for the core group). */
  kinds: readonly string[];
  /** Merged lists: kind as above, the slash-separated path of the list, its merge key. */
  lists: readonly { kind: string; path: string; mergeKey: string }[];
}

/**
 * Everything one level of overlay declares: the fields above, patches and transforms. An
 * environment, a group and a component with an overlay of its own each are one level.
 */
export interface LevelOverlay extends OverlayOptions {
  /**
   * Patches, applied in order after the generators.
   * @default []
   */
  patches?: readonly Patch[];
  /**
   * Functions over the level's object list, run after the patches and before the built-in
   * transforms (namespace, labels, ...), so objects they add get those too. kasane's version of
   * Kustomize Components: reusable, opt-in, plain functions.
   * @default []
   */
  transforms?: readonly Transform[];
}
