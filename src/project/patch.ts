/**
 * Patches as an environment lists them: a target, what to do to the objects it picks (a
 * function, a strategic merge body or JSON 6902 operations), and where it was declared.
 * Made by `patch`, `strategicMerge` and `jsonPatch` (define/patch.ts); applied by the overlay.
 */
import type { SourceLocation } from '../errors.ts';

/**
 * Which objects a patch applies to. Every given field must match. As in Kustomize, a string of
 * `kind`, `name`, `namespace`, `group` or `version` that holds pattern characters is an anchored
 * regular expression over the whole field (`kind: '(Role|ClusterRole)'`, `namespace: 'team-.*'`).
 */
export interface PatchTarget<K extends string = string> {
  kind?: K;
  /** Exact name, or a pattern (a string pattern is anchored, as in Kustomize). */
  name?: string | RegExp;
  namespace?: string;
  group?: string;
  version?: string;
  /** Label selector, e.g. `app=api,tier in (web,edge)`. */
  labelSelector?: string;
  /** Annotation selector, same syntax. */
  annotationSelector?: string;
}

/** Options of every patch. */
export interface PatchOptions {
  /**
   * A patch whose target matches nothing is an error unless this is set.
   * @default false
   */
  optional?: boolean;
  /**
   * The target must match exactly one object (with `optional`, at most one): several matches
   * are an error (`overlay/patch-target-ambiguous`) instead of a patch of each. Kustomize asks
   * this of a strategic merge patch that names its object in its own metadata. A unique target
   * matches the kind, name and namespace of one identity the object has or had, together.
   * @default false
   */
  unique?: boolean;
  /**
   * A strategic merge patch that names another object may rename its target (the patch's
   * `metadata.name`); references follow. Without it the patch's name is ignored.
   * @default false
   */
  allowNameChange?: boolean;
  /**
   * A strategic merge patch may change its target's kind (the patch's `kind`). Without it the
   * patch's kind is ignored.
   * @default false
   */
  allowKindChange?: boolean;
  /**
   * Apply after the level's namespace, name prefix and suffix, labels and annotations, and
   * before its replicas and images: where Kustomize applies `patchesJson6902` entries, which
   * see the prefixed names.
   * @default false
   */
  afterAnnotations?: boolean;
}

/** One JSON Patch (RFC 6902) operation. */
export type JsonPatchOp =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'replace'; path: string; value: unknown }
  | { op: 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move'; from: string; path: string }
  | { op: 'copy'; from: string; path: string };

/** What every patch carries besides its body. */
export interface PatchBase {
  readonly target: PatchTarget;
  readonly optional: boolean;
  readonly unique?: boolean;
  readonly allowNameChange?: boolean;
  readonly allowKindChange?: boolean;
  readonly afterAnnotations?: boolean;
  readonly source?: SourceLocation;
}

/** A patch written as a function over the object. */
export interface FunctionPatch extends PatchBase {
  readonly type: 'function';
  readonly fn: (obj: any) => unknown;
}

/** A strategic merge patch. */
export interface StrategicMergePatch extends PatchBase {
  readonly type: 'strategic-merge';
  readonly body: Record<string, unknown>;
}

/** A JSON 6902 patch. */
export interface JsonPatch extends PatchBase {
  readonly type: 'json6902';
  readonly ops: readonly JsonPatchOp[];
}

/** Any patch an environment can list. */
export type Patch = FunctionPatch | StrategicMergePatch | JsonPatch;
