/**
 * JSON Patch (RFC 6902) over one object: add, remove, replace, move, copy and test, with
 * JSON Pointer paths (RFC 6901: `~1` is `/`, `~0` is `~`, `-` is the end of a list).
 */
import { errorFinding, KasaneError, type FieldPath, type ObjectRef } from '../../errors.ts';
import { refOf, type KObject } from '../../k8s/object.ts';
import { isPlainObject, setOwn } from '../../util/plain-object.ts';
import type { JsonPatchOp } from '../../project/patch.ts';
import { sameJson } from '../../util/same-json.ts';
import { cloneJson, keepMarks } from './directives.ts';

/** Options of {@link applyJson6902}. */
export interface Json6902Options {
  /** The object errors name. Default: the target's own apiVersion, kind, namespace and name. */
  object?: ObjectRef;
}

interface Step {
  ref: ObjectRef;
  index: number;
  op: JsonPatchOp;
  /** The document the op works on, so a finding's path can tell list indexes from map keys. */
  doc: unknown;
  /** The maps and lists this patch made: the only ones it may change in place. */
  owned: Set<object>;
}

/**
 * The finding path of a pointer: a token that indexes an element of a list becomes a number,
 * so the path prints `containers[1]`, not `containers["1"]`. A token that names nothing (an
 * index past the end of a list, anything below a missing field) stays as written.
 */
function findingPath(doc: unknown, tokens: readonly string[]): FieldPath {
  const path: (string | number)[] = [];
  let node = doc;
  for (const token of tokens) {
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(token) && Number(token) < node.length) {
      path.push(Number(token));
      node = node[Number(token)];
    } else {
      path.push(token);
      node = isPlainObject(node) && Object.hasOwn(node, token) ? node[token] : undefined;
    }
  }
  return path;
}

function fail(step: Step, code: string, message: string, pointer: string, hint: string): never {
  const path = findingPath(step.doc, parsePointer(pointer, step) ?? []);
  throw new KasaneError(errorFinding(code, `op ${step.index} (${step.op.op} ${JSON.stringify(pointer)}): ${message}`, { hint, object: step.ref, path }));
}

/** Splits a JSON Pointer into unescaped tokens; undefined for one that does not start with `/`. */
export function parsePointer(pointer: string, step?: Step): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    if (step) fail(step, 'overlay/json-patch-invalid-op', `expected a JSON pointer starting with '/', received ${JSON.stringify(pointer)}`, '', "write the path as '/spec/replicas'");
    return undefined;
  }
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Applies JSON Patch operations in order to a copy of `target`; the target is not changed.
 * Copy-on-write: only the maps and lists on the way to a changed value are copied, every
 * other subtree is shared with `target` (so neither may be changed in place afterwards).
 * @throws {@link KasaneError} `overlay/json-pointer-not-found` when a path or `from` does not
 * exist, `overlay/json-patch-test-failed` when a `test` op does not match,
 * `overlay/json-patch-invalid-op` for an unknown op or a malformed pointer.
 * @example applyJson6902(deployment, [{ op: 'replace', path: '/spec/replicas', value: 3 }])
 */
export function applyJson6902(target: KObject, ops: readonly JsonPatchOp[], options: Json6902Options = {}): KObject {
  const ref = options.object ?? refOf(target);
  const owned = new Set<object>();
  const lent = lendsAnnotations(target, ops);
  let doc: unknown = lent ? withAnnotations(target, owned) : target;
  ops.forEach((op, index) => {
    doc = applyOp(doc, { ref, index, op, doc, owned });
  });
  if (!isPlainObject(doc)) {
    throw new KasaneError(
      errorFinding('overlay/json-patch-invalid-op', `expected the patched object to stay a map, received ${JSON.stringify(doc)}`, { object: ref, hint: "do not replace the whole document ('')" }),
    );
  }
  return keepMarks(target, lent ? withoutEmptyAnnotations(doc as KObject) : (doc as KObject));
}

const ANNOTATIONS = '/metadata/annotations/';

/**
 * True when `ops` reach into the annotations of `target`, which has none. Kustomize keeps an
 * annotations map on every object while it patches, so `add /metadata/annotations/x` works on
 * an object without annotations there; kasane lends such an object an empty map for the patch
 * and leaves it out again when it ends empty.
 */
function lendsAnnotations(target: KObject, ops: readonly JsonPatchOp[]): boolean {
  if (target.metadata?.annotations !== undefined) return false;
  return ops.some((op) => op.path.startsWith(ANNOTATIONS) || ('from' in op && op.from.startsWith(ANNOTATIONS)));
}

function withAnnotations(target: KObject, owned: Set<object>): KObject {
  const annotations = {};
  const metadata = { ...target.metadata, annotations };
  const doc = { ...target, metadata };
  for (const made of [annotations, metadata, doc]) owned.add(made);
  return doc;
}

function withoutEmptyAnnotations(doc: KObject): KObject {
  const { annotations, ...metadata } = doc.metadata ?? {};
  return isPlainObject(annotations) && Object.keys(annotations).length === 0 ? { ...doc, metadata: metadata as KObject['metadata'] } : doc;
}

function applyOp(doc: unknown, step: Step): unknown {
  const { op } = step;
  switch (op.op) {
    case 'add':
      return add(doc, op.path, cloneJson(op.value), step);
    case 'remove':
      return remove(doc, op.path, step).doc;
    case 'replace':
      return add(remove(doc, op.path, step).doc, op.path, cloneJson(op.value), step);
    case 'move': {
      if (op.path.startsWith(`${op.from}/`)) {
        fail(step, 'overlay/json-patch-invalid-op', `expected 'from' not to be a parent of 'path', received from ${JSON.stringify(op.from)}`, op.path, 'move a value to a place outside itself');
      }
      const removed = remove(doc, op.from, step);
      return add(removed.doc, op.path, removed.value, step);
    }
    case 'copy':
      return add(doc, op.path, cloneJson(get(doc, op.from, step)), step);
    case 'test': {
      const actual = get(doc, op.path, step);
      if (!sameJson(actual, op.value)) {
        fail(step, 'overlay/json-patch-test-failed', `expected ${JSON.stringify(op.value)}, found ${JSON.stringify(actual)}`, op.path, 'update the test value or the base object');
      }
      return doc;
    }
    default:
      return fail(
        step,
        'overlay/json-patch-invalid-op',
        `expected op to be add, remove, replace, move, copy or test, received ${JSON.stringify((op as { op: unknown }).op)}`,
        '',
        'use one of the RFC 6902 operations',
      );
  }
}

function notFound(step: Step, pointer: string, token: string): never {
  return fail(
    step,
    'overlay/json-pointer-not-found',
    `expected ${JSON.stringify(token)} to exist on the way to the path, found nothing`,
    pointer,
    'check the path against the base object; add a missing parent map first',
  );
}

function arrayIndex(list: unknown[], token: string, step: Step, pointer: string, forAdd: boolean): number {
  if (forAdd && token === '-') return list.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) notFound(step, pointer, token);
  const i = Number(token);
  if (i > list.length || (!forAdd && i === list.length)) notFound(step, pointer, token);
  return i;
}

/** `value` itself when this patch made it (or it is a scalar), else a shallow copy the patch now owns. */
function own(value: unknown, owned: Set<object>): unknown {
  if (value === null || typeof value !== 'object' || owned.has(value)) return value;
  const copy = Array.isArray(value) ? value.slice() : { ...value };
  owned.add(copy);
  return copy;
}

/**
 * The parent of `pointer`'s target and its last token. With `write`, the document and every
 * map and list on the way are first made the patch's own (`doc` is then the new root).
 */
function parentOf(doc: unknown, pointer: string, step: Step, write = false): { doc: unknown; parent: unknown; last: string } {
  const tokens = parsePointer(pointer, step) ?? [];
  const root = write ? own(doc, step.owned) : doc;
  let node = root;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) {
      const i = arrayIndex(node, token, step, pointer, false);
      if (write) node[i] = own(node[i], step.owned);
      node = node[i];
    } else if (isPlainObject(node) && Object.hasOwn(node, token)) {
      if (write) node[token] = own(node[token], step.owned);
      node = node[token];
    } else {
      notFound(step, pointer, token);
    }
  }
  return { doc: root, parent: node, last: tokens[tokens.length - 1] ?? '' };
}

function get(doc: unknown, pointer: string, step: Step): unknown {
  if (pointer === '') return doc;
  const { parent, last } = parentOf(doc, pointer, step);
  if (Array.isArray(parent)) return parent[arrayIndex(parent, last, step, pointer, false)];
  if (isPlainObject(parent) && Object.hasOwn(parent, last)) return parent[last];
  return notFound(step, pointer, last);
}

function add(doc: unknown, pointer: string, value: unknown, step: Step): unknown {
  if (pointer === '') return value;
  const { doc: root, parent, last } = parentOf(doc, pointer, step, true);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, step, pointer, true), 0, value);
  // Own properties only: `__proto__` is a key like any other, never the prototype.
  else if (isPlainObject(parent)) setOwn(parent, last, value);
  else notFound(step, pointer, last);
  return root;
}

function remove(doc: unknown, pointer: string, step: Step): { doc: unknown; value: unknown } {
  if (pointer === '') return { doc: null, value: doc };
  const { doc: root, parent, last } = parentOf(doc, pointer, step, true);
  if (Array.isArray(parent)) return { doc: root, value: parent.splice(arrayIndex(parent, last, step, pointer, false), 1)[0] };
  if (isPlainObject(parent) && Object.hasOwn(parent, last)) {
    const value = parent[last];
    delete parent[last];
    return { doc: root, value };
  }
  return notFound(step, pointer, last);
}
