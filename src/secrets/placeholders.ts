/**
 * Placeholders: what a secret value becomes when a command only looks at the project
 * (`validate`, `list`, `explain`, `diff`, `graph`, `render --check`) and the value is not
 * available, so that developers and CI can check a project without production secrets.
 *
 * A placeholder is deterministic and names what is missing, never a value:
 * `<<kasane-placeholder:env:DB_PASSWORD>>` for an unset variable, `<<kasane-placeholder:file:
 * secrets/key.pem>>` for a missing file. A SealedSecret entry that cannot be sealed
 * reproducibly (its value is a placeholder, its certificate is missing, or there is no stable
 * sealing key) gets the placeholders of what is missing, or `<<kasane-placeholder:not-sealed>>`,
 * instead of ciphertext. After the overlay, {@link placeholdersOf} finds every field that holds
 * one, by its final object and path, so `render --check` can say what it could not compare.
 */
import type { FieldPath, ObjectRef } from '../errors.ts';
import { refOf, type KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { Resource } from '../k8s/resource.ts';
import { isSealedSecret, isSecret } from './secret-fields.ts';
import type { SecretRefSource } from './secret-value.ts';

/** How every placeholder starts. */
export const PLACEHOLDER_OPENING = '<<kasane-placeholder:';

/** The ciphertext placeholder of a SealedSecret entry whose value is there but cannot be sealed reproducibly. */
export const NOT_SEALED_PLACEHOLDER = `${PLACEHOLDER_OPENING}not-sealed>>`;

const MARKER = /<<kasane-placeholder:(env|file):([^<>]*)>>/g;

/** What a placeholder stands for. */
export interface MissingSecretSource {
  source: 'env' | 'file';
  /** Variable name or file path as written in the reference. */
  name: string;
}

/** A field that holds a placeholder after the overlay. */
export interface SecretPlaceholder {
  object: ObjectRef;
  path: FieldPath;
  /**
   * The variables and files that were not available; empty when the value was there but a
   * SealedSecret entry could not be sealed reproducibly (no stable sealing key).
   */
  missing: MissingSecretSource[];
  /**
   * The object's name ends in a hash of its `data` (a generated name), which the placeholder
   * may change (it is in `data`, or stands for a file whose binary content would go there):
   * the name, and every reference to it, may differ from a render with the real values.
   */
  nameHashed?: true;
}

/** The placeholder of a reference whose variable or file is not available. */
export function placeholderFor(ref: { source: SecretRefSource; name: string }): string {
  return `${PLACEHOLDER_OPENING}${ref.source === 'env' ? 'env' : 'file'}:${encodeURIComponent(ref.name)}>>`;
}

/** True when `text` holds a placeholder. */
export function hasPlaceholder(text: string): boolean {
  return text.includes(PLACEHOLDER_OPENING);
}

/** The sources named by the placeholders in `text`, in order. */
export function missingSourcesIn(text: string): MissingSecretSource[] {
  const out: MissingSecretSource[] = [];
  for (const m of text.matchAll(MARKER)) {
    try {
      out.push({ source: m[1] as MissingSecretSource['source'], name: decodeURIComponent(m[2]!) });
    } catch {
      // Not one kasane wrote: a name it encoded always decodes.
    }
  }
  return out;
}

/** The placeholders in `text` (each once, in order), as the ciphertext placeholder of a sealed entry. */
export function sealedPlaceholderOf(text: string): string {
  return [...new Set(missingSourcesIn(text).map(placeholderFor))].join('') || NOT_SEALED_PLACEHOLDER;
}

function textOf(value: unknown, base64: boolean): string | undefined {
  if (typeof value !== 'string') return undefined;
  return base64 ? Buffer.from(value, 'base64').toString('utf8') : value;
}

function fieldsOf(obj: KObject): { path: FieldPath; base64: boolean; map: Record<string, unknown> }[] {
  if (isSecret(obj)) {
    return (['stringData', 'data'] as const).flatMap((f) => (isPlainObject(obj[f]) ? [{ path: [f], base64: f === 'data', map: obj[f] as Record<string, unknown> }] : []));
  }
  const encrypted = isPlainObject(obj.spec) ? obj.spec.encryptedData : undefined;
  return isSealedSecret(obj) && isPlainObject(encrypted) ? [{ path: ['spec', 'encryptedData'], base64: false, map: encrypted }] : [];
}

/**
 * Every field of `resources` that holds a placeholder: entries of Secrets (`stringData`, and
 * `data` decoded) and `spec.encryptedData` entries of SealedSecrets, in object order.
 */
export function placeholdersOf(resources: readonly Resource[]): SecretPlaceholder[] {
  const out: SecretPlaceholder[] = [];
  for (const { object, history } of resources) {
    const hashed = history?.some((h) => h.step === 'hashSuffix') === true;
    for (const { path, base64, map } of fieldsOf(object)) {
      for (const [key, value] of Object.entries(map)) {
        const text = textOf(value, base64);
        if (text === undefined || !hasPlaceholder(text)) continue;
        const missing = missingSourcesIn(text);
        const nameHashed = hashed && (path[0] === 'data' || missing.some((m) => m.source === 'file'));
        out.push({ object: refOf(object), path: [...path, key], missing, ...(nameHashed ? { nameHashed: true as const } : {}) });
      }
    }
  }
  return out;
}

function valueAt(value: unknown, path: FieldPath): unknown {
  let at = value;
  for (const part of path) at = isPlainObject(at) ? at[part] : undefined;
  return at;
}

/** Where `committed` holds the value of the field at `path`; for a Secret entry, `data` and `stringData` stand in for each other. */
function committedPath(rendered: KObject, committed: unknown, path: FieldPath): FieldPath | undefined {
  if (valueAt(committed, path) !== undefined) return path;
  // A file's binary content goes to data, while its placeholder (text) stays in stringData.
  const other = path[0] === 'stringData' ? 'data' : path[0] === 'data' ? 'stringData' : undefined;
  if (!isSecret(rendered) || other === undefined || path.length !== 2) return undefined;
  return valueAt(committed, [other, path[1]!]) !== undefined ? [other, path[1]!] : undefined;
}

/** Sets `value` at `path` of `obj`, making the maps on the way. */
function setAt(obj: Record<string, unknown>, path: FieldPath, value: unknown): void {
  let at = obj;
  for (const part of path.slice(0, -1)) {
    if (!isPlainObject(at[part])) at[part] = {};
    at = at[part] as Record<string, unknown>;
  }
  at[String(path[path.length - 1])] = value;
}

/**
 * `rendered` with the value at each of `paths` taken from `committed`, where both have one:
 * what a check compares when the rendered value is a placeholder (the rest of the object is
 * still compared exactly). Returns `rendered` itself when nothing is taken.
 */
export function withCommittedValues(rendered: KObject, committed: unknown, paths: readonly FieldPath[]): KObject {
  let out: KObject | undefined;
  for (const path of paths) {
    const from = committedPath(rendered, committed, path);
    if (from === undefined || valueAt(out ?? rendered, path) === undefined) continue;
    out ??= structuredClone(rendered);
    if (from !== path) {
      const map = valueAt(out, path.slice(0, -1)) as Record<string, unknown>;
      delete map[String(path[1])];
      if (Object.keys(map).length === 0) delete out[String(path[0])];
    }
    setAt(out, from, valueAt(committed, from));
  }
  return out ?? rendered;
}
