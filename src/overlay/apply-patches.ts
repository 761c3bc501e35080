/**
 * Applies an environment's patches, in order, to the objects that match each patch's target.
 * A patch whose target matches nothing is an error unless it is marked optional; a patch marked
 * unique whose target matches several objects is an error.
 */
import { didYouMean, formatObjectRef, isKasaneError, type Finding } from '../errors.ts';
import { listFirst } from '../util/list-text.ts';
import { refOf, type KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { PreviousId, Resource } from '../k8s/resource.ts';
import type { NameReference } from '../k8s/name-references.ts';
import type { OpenApiMergeKeys } from '../project/overlay-options.ts';
import type { Patch } from '../project/patch.ts';
import { userFrame, userStack } from '../util/stack-frames.ts';
import { changedFields } from './changed-fields.ts';
import { applyJson6902 } from './patch/json6902.ts';
import { isDeletePatch } from './patch/directives.ts';
import { applyOpenApiMerge, describedBy } from './patch/openapi-merge.ts';
import { applyStrategicMerge } from './patch/strategic-merge.ts';
import { idsOf } from './object-ids.ts';
import { compileTarget, describeTarget, isPattern } from './target.ts';
import { identityChange } from './transforms/history.ts';
import { renameOf, rewriteReferences, type Rename } from './transforms/name-reference.ts';

/** Options of {@link applyPatches}. */
export interface ApplyPatchesOptions {
  /** Name references besides Kustomize's table, for objects a patch renames. @default none */
  references?: readonly NameReference[];
  /** Merge keys from a level's `openapi`, in place of the built-in ones. @default built-in */
  openapi?: OpenApiMergeKeys;
}

function applyOne(p: Patch, object: KObject, options: ApplyPatchesOptions): KObject {
  switch (p.type) {
    case 'function': {
      const copy = structuredClone(object);
      const result = p.fn(copy);
      return (result === undefined ? copy : result) as KObject;
    }
    case 'strategic-merge':
      if (options.openapi) return applyOpenApiMerge(object, p.body, describedBy(options.openapi, object));
      return applyStrategicMerge(object, p.body, { object: refOf(object) });
    case 'json6902':
      return applyJson6902(object, p.ops, { object: refOf(object) });
  }
}

/**
 * Why `after` may not replace `before`, or undefined. A JSON patch may change kind, apiVersion
 * and name, as Kustomize lets it; a strategic merge patch only with `allowKindChange` /
 * `allowNameChange`; a function patch may rename but not re-kind.
 */
function checkStillAnObject(p: Patch, before: KObject, after: unknown): string | undefined {
  if (!isPlainObject(after)) return 'the patch returned something that is not an object';
  if (!isPlainObject(after.metadata) || typeof after.metadata.name !== 'string' || after.metadata.name === '') return 'the patch removed metadata.name';
  if (typeof after.kind !== 'string' || after.kind === '' || typeof after.apiVersion !== 'string' || after.apiVersion === '') return 'the patch removed kind or apiVersion';
  const kindChanged = after.kind !== before.kind || after.apiVersion !== before.apiVersion;
  if (kindChanged && p.type !== 'json6902' && !(p.type === 'strategic-merge' && p.allowKindChange)) {
    return `the patch changed kind or apiVersion (to ${String(after.apiVersion)} ${String(after.kind)}) without allowKindChange`;
  }
  if (after.metadata.name !== before.metadata.name && p.type === 'strategic-merge' && !p.allowNameChange) {
    return `the patch changed metadata.name (to '${after.metadata.name}') without allowNameChange`;
  }
  return undefined;
}

/** `res` after patch `p`, or `res` itself with findings when the patch fails. */
function patchResource(p: Patch, res: Resource, env: string, findings: Finding[], options: ApplyPatchesOptions): Resource {
  const where = { env, object: refOf(res.object), component: res.component, ...(p.source ? { source: p.source } : {}) };
  try {
    const next = applyOne(p, res.object, options);
    const problem = checkStillAnObject(p, res.object, next);
    if (problem) {
      const hint =
        p.type === 'strategic-merge'
          ? 'pass { allowNameChange: true } or { allowKindChange: true } to the patch, or leave the identity fields out of its body'
          : 'a patch may change fields, not the kind of the object';
      findings.push({ severity: 'error', code: 'overlay/patch-broke-object', message: problem, hint, ...where });
      return res;
    }
    const object = next as KObject;
    const step = { step: `patch (${p.type})`, env, ...(p.source ? { source: p.source } : {}), paths: changedFields(res.object, object) };
    const renamed = object.metadata.name !== res.object.metadata.name ? { previousNames: [...(res.previousNames ?? []), res.object.metadata.name] } : {};
    return { ...res, ...renamed, ...identityChange(res, object), object, history: [...(res.history ?? []), step] };
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
  return typeof name === 'string' && !isPattern(name) ? name : undefined;
}

const NO_FORMER_IDS: readonly PreviousId[] = [];

/** The kinds, names and namespaces a resource had before steps changed them, oldest first. */
function formerOf(res: Resource): readonly PreviousId[] {
  return res.previousNames?.length || res.previousIds?.length ? idsOf(res).slice(1) : NO_FORMER_IDS;
}

/** Positions of `resources` by every name each has had, ascending. */
function indexByName(resources: readonly Resource[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  resources.forEach((res, i) => {
    for (const name of new Set([res.object.metadata.name, ...formerOf(res).map((id) => id.name)])) {
      const list = index.get(name);
      if (list) list.push(i);
      else index.set(name, [i]);
    }
  });
  return index;
}

/**
 * The finding of a patch whose target matches no object: it names the objects that had the
 * target's name and namespace only at different times (a unique target), or the objects of that
 * kind and name that another field (a namespace) refused, or else the nearest name of that kind.
 */
function notFound(p: Patch, current: readonly Resource[], env: string): Finding {
  const selects = compileTarget(p.target);
  const apart = p.unique ? current.filter((r) => selects(r.object, formerOf(r))).map((r) => formatObjectRef(refOf(r.object))) : [];
  const ofKind = compileTarget({ ...(p.target.kind !== undefined ? { kind: p.target.kind } : {}) });
  const sameKind = current.filter((r) => ofKind(r.object));
  const named = sameKind.filter((r) => r.object.metadata.name === p.target.name).map((r) => formatObjectRef(refOf(r.object)));
  const names = sameKind.map((r) => r.object.metadata.name);
  const near = apart.length
    ? ` (${listFirst(apart)} had that name and that namespace, but not at the same time)`
    : named.length
      ? ` (${listFirst(named)} ${named.length === 1 ? 'has' : 'have'} that name)`
      : typeof p.target.name === 'string'
        ? didYouMean(p.target.name, names)
        : '';
  return {
    severity: 'error',
    code: 'overlay/patch-target-not-found',
    message: `patch target ${describeTarget(p.target)} matches no object${near}`,
    hint: apart.length
      ? 'a unique target names one identity an object has or had: give its current name and namespace, or a former name with the namespace it had then'
      : 'fix the target (kind, name, namespace, selectors), or pass { optional: true } if the object may be absent',
    env,
    ...(p.source ? { source: p.source } : {}),
  };
}

/** The finding of a `unique` patch whose target matches several objects (none is patched). */
function ambiguous(p: Patch, matched: readonly Resource[], env: string): Finding {
  const objects = listFirst(matched.map((r) => formatObjectRef(refOf(r.object))));
  return {
    severity: 'error',
    code: 'overlay/patch-target-ambiguous',
    message: `expected patch target ${describeTarget(p.target)} to match ${p.optional ? 'at most one object' : 'one object'}, found ${matched.length}: ${objects}`,
    hint: 'name the namespace (or another field) in the target so that it picks one object, or drop { unique: true } to patch every match',
    env,
    ...(p.source ? { source: p.source } : {}),
  };
}

/**
 * Applies `patches` to `resources` for environment `env`. A target's name and namespace match
 * an object by what it has now or had before a transform (a prefix of a group below, the
 * namespace of a base), as `kubectl kustomize` matches them: a unique target one whole identity,
 * another its original or current name and namespace (see `compileTarget`). Returns the new
 * resources (inputs are not changed) and findings; any error finding means the result must not
 * be written.
 */
export function applyPatches(
  resources: readonly Resource[],
  patches: readonly Patch[],
  env: string,
  onPatch?: (patch: Patch, resources: readonly Resource[]) => void,
  options: ApplyPatchesOptions = {},
): { resources: Resource[]; findings: Finding[] } {
  let current = [...resources];
  const findings: Finding[] = [];
  // A patch naming one object looks only at the objects of that name instead of testing every
  // object; the index is rebuilt after a patch renames something.
  let byName: Map<string, number[]> | undefined;
  const all = (): number[] => current.map((_, i) => i);
  for (const p of patches) {
    // A unique target names one object, as a Kustomize patch that names its object in its own
    // metadata does: it must match one whole identity the object has or had.
    let matches: ReturnType<typeof compileTarget>;
    try {
      matches = compileTarget(p.target, { wholeIds: p.unique === true });
    } catch (error) {
      if (!isKasaneError(error)) throw error;
      findings.push(...error.findings.map((f) => ({ ...f, env, ...(p.source ? { source: p.source } : {}) })));
      continue;
    }
    const name = literalName(p.target);
    if (name !== undefined && !byName) byName = indexByName(current);
    const positions = (name !== undefined ? (byName!.get(name) ?? []) : all()).filter((i) => matches(current[i]!.object, formerOf(current[i]!)));
    if (positions.length === 0 && !p.optional) findings.push(notFound(p, current, env));
    if (p.unique && positions.length > 1)
      findings.push(
        ambiguous(
          p,
          positions.map((i) => current[i]!),
          env,
        ),
      );
    // An ambiguous unique patch changes nothing: its finding stops the render anyway.
    const chosen = p.unique && positions.length > 1 ? [] : positions;
    // A top-level `$patch: delete` removes the matching objects, as the API server and Kustomize do.
    const deleted = p.type === 'strategic-merge' && isDeletePatch(p.body) ? new Set(chosen) : undefined;
    const renames: Rename[] = [];
    for (const i of deleted ? [] : chosen) {
      const res = current[i]!;
      const next = patchResource(p, res, env, findings, options);
      if (next.object.metadata.name !== res.object.metadata.name) renames.push(renameOf(next.object, res.object.metadata.name));
      current[i] = next;
    }
    if (deleted?.size) current = current.filter((_, i) => !deleted.has(i));
    // References to an object a patch renamed follow it, as Kustomize's name references do.
    if (renames.length) current = rewriteReferences(current, renames, `patch (${p.type})`, { env, ...(options.references ? { references: options.references } : {}) });
    if (renames.length || deleted?.size) byName = undefined;
    onPatch?.(p, [...current]);
  }
  return { resources: current, findings };
}
