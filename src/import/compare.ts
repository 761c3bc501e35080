/**
 * The zero-diff check: the objects kasane renders against the objects `kubectl kustomize`
 * printed (or the plain YAML that was imported), compared by the object differ of `kasane diff`
 * (../tools/object-diff.ts), object by object and field by field, with Secrets in the form the
 * API server stores them.
 */
import { countOf, formatObjectRef, formatPath } from '../errors.ts';
import { decodeBase64 } from '../k8s/grammar.ts';
import type { KObject } from '../k8s/object.ts';
import { redactForDiff } from '../secrets/redact.ts';
import { diffObjectSets, type FieldChange } from '../tools/object-diff.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { jsonText } from '../util/json-text.ts';
import { isPlainObject, setOwn } from '../util/plain-object.ts';

/** What differs for one object; `missing` / `extra` when only one side has it. */
export interface ObjectDiff {
  /** `Kind/name` or `Kind/namespace/name`. */
  object: string;
  change: 'missing' | 'extra' | 'changed';
  /** From the expected object to the rendered one (`removed`: expected only, `added`: rendered only). */
  fields: FieldChange[];
}

/**
 * A Secret with values as the API server stores it: `stringData` entries base64-encoded under
 * `data`, `data` in canonical base64 (the API server decodes line-wrapped base64 as kubectl
 * does, so wrapping is no difference). The importer turns Secret values into generators that
 * read git-ignored files; those write the values in this form, and every other field (`type`,
 * `immutable`, metadata) as the manifest has it, so those are compared as written.
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
  return { ...rest, data } as KObject;
}

/**
 * Compares `actual` (kasane's render) with `expected`, object by object. Secret values are
 * redacted as `kasane diff` redacts them: a value that differs shows as `<redacted>` expected and
 * `<changed>` rendered, so a report names the key and never the value.
 */
export function diffObjects(expected: readonly KObject[], actual: readonly KObject[]): ObjectDiff[] {
  const side = (label: string, objects: readonly KObject[]) => ({ label, objects: objects.map((o) => ({ object: secretAsStored(o) })) });
  const { objects } = diffObjectSets(side('expected', expected), side('rendered', actual), { redact: redactForDiff });
  const change = { removed: 'missing', added: 'extra', changed: 'changed' } as const;
  return objects.map((o) => ({ object: formatObjectRef((o.before ?? o.after)!), change: change[o.change], fields: o.fields })).sort((a, b) => compareCodeUnits(a.object, b.object));
}

function fieldLine(f: FieldChange): string {
  const expected = f.change === 'added' ? undefined : f.before;
  const rendered = f.change === 'removed' ? undefined : f.after;
  return `  ${formatPath(f.path) || '(object)'}: expected ${jsonText(expected) ?? 'nothing'}, rendered ${jsonText(rendered) ?? 'nothing'}`;
}

/** The differences as text, one object per line and one field per indented line; `reference` names the expected side. */
export function formatDiffs(env: string, diffs: readonly ObjectDiff[], reference = 'kubectl kustomize'): string {
  const lines: string[] = [];
  for (const d of diffs) {
    if (d.change === 'missing') lines.push(`${env}: ${d.object}: expected by ${reference}, not rendered by kasane`);
    else if (d.change === 'extra') lines.push(`${env}: ${d.object}: rendered by kasane, not in the output of ${reference}`);
    else {
      lines.push(`${env}: ${d.object}: ${countOf(d.fields.length, 'field')} ${d.fields.length === 1 ? 'differs' : 'differ'}`);
      for (const f of d.fields) lines.push(fieldLine(f));
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
