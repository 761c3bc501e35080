/**
 * The zero-diff check: the objects kasane renders against the objects `kubectl kustomize`
 * printed (or the plain YAML that was imported), compared as parsed values, object by object
 * and field by field.
 */
import { formatObjectRef, formatPath, type FieldPath } from '../errors.ts';
import { decodeBase64 } from '../k8s/grammar.ts';
import { jsonText } from '../util/json-text.ts';
import { refOf, type KObject } from '../k8s/object.ts';
import { getOwn, isPlainObject, setOwn } from '../util/plain-object.ts';
import { redactForDiff } from '../secrets/redact.ts';
import { compareCodeUnits } from '../util/code-unit.ts';

/** True when two parsed values are equal (key order ignored, `undefined` fields absent). */
export function sameValue(a: unknown, b: unknown): boolean {
  return fieldDiffs(a, b, []).length === 0;
}

/** One field that differs. */
export interface FieldDiff {
  path: FieldPath;
  expected: unknown;
  actual: unknown;
}

/** What differs for one object; `missing` / `extra` when only one side has it. */
export interface ObjectDiff {
  /** `Kind/name` or `Kind/namespace/name`. */
  object: string;
  change: 'missing' | 'extra' | 'changed';
  fields: FieldDiff[];
}

function fieldDiffs(expected: unknown, actual: unknown, path: (string | number)[]): FieldDiff[] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return [{ path, expected, actual }];
    return expected.flatMap((e, i) => fieldDiffs(e, actual[i], [...path, i]));
  }
  if (isPlainObject(expected) && isPlainObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort(compareCodeUnits);
    return keys.flatMap((k) => fieldDiffs(getOwn(expected, k), getOwn(actual, k), [...path, k]));
  }
  if (expected === actual || (Number.isNaN(expected) && Number.isNaN(actual))) return [];
  return [{ path, expected, actual }];
}

function keyOf(o: KObject): string {
  return `${o.apiVersion}\u0000${formatObjectRef(refOf(o))}`;
}

/**
 * A Secret with values as the API server stores it: `stringData` entries base64-encoded under
 * `data`, `data` in canonical base64 (the API server decodes line-wrapped base64 as kubectl
 * does, so wrapping is no difference), and `type: Opaque` when unset. The importer turns Secret
 * values into generators that read git-ignored files, and generators write exactly this form.
 */
export function secretAsStored(o: KObject): KObject {
  if (o.kind !== 'Secret' || o.apiVersion !== 'v1' || ![o.data, o.stringData].some((m) => isPlainObject(m) && Object.keys(m).length)) return o;
  const { stringData, ...rest } = o as KObject & { stringData?: Record<string, unknown> };
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(isPlainObject(o.data) ? o.data : {})) {
    const bytes = typeof v === 'string' ? decodeBase64(v) : undefined;
    setOwn(data, k, bytes ? Buffer.from(bytes).toString('base64') : v);
  }
  for (const [k, v] of Object.entries(stringData ?? {})) setOwn(data, k, Buffer.from(String(v), 'utf8').toString('base64'));
  return { ...rest, data, type: typeof o.type === 'string' ? o.type : 'Opaque' } as KObject;
}

/**
 * Compares `actual` (kasane's render) with `expected`, object by object. Secret values are
 * redacted as `kasane diff` redacts them: a value that differs shows as `<redacted>` expected and
 * `<changed>` rendered, so a report names the key and never the value.
 */
export function diffObjects(expected: readonly KObject[], actual: readonly KObject[]): ObjectDiff[] {
  const want = new Map(expected.map((o) => [keyOf(o), secretAsStored(o)]));
  const got = new Map(actual.map((o) => [keyOf(o), secretAsStored(o)]));
  const diffs: ObjectDiff[] = [];
  for (const [key, stored] of want) {
    const theirs = got.get(key);
    if (!theirs) diffs.push({ object: formatObjectRef(refOf(stored)), change: 'missing', fields: [] });
    else {
      const { before: o, after: mine } = redactForDiff(stored, theirs);
      const fields = fieldDiffs(o, mine, []);
      if (fields.length) diffs.push({ object: formatObjectRef(refOf(stored)), change: 'changed', fields });
    }
  }
  for (const [key, o] of got) if (!want.has(key)) diffs.push({ object: formatObjectRef(refOf(o)), change: 'extra', fields: [] });
  return diffs.sort((a, b) => (a.object < b.object ? -1 : a.object > b.object ? 1 : 0));
}

/** The differences as text, one object per line and one field per indented line; `reference` names the expected side. */
export function formatDiffs(env: string, diffs: readonly ObjectDiff[], reference = 'kubectl kustomize'): string {
  const lines: string[] = [];
  for (const d of diffs) {
    if (d.change === 'missing') lines.push(`${env}: ${d.object}: expected by ${reference}, not rendered by kasane`);
    else if (d.change === 'extra') lines.push(`${env}: ${d.object}: rendered by kasane, not in the output of ${reference}`);
    else {
      lines.push(`${env}: ${d.object}: ${d.fields.length} field${d.fields.length === 1 ? '' : 's'} differ`);
      for (const f of d.fields) lines.push(`  ${formatPath(f.path) || '(object)'}: expected ${jsonText(f.expected) ?? 'nothing'}, rendered ${jsonText(f.actual) ?? 'nothing'}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
