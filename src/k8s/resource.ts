/**
 * A rendered object together with what kasane knows about it: which component built it,
 * where in the user's source it was written, and the names it had before transforms.
 * Every stage after `build` works on `Resource[]`.
 */
import type { FieldPath, SourceLocation } from '../errors.ts';
import type { ChartProvenance } from './chart-provenance.ts';
import type { KObject } from './object.ts';
import type { Origin } from './origin.ts';

/** One step that changed an object: a patch, a transform or a generator merge. */
export interface ProvenanceStep {
  /** What did it, e.g. `patch`, `namespace`, `namePrefix`, `images`, `generator`. */
  step: string;
  /** The environment whose overlay did it (for a group's step: the environment that lists the group). */
  env: string;
  /** The group (or component with an overlay of its own) that did it, as `outer/inner`. @default the environment */
  scope?: string;
  source?: SourceLocation;
  /**
   * The outermost fields it set, added or removed, elements of lists merged by key named by
   * their key (`spec.template.spec.containers[name=istio-proxy]`). Recorded for patches and an
   * environment's transform functions, so a finding on such a field names them.
   */
  paths?: FieldPath[];
}

/** An identity an object had before a step changed it. */
export interface PreviousId {
  kind: string;
  name: string;
  namespace?: string;
}

/** `component` of an object that an environment made rather than a component. */
export const FROM_ENVIRONMENT = '';

/** A Kubernetes object in flight through the overlay, validate and emit stages. */
export interface Resource {
  object: KObject;
  /**
   * Component that built it; {@link FROM_ENVIRONMENT} for an object the environment made (a
   * generator's, or one a transform function added), which is written under `_environment/`.
   */
  component: string;
  /** Where the object was written (the component, or the generator); see also `origin`. */
  source?: SourceLocation;
  /** The call stack of the builder call that made the object, resolved to a line on demand. */
  origin?: Origin;
  /** For an object of a chart component: the chart and the template that printed it. */
  chart?: ChartProvenance;
  /**
   * Names the object had before prefix, suffix or hash transforms, oldest first. Reference
   * rewriting maps any of these (for the same kind) to the current name.
   */
  previousNames?: string[];
  /**
   * Every kind, name and namespace the object had before a step changed one of them, oldest
   * first: Kustomize selects objects by any of them (replacements, vars, patch targets), and the
   * last pass over name references (overlay/transforms/back-reference.ts) finds a renamed object
   * by any of them.
   */
  previousIds?: PreviousId[];
  /** Vars (Kustomize `vars`) that read a field of this object, bound where they were declared. */
  varNames?: string[];
  /** The name prefixes and suffixes put on the object, innermost first. @default none */
  affixes?: { prefixes: string[]; suffixes: string[] };
  /**
   * The innermost scope it sits in (a group, or a component with an overlay of its own), as the
   * path of `planRender`'s scopes; unset for an object of the environment itself.
   */
  scope?: string;
  /** Set for generated ConfigMaps and Secrets. */
  generated?: {
    /** Append Kustomize's content-hash suffix to the name when the overlay is done. */
    hashSuffix: boolean;
  };
  /** Patches and transforms that changed it, in order. */
  history?: ProvenanceStep[];
  /**
   * Every Kustomize builtin transformer that ran over it, changed or not, in order: recorded
   * only when the rendered environment asks for `buildMetadata.transformerAnnotations`.
   */
  transformations?: readonly TransformerRun[];
}

/** One builtin transformer that ran over an object, as Kustomize's transformer annotation names it. */
export interface TransformerRun {
  /** The file (or, for a level that names none, the level) it was configured in. */
  configuredIn: string;
  /** Kustomize's builtin kind, e.g. `PrefixTransformer`. */
  kind: string;
  /** The `metadata.name` of a `transformers:` entry's configuration. @default none */
  name?: string;
}

/** One step of a render as the trace reports it: a pipeline stage, or a step of the overlay. */
export interface TraceStep {
  /** The environment whose overlay ran the step; the rendered environment for a stage. */
  env: string;
  /** The group (or component with an overlay of its own) whose overlay ran the step. @default the environment */
  scope?: string;
  /**
   * A stage (`build`, `secrets`, `overlay`, `seal`, `validate`, `emit`) or a step of the
   * overlay (`generators`, `patch (strategic-merge)`, `patch (json6902)`, `patch (function)`,
   * `transform`, `namespace`, `namePrefix/nameSuffix`, `labels`, `annotations`, `replicas`,
   * `images`, `hashSuffix`).
   */
  step: string;
  /** The declaration that made the step: the patch, or the environment. */
  source?: SourceLocation;
}

/** Called with the objects after each step of a render (what `kasane explain` reads). */
export type Trace = (step: TraceStep, resources: readonly Resource[]) => void;
