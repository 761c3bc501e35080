/**
 * Generator `behavior` across levels: an environment's generator creates a new object, or
 * merges into or replaces the one an earlier level generated, matched by kind and name (its
 * first name, before prefixes), as `kubectl kustomize` v5.5.0 does.
 */
import { KasaneError, errorFinding, type Finding } from '../../errors.ts';
import { objectKey, refOf, type KObject } from '../../k8s/object.ts';
import { isPlainObject } from '../../util/plain-object.ts';
import type { Resource } from '../../k8s/resource.ts';
import type { GeneratorAnchor, GeneratorBehavior, GeneratorPosition } from '../../project/generator.ts';
import { stepOf } from '../transforms/history.ts';
import type { GeneratorContext } from './generator-input.ts';

/** A generated resource and how it meets an earlier one of the same name. */
export interface GeneratedEntry {
  resource: Resource;
  /** @default 'create' */
  behavior?: GeneratorBehavior;
  /** Where a created object goes. @default after every object */
  position?: GeneratorPosition;
  /** The generator stands for a Secret manifest of the level (`asResource`). @default false */
  asResource?: boolean;
}

function originalName(r: Resource): string {
  return r.previousNames?.[0] ?? r.object.metadata.name;
}

function matches(existing: Resource, generated: KObject): boolean {
  const o = existing.object;
  if (o.kind !== generated.kind || o.apiVersion !== generated.apiVersion) return false;
  if (generated.metadata.namespace && (o.metadata.namespace || 'default') !== generated.metadata.namespace) return false;
  return o.metadata.name === generated.metadata.name || (existing.previousNames ?? []).includes(generated.metadata.name);
}

function stringMap(value: unknown): Record<string, string> {
  return isPlainObject(value) ? (value as Record<string, string>) : {};
}

/** The merged or replacing object: the new one's content and options, the old one's identity. */
function combine(old: Resource, next: Resource, behavior: 'merge' | 'replace', ctx: GeneratorContext): Resource {
  const object = structuredClone(next.object);
  object.metadata.name = old.object.metadata.name;
  if (old.object.metadata.namespace) object.metadata.namespace = old.object.metadata.namespace;
  else delete object.metadata.namespace;
  for (const field of ['labels', 'annotations'] as const) {
    const merged = { ...stringMap(old.object.metadata[field]), ...stringMap(next.object.metadata[field]) };
    if (Object.keys(merged).length) object.metadata[field] = merged;
  }
  if (behavior === 'merge') {
    for (const field of ['data', 'binaryData'] as const) {
      const merged = { ...stringMap(old.object[field]), ...stringMap(next.object[field]) };
      if (Object.keys(merged).length || (field === 'data' && object.kind === 'Secret')) object[field] = merged;
    }
  }
  // Kustomize keeps the hash suffix only when both generators want it.
  const hashSuffix = (old.generated?.hashSuffix ?? false) && (next.generated?.hashSuffix ?? false);
  const step = stepOf(`generator-${behavior}`, ctx);
  return { ...old, object, generated: { hashSuffix }, history: [...(old.history ?? []), step] };
}

function generatorError(code: string, message: string, hint: string, obj: KObject, ctx: GeneratorContext): KasaneError {
  const finding: Finding = errorFinding(code, message, { hint, env: ctx.env, object: refOf(obj), ...(ctx.source ? { source: ctx.source } : {}) });
  return new KasaneError(finding);
}

function isAnchor(r: Resource, anchor: GeneratorAnchor): boolean {
  const m = r.object.metadata;
  return r.object.kind === anchor.kind && m.name === anchor.name && (m.namespace || undefined) === (anchor.namespace || undefined);
}

/** Where a created object goes in `list`: next to its anchor, else at the end. */
function insertionIndex(list: readonly Resource[], generated: Resource, position: GeneratorPosition | undefined, ctx: GeneratorContext): number {
  if (!position) return list.length;
  const anchor = 'before' in position ? position.before : position.after;
  const at = list.findIndex((r) => isAnchor(r, anchor));
  if (at < 0) {
    const where = 'before' in position ? 'before' : 'after';
    throw generatorError(
      'overlay/generator-anchor-not-found',
      `expected ${anchor.kind} '${anchor.namespace ? `${anchor.namespace}/` : ''}${anchor.name}' to place ${generated.object.kind} '${generated.object.metadata.name}' ${where}, found no such object`,
      'name an object the earlier steps gathered (its kind, name and namespace at this level), or remove position',
      generated.object,
      ctx,
    );
  }
  return 'before' in position ? at : at + 1;
}

/**
 * Puts `generated` into `list` (in place) according to `behavior`, given the position of the
 * resource it meets (`-1` for none).
 */
function place(list: Resource[], index: number, generated: Resource, behavior: GeneratorBehavior, ctx: GeneratorContext, position?: GeneratorPosition): void {
  const kind = generated.object.kind;
  const name = generated.object.metadata.name;
  if (behavior === 'create') {
    if (index >= 0) {
      throw generatorError(
        'overlay/generator-conflict',
        `expected no ${kind} named '${name}' before this generator, found '${list[index]!.object.metadata.name}' from '${list[index]!.component}'`,
        `set behavior: 'merge' or 'replace' to change the existing ${kind}, or pick another name`,
        generated.object,
        ctx,
      );
    }
    list.splice(insertionIndex(list, generated, position, ctx), 0, generated);
    return;
  }
  if (index < 0) {
    const names = list.filter((r) => r.object.kind === kind).map(originalName);
    throw generatorError(
      'overlay/generator-target-not-found',
      `expected a ${kind} named '${name}' from an earlier level to ${behavior}, found none`,
      names.length ? `use one of ${names.map((n) => `'${n}'`).join(', ')}, or set behavior: 'create'` : `set behavior: 'create'`,
      generated.object,
      ctx,
    );
  }
  list[index] = combine(list[index]!, generated, behavior, ctx);
}

/**
 * Adds one generated resource to `existing` according to `behavior`.
 *
 * @throws {KasaneError} `overlay/generator-conflict` for `create` when the name exists;
 * `overlay/generator-target-not-found` for `merge` or `replace` when it does not.
 */
export function mergeGenerated(existing: readonly Resource[], generated: Resource, behavior: GeneratorBehavior, ctx: GeneratorContext): Resource[] {
  const list = [...existing];
  place(
    list,
    list.findIndex((r) => matches(r, generated.object)),
    generated,
    behavior,
    ctx,
  );
  return list;
}

/** Positions of resources by `kind|name`, for every name they answer to, in ascending order. */
type NameIndex = Map<string, number[]>;

function addToIndex(index: NameIndex, resource: Resource, position: number): void {
  for (const name of [resource.object.metadata.name, ...(resource.previousNames ?? [])]) {
    const key = `${resource.object.kind}|${name}`;
    const list = index.get(key);
    if (!list) index.set(key, [position]);
    else if (list[list.length - 1] !== position) list.push(position);
  }
}

/**
 * Adds all generators of one level to `existing`, in order. A generator that stands for a Secret
 * manifest of the level (`asResource`) may be followed by one that merges into or replaces it,
 * as a Kustomize generator of the same kustomization changes a Secret of its `resources:`.
 *
 * @throws {KasaneError} `overlay/duplicate-generator` when two other generators of the level make
 * the same kind and name; otherwise as {@link mergeGenerated}.
 */
export function applyGenerators(existing: readonly Resource[], entries: readonly GeneratedEntry[], ctx: GeneratorContext): Resource[] {
  const seen = new Map<string, GeneratedEntry>();
  for (const entry of entries) {
    const { resource } = entry;
    const key = objectKey(resource.object);
    const earlier = seen.get(key);
    if (earlier && !(earlier.asResource && (entry.behavior ?? 'create') !== 'create')) {
      throw generatorError(
        'overlay/duplicate-generator',
        `expected one generator for ${resource.object.kind} '${resource.object.metadata.name}' in '${ctx.env}', found two`,
        'merge the two generators into one, or rename one of them',
        resource.object,
        resource.source ? { ...ctx, source: resource.source } : ctx,
      );
    }
    seen.set(key, entry);
  }
  // One pass with an index instead of a scan of every resource per generator: the same first
  // match as `mergeGenerated`, because candidates are kept in ascending position.
  const list = [...existing];
  const index: NameIndex = new Map();
  list.forEach((r, i) => addToIndex(index, r, i));
  for (const { resource, behavior, position } of entries) {
    const generated = resource.object;
    const at = (index.get(`${generated.kind}|${generated.metadata.name}`) ?? []).find((i) => matches(list[i]!, generated)) ?? -1;
    const before = list.length;
    place(list, at, resource, behavior ?? 'create', ctx, position);
    if (list.length === before) continue;
    // An object placed among the others moves those after it: index them again.
    if (list[before] === resource) addToIndex(index, resource, before);
    else {
      index.clear();
      list.forEach((r, i) => addToIndex(index, r, i));
    }
  }
  return list;
}
