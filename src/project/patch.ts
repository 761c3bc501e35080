/**
 * Patch declarations an environment lists: functions, strategic merge patches and JSON 6902
 * patches, each with a target and the call site that declared it.
 */
import type { SourceLocation } from '../errors.ts';
import type { ObjectOfKind } from '../k8s/kinds.ts';
import { callSite } from '../util/stack-frames.ts';
import type { StrategicMergePatch as PatchBodyOf } from './patch-body.ts';
import type { JsonPatchOp } from '../overlay/patch/json6902.ts';

export type { JsonPatchOp };

/** Which objects a patch applies to. Every given field must match. */
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
}

/** A strategic merge patch body for kind `T`: a deep partial plus merge directives; list elements merged by key must carry their key. */
export type StrategicMergeBody<T> = PatchBodyOf<T>;

interface PatchBase {
  readonly target: PatchTarget;
  readonly optional: boolean;
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

function base(target: PatchTarget, options: PatchOptions | undefined, source: SourceLocation | undefined): PatchBase {
  return { target, optional: options?.optional ?? false, ...(source ? { source } : {}) };
}

/**
 * A function patch: `fn` gets a copy of each matching object and returns the new object (or
 * changes the copy and returns nothing).
 * @example
 * patch('Deployment', 'api', (d) => { d.spec!.replicas = 3; })
 */
export function patch<K extends string>(
  kind: K,
  name: string | RegExp,
  fn: (obj: ObjectOfKind<K>) => ObjectOfKind<K> | void,
  options?: PatchOptions,
): FunctionPatch {
  return { type: 'function', fn, ...base({ kind, name }, options, callSite()) };
}

/**
 * A strategic merge patch, with Kubernetes' merge keys and directives.
 * @example
 * strategicMerge({ kind: 'Deployment', name: 'api' }, {
 *   spec: { template: { spec: { containers: [{ name: 'api', resources: { limits: { memory: '1Gi' } } }] } } },
 * })
 */
export function strategicMerge<K extends string>(
  target: PatchTarget<K> & { kind: K },
  body: StrategicMergeBody<ObjectOfKind<K>>,
  options?: PatchOptions,
): StrategicMergePatch {
  return { type: 'strategic-merge', body: body as Record<string, unknown>, ...base(target, options, callSite()) };
}

/**
 * A JSON 6902 patch (add, remove, replace, move, copy, test).
 * @example
 * jsonPatch({ kind: 'Deployment', name: 'api' }, [{ op: 'replace', path: '/spec/replicas', value: 3 }])
 */
export function jsonPatch(target: PatchTarget, ops: readonly JsonPatchOp[], options?: PatchOptions): JsonPatch {
  return { type: 'json6902', ops, ...base(target, options, callSite()) };
}
