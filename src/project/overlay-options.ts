/**
 * The Kustomize-style overlay fields an environment can set. Each maps onto one Kustomize field
 * of the same name and behaves the same way, so moving a Kustomize overlay over is mechanical.
 */
import type { SourceLocation } from '../errors.ts';

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

/** Kustomize's `images:` entry: matched by image name, without tag or digest. */
export interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** Kustomize's `replicas:` entry: by workload name. */
export interface ReplicaOverride {
  name: string;
  count: number;
}

/** A ConfigMap or Secret generator (Kustomize's `configMapGenerator`/`secretGenerator` entry). */
export interface GeneratorSpec {
  readonly kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace?: string;
  /** `KEY=value` pairs, or a record. */
  literals?: readonly string[] | Readonly<Record<string, string>>;
  /** Files: `path` (key = file name) or `key=path`, relative to the environment file. */
  files?: readonly string[];
  /** Env files (`KEY=value` lines), relative to the environment file. */
  envs?: readonly string[];
  /** @default 'create' */
  behavior?: 'create' | 'merge' | 'replace';
  /** Secret type. @default 'Opaque' */
  type?: string;
  options?: {
    /** @default false */
    disableNameSuffixHash?: boolean;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    immutable?: boolean;
  };
  readonly source?: SourceLocation;
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
