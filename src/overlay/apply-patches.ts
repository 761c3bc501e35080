/**
 * Applies an environment's patches, in order, to the objects that match each patch's target.
 * A patch whose target matches nothing is an error unless it is marked optional.
 */
import { didYouMean, isKasaneError, type Finding } from '../errors.ts';
import { refOf, type KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { Resource } from '../k8s/resource.ts';
import type { Patch } from '../project/patch.ts';
import { userFrame, userStack } from '../util/stack-frames.ts';
import { changedFields } from './changed-fields.ts';
import { applyJson6902 } from './patch/json6902.ts';
import { isDeletePatch } from './patch/directives.ts';
import { applyStrategicMerge } from './patch/strategic-merge.ts';
import { compileTarget, describeTarget, type FormerIdentity } from './target.ts';

function applyOne(p: Patch, object: KObject): KObject {
  switch (p.type) {
    case 'function': {
      const copy = structuredClone(object);
      const result = p.fn(copy);
      return (result === undefined ? copy : result) as KObject;
    }
    case 'strategic-merge':
      return applyStrategicMerge(object, p.body, { object: refOf(object) });
    case 'json6902':
      return applyJson6902(object, p.ops, { object: refOf(object) });
  }
}

function checkStillAnObject(before: KObject, after: unknown): string | undefined {
  if (!isPlainObject(after)) return 'the patch returned something that is not an object';
  if (after.kind !== before.kind || after.apiVersion !== before.apiVersion) return `the patch changed kind or apiVersion (to ${String(after.apiVersion)} ${String(after.kind)})`;
  if (!isPlainObject(after.metadata) || typeof after.metadata.name !== 'string' || after.metadata.name === '') return 'the patch removed metadata.name';
  return undefined;
}

/** `res` after patch `p`, or `res` itself with findings when the patch fails. */
function patchResource(p: Patch, res: Resource, env: string, findings: Finding[]): Resource {
  const where = { env, object: refOf(res.object), component: res.component, ...(p.source ? { source: p.source } : {}) };
  try {
    const next = applyOne(p, res.object);
    const problem = checkStillAnObject(res.object, next);
    if (problem) {
      findings.push({ severity: 'error', code: 'overlay/patch-broke-object', message: problem, hint: 'a patch may change fields, not the identity of the object', ...where });
      return res;
    }
    const step = { step: `patch (${p.type})`, env, ...(p.source ? { source: p.source } : {}), paths: changedFields(res.object, next as KObject) };
    return { ...res, object: next as KObject, history: [...(res.history ?? []), step] };
  } catch (error) {
    if (isKasaneError(error)) {
      for (const f of error.findings) findings.push({ ...f, ...where, ...(f.source ? { source: f.source } : {}) });
    } else {
      const at = userFrame(error) ?? p.source;
      findings.push({
        severity: 'error',
        code: 'overlay/patch-threw',
        message: `patch threw: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'fix the patch function at the location below',
        cause: userStack(error),
        ...where,
        ...(at ? { source: at } : {}),
      });
    }
    return res;
  }
}

/** A target name that can only match itself (no pattern characters), or undefined. */
function literalName(target: Patch['target']): string | undefined {
  const { name } = target;
  return typeof name === 'string' && !/[\\^$.*+?()[\]{}|]/.test(name) ? name : undefined;
}

/** The names and namespaces a resource had before transforms changed them. */
function formerOf(res: Resource): FormerIdentity | undefined {
  if (!res.previousNames?.length && !res.previousIds?.length) return undefined;
  return { names: [...(res.previousNames ?? []), ...(res.previousIds ?? []).map((id) => id.name)], namespaces: (res.previousIds ?? []).map((id) => id.namespace) };
}

/** Positions of `resources` by every name each has had, ascending. */
function indexByName(resources: readonly Resource[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  resources.forEach((res, i) => {
    for (const name of new Set([res.object.metadata.name, ...(formerOf(res)?.names ?? [])])) {
      const list = index.get(name);
      if (list) list.push(i);
      else index.set(name, [i]);
    }
  });
  return index;
}

/**
 * Applies `patches` to `resources` for environment `env`. A target's name and namespace match
 * an object by what it has now or had before a transform (a prefix of a group below, the
 * namespace of a base), as `kubectl kustomize` matches them. Returns the new resources (inputs are
 * not changed) and findings; any error finding means the result must not be written.
 */
export function applyPatches(
  resources: readonly Resource[],
  patches: readonly Patch[],
  env: string,
  onPatch?: (patch: Patch, resources: readonly Resource[]) => void,
): { resources: Resource[]; findings: Finding[] } {
  let current = [...resources];
  const findings: Finding[] = [];
  // A patch naming one object looks only at the objects of that name instead of testing every
  // object; the index is rebuilt after a patch renames something.
  let byName: Map<string, number[]> | undefined;
  const all = (): number[] => current.map((_, i) => i);
  for (const p of patches) {
    const matches = compileTarget(p.target);
    const name = literalName(p.target);
    if (name !== undefined && !byName) byName = indexByName(current);
    const positions = name !== undefined ? (byName!.get(name) ?? []) : all();
    let hits = 0;
    let renamed = false;
    // A top-level `$patch: delete` removes the matching objects, as the API server and Kustomize do.
    const deletes = p.type === 'strategic-merge' && isDeletePatch(p.body);
    const deleted = new Set<number>();
    for (const i of positions) {
      const res = current[i]!;
      if (!matches(res.object, formerOf(res))) continue;
      hits++;
      if (deletes) {
        deleted.add(i);
        continue;
      }
      const next = patchResource(p, res, env, findings);
      if (next.object.metadata.name !== res.object.metadata.name) renamed = true;
      current[i] = next;
    }
    if (deleted.size) current = current.filter((_, i) => !deleted.has(i));
    if (renamed || deleted.size) byName = undefined;
    onPatch?.(p, [...current]);
    if (hits === 0 && !p.optional) {
      const sameKind = current.filter((r) => p.target.kind === undefined || r.object.kind === p.target.kind).map((r) => r.object.metadata.name);
      const near = typeof p.target.name === 'string' ? didYouMean(p.target.name, sameKind) : '';
      findings.push({
        severity: 'error',
        code: 'overlay/patch-target-not-found',
        message: `patch target ${describeTarget(p.target)} matches no object${near}`,
        hint: 'fix the target (kind, name, selectors), or pass { optional: true } if the object may be absent',
        env,
        ...(p.source ? { source: p.source } : {}),
      });
    }
  }
  return { resources: current, findings };
}
