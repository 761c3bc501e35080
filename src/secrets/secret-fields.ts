/**
 * Where secret values may live in an object: a Secret's `stringData` and `data`, and the
 * not-yet-sealed entries of a SealedSecret built by `sealedSecret` (sealed after the overlay).
 */
import type { FieldPath } from '../errors.ts';
import { isPlainObject } from '../util/plain-object.ts';

/** A map field that holds secret values: plain text or base64. */
export type SecretField = 'stringData' | 'data';

/** apiVersion and kind of a Sealed Secrets SealedSecret. */
export const SEALED_SECRET = { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret' } as const;

/** Top-level field of a SealedSecret that holds its entries until `sealSecrets` encrypts them. */
export const UNSEALED_FIELD = 'unsealed';

/** True for a core `v1` Secret. */
export function isSecret(obj: { apiVersion?: unknown; kind?: unknown }): boolean {
  return obj.apiVersion === 'v1' && obj.kind === 'Secret';
}

/** True for a Sealed Secrets SealedSecret. */
export function isSealedSecret(obj: { apiVersion?: unknown; kind?: unknown }): boolean {
  return obj.apiVersion === SEALED_SECRET.apiVersion && obj.kind === SEALED_SECRET.kind;
}

/**
 * The path of the map that holds secret values in `obj`, for each field: `['stringData']` in a
 * Secret, `['unsealed', 'stringData']` in a SealedSecret; `undefined` for other kinds.
 */
export function secretMapPath(obj: { apiVersion?: unknown; kind?: unknown }, field: SecretField): FieldPath | undefined {
  if (isSecret(obj)) return [field];
  if (isSealedSecret(obj)) return [UNSEALED_FIELD, field];
  return undefined;
}

/**
 * Which secret field the value at `path` belongs to, when `path` is an entry of one of the maps
 * {@link secretMapPath} names; `undefined` anywhere else.
 */
export function secretFieldAt(obj: { apiVersion?: unknown; kind?: unknown }, path: FieldPath): SecretField | undefined {
  for (const field of ['stringData', 'data'] as const) {
    const base = secretMapPath(obj, field);
    if (base && path.length === base.length + 1 && base.every((part, i) => path[i] === part) && typeof path[base.length] === 'string') return field;
  }
  return undefined;
}

/** One map of secret values inside an object: `holder[field]` (the object itself, or its `unsealed` part). */
export interface SecretMap {
  holder: Record<string, unknown>;
  field: SecretField;
}

/** The maps of secret values `obj` holds (see {@link secretMapPath}), those present only. */
export function secretMapsOf(obj: Record<string, unknown>): SecretMap[] {
  const out: SecretMap[] = [];
  for (const field of ['stringData', 'data'] as const) {
    const path = secretMapPath(obj, field);
    if (!path) continue;
    const holder = path.length === 1 ? obj : obj[UNSEALED_FIELD];
    if (isPlainObject(holder) && isPlainObject(holder[field])) out.push({ holder, field });
  }
  return out;
}

/** Calls `visit` for every string in `value` with its path; arrays and plain objects are walked. */
export function walkStrings(value: unknown, visit: (text: string, path: FieldPath) => void, path: (string | number)[] = []): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, i) => walkStrings(item, visit, [...path, i]));
  else if (value !== null && typeof value === 'object') {
    for (const [key, field] of Object.entries(value)) walkStrings(field, visit, [...path, key]);
  }
}
