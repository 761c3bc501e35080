/**
 * Keys of a kustomization read as Kustomize reads them: Go decodes the YAML (as JSON) into
 * structs, and a JSON key matches a struct field whatever its case (`fieldpath` is `fieldPath`,
 * `Kind` is `kind`); of several keys that match one field, the last one wins.
 */
import { setOwn } from '../util/plain-object.ts';

/**
 * The value of field `name` of `obj` as Kustomize reads a kustomization (Go decoding JSON): a
 * key matches whatever its case, and of several matching keys the last one wins.
 */
export function goField(obj: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  let value: unknown;
  for (const [key, v] of Object.entries(obj)) if (key.toLowerCase() === lower) value = v;
  return value;
}

/**
 * `obj` with every key that names one of `fields` whatever its case written as that field, as Go
 * decodes JSON into a struct (of several matching keys the last one wins); other keys stay.
 */
export function goFields(obj: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(obj)) setOwn(out, fields.find((f) => f.toLowerCase() === key.toLowerCase()) ?? key, v);
  return out;
}
