/**
 * The Kustomize-style overlay fields an environment can set. Each maps onto one Kustomize field
 * of the same name and behaves the same way, so moving a Kustomize overlay over is mechanical.
 */
import type { GeneratorSpec } from './generator.ts';

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

/** The overlay fields of an environment. */
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
