/**
 * Kustomize's content-hash name suffix for generated ConfigMaps and Secrets (v5.5.0): the
 * SHA-256 of a small JSON document, first 10 hex digits, with the letters that could spell
 * words or look alike swapped out. Checked against `kubectl kustomize`.
 */
import { createHash } from 'node:crypto';
import type { KObject } from '../../k8s/object.ts';
import { isPlainObject, setOwn } from '../../util/plain-object.ts';
import { compareCodeUnits } from '../../util/code-unit.ts';

/** JSON as Go's `encoding/json` writes it: map keys sorted, `<`, `>` and `&` escaped. */
export function goJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareCodeUnits)) setOwn(out, key, sortKeys(value[key]));
  return out;
}

const nonEmpty = (map: unknown): map is Record<string, unknown> => isPlainObject(map) && Object.keys(map).length > 0;

/**
 * The document Kustomize hashes. The name is always empty (so prefixes do not change the
 * hash); labels, annotations and `immutable` are left out. An empty ConfigMap hashes its data
 * as `""`, an empty Secret as `{}`.
 */
export function hashedDocument(obj: KObject): Record<string, unknown> {
  if (obj.kind === 'Secret') {
    return { data: isPlainObject(obj.data) ? obj.data : {}, kind: 'Secret', name: '', type: typeof obj.type === 'string' ? obj.type : '' };
  }
  const doc: Record<string, unknown> = { data: nonEmpty(obj.data) ? obj.data : '', kind: obj.kind, name: '' };
  if (nonEmpty(obj.binaryData)) doc.binaryData = obj.binaryData;
  return doc;
}

/** Maps hex digits to the letters Kustomize uses (`0`→`g`, `1`→`h`, `3`→`k`, `a`→`m`, `e`→`t`). */
const SWAP: Readonly<Record<string, string>> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

/** The 10-character suffix Kustomize appends to a generated ConfigMap or Secret, e.g. `ggfhhk9779`. */
export function contentHash(obj: KObject): string {
  const hex = createHash('sha256')
    .update(goJson(hashedDocument(obj)))
    .digest('hex')
    .slice(0, 10);
  return hex.replace(/[013ae]/g, (c) => SWAP[c] ?? c);
}
