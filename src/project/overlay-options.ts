/**
 * The Kustomize-style overlay fields an environment, a group or a component can set. Each maps
 * onto one Kustomize field of the same name and behaves the same way, so moving a Kustomize
 * overlay over is mechanical.
 */
import type { SourceLocation } from '../errors.ts';
import type { AnyObject } from '../k8s/kinds.ts';
import type { GeneratorSpec } from './generator.ts';
import type { Patch } from './patch.ts';

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
}

/** What a transform learns about the render. */
export interface TransformContext {
  env: string;
  namespace?: string;
}

/**
 * A function over the objects of a level: returns the new list (it may add, drop or replace
 * objects; it gets copies and must not keep them).
 */
export type Transform = (objects: readonly AnyObject[], ctx: TransformContext) => readonly AnyObject[];

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

/**
 * One level as the overlay stage applies it: its fields, its name and where it was declared.
 * The name is the environment's, the group's or the component's.
 */
export interface OverlayLevel extends LevelOverlay {
  readonly name: string;
  readonly source?: SourceLocation;
}
