/**
 * The patch declarations an environment lists: `patch` (a function), `strategicMerge` and
 * `jsonPatch`, each with its target and the line that declared it.
 */
import type { SourceLocation } from '../errors.ts';
import type { ObjectOfKind } from '../k8s/kinds.ts';
import type { StrategicMergeBody } from '../project/patch-body.ts';
import type { FunctionPatch, JsonPatch, JsonPatchOp, PatchBase, PatchOptions, PatchTarget, StrategicMergePatch } from '../project/patch.ts';
import { callSite } from './call-site.ts';

function base(target: PatchTarget, options: PatchOptions | undefined, source: SourceLocation | undefined): PatchBase {
  const flags = (['unique', 'allowNameChange', 'allowKindChange', 'afterAnnotations'] as const).filter((k) => options?.[k]);
  return { target, optional: options?.optional ?? false, ...Object.fromEntries(flags.map((k) => [k, true])), ...(source ? { source } : {}) };
}

/**
 * A function patch: `fn` gets a copy of each matching object and returns the new object (or
 * changes the copy and returns nothing).
 * @example
 * patch('Deployment', 'api', (d) => { d.spec!.replicas = 3; })
 */
export function patch<K extends string>(kind: K, name: string | RegExp, fn: (obj: ObjectOfKind<K>) => ObjectOfKind<K> | void, options?: PatchOptions): FunctionPatch {
  return { type: 'function', fn, ...base({ kind, name }, options, callSite()) };
}

/**
 * A strategic merge patch, with Kubernetes' merge keys and directives.
 * @example
 * strategicMerge({ kind: 'Deployment', name: 'api' }, {
 *   spec: { template: { spec: { containers: [{ name: 'api', resources: { limits: { memory: '1Gi' } } }] } } },
 * })
 */
export function strategicMerge<K extends string>(target: PatchTarget<K> & { kind: K }, body: StrategicMergeBody<ObjectOfKind<K>>, options?: PatchOptions): StrategicMergePatch {
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
