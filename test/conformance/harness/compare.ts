/**
 * Compares rendered objects with expected ones object by object and field by field, and says
 * each difference in one line: `Deployment/web spec.replicas: expected 3, received 2`.
 */
import { parseAllDocuments } from 'yaml';
import type { KObject } from '../../../src/k8s/object.ts';

/** `apiVersion Kind namespace/name`: one object's identity. */
export function objectId(o: KObject): string {
  return `${o.apiVersion} ${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
}

function label(o: KObject): string {
  const ns = o.metadata?.namespace ? `${o.metadata.namespace}/` : '';
  return `${o.kind}/${ns}${o.metadata?.name}`;
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function dotPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `${i ? '.' : ''}${p}` : `[${JSON.stringify(p)}]`)).join('') || '(root)';
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fieldDifferences(actual: unknown, expected: unknown, path: (string | number)[], out: string[], prefix: string): void {
  if (isMap(actual) && isMap(expected)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const k of keys) fieldDifferences(actual[k], expected[k], [...path, k], out, prefix);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected) && actual.length === expected.length) {
    actual.forEach((v, i) => fieldDifferences(v, expected[i], [...path, i], out, prefix));
    return;
  }
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    out.push(`${prefix} ${dotPath(path)}: expected ${show(expected)}, received ${show(actual)}`);
  }
}

/**
 * Every difference between `actual` and `expected`, as lines; empty when they are equal. The
 * objects are paired by identity; `order` also compares the order of the objects.
 */
export function objectDifferences(actual: readonly KObject[], expected: readonly KObject[], order = true): string[] {
  const out: string[] = [];
  const actualById = new Map(actual.map((o) => [objectId(o), o]));
  const expectedById = new Map(expected.map((o) => [objectId(o), o]));
  for (const [id, e] of expectedById) {
    const a = actualById.get(id);
    if (!a) out.push(`${label(e)}: expected the object, kasane did not render it`);
    else fieldDifferences(a, e, [], out, label(e));
  }
  for (const [id, a] of actualById) if (!expectedById.has(id)) out.push(`${label(a)}: rendered by kasane, not expected`);
  if (order && out.length === 0) {
    const a = actual.map(label).join(', ');
    const e = expected.map(label).join(', ');
    if (a !== e) out.push(`object order: expected ${e}; received ${a}`);
  }
  return out;
}

/** The objects of rendered YAML files, in the order given. */
export function parseRendered(files: Iterable<string>): KObject[] {
  const objects: KObject[] = [];
  for (const text of files) {
    for (const doc of parseAllDocuments(text)) {
      const o = doc.toJS() as KObject | null;
      if (o !== null) objects.push(o);
    }
  }
  return objects;
}
