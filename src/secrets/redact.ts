/**
 * Redaction: secret values appear in the rendered Secret and nowhere else.
 *
 * The rule every command other than `render` follows (diff, explain, findings, logs):
 * - a Secret's `data` and `stringData` values print as `<redacted>`; in a diff, an entry whose
 *   value differs prints as `<redacted>` on the old side and `<changed>` on the new side, so the
 *   diff names the key that changed and nothing else;
 * - the `kubectl.kubernetes.io/last-applied-configuration` annotation of a Secret (a full copy
 *   of it) prints as `<redacted>`;
 * - a `sealedSecret` not sealed yet has its entries redacted the same way; `encryptedData` of a
 *   SealedSecret is ciphertext and is shown as it is;
 * - any free text (messages, hints, causes) goes through {@link redactFinding} with every secret
 *   value the render met (`secretTextsOf`: Secret entries at each stage, the values
 *   `resolveSecretRefs` read, the inputs of Secret generators); the CLI passes everything it
 *   prints through the same scrubber.
 */
import { yaml } from '../util/yaml-lib.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { Finding } from '../errors.ts';
import { isSealedSecret, isSecret, secretMapPath, secretMapsOf, UNSEALED_FIELD } from './secret-fields.ts';
import { compareCodeUnits } from '../util/code-unit.ts';

/** What a secret value prints as. */
export const REDACTED = '<redacted>';
/** What a secret value that differs from the old one prints as, on the new side of a diff. */
export const CHANGED = '<changed>';
/** Values shorter than this are not scrubbed from text: they would mangle ordinary words. */
export const MIN_SCRUB_LENGTH = 4;

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Entries = Record<string, unknown>;

/** Copies `obj` down to its secret maps and replaces each entry with `valueFor(field, key, value)`. */
function mapSecretEntries<T>(obj: T, valueFor: (field: string, key: string, value: unknown) => string): T {
  if (!isPlainObject(obj) || !(isSecret(obj) || isSealedSecret(obj))) return obj;
  const out: Entries = { ...obj };
  if (isSealedSecret(obj) && isPlainObject(obj[UNSEALED_FIELD])) out[UNSEALED_FIELD] = { ...obj[UNSEALED_FIELD] };
  for (const { holder, field } of secretMapsOf(out)) {
    holder[field] = Object.fromEntries(Object.entries(holder[field] as Entries).map(([k, v]) => [k, valueFor(field, k, v)]));
  }
  const meta = out.metadata;
  if (isSecret(out) && isPlainObject(meta) && isPlainObject(meta.annotations) && LAST_APPLIED in meta.annotations) {
    out.metadata = { ...meta, annotations: { ...meta.annotations, [LAST_APPLIED]: REDACTED } };
  }
  return out as T;
}

/**
 * A copy of `obj` with every secret value replaced by `<redacted>`; objects that hold no
 * secret values come back unchanged (the same object).
 * @example
 * redactObject(secret({ name: 'db', stringData: { password: 'hunter22' } })).stringData // { password: '<redacted>' }
 */
export function redactObject<T>(obj: T): T {
  return mapSecretEntries(obj, () => REDACTED);
}

/** {@link redactObject} over a list of objects. */
export function redactSecrets<T>(objects: readonly T[]): T[] {
  return objects.map((o) => redactObject(o));
}

/**
 * Both sides of a diff of one object, redacted: an entry equal on both sides is `<redacted>`
 * on both, an entry that differs is `<redacted>` before and `<changed>` after, an entry on one
 * side only is `<redacted>` there. Pass `undefined` for a side that does not exist.
 */
export function redactForDiff<T>(before: T | undefined, after: T | undefined): { before: T | undefined; after: T | undefined } {
  const entry = (obj: T | undefined, field: string, key: string): unknown => {
    if (!isPlainObject(obj)) return undefined;
    const map = secretMapsOf(obj).find((m) => m.field === field);
    return map ? (map.holder[field] as Entries)[key] : undefined;
  };
  return {
    before: before === undefined ? undefined : redactObject(before),
    after:
      after === undefined
        ? undefined
        : mapSecretEntries(after, (field, key, value) => {
            const old = entry(before, field, key);
            return old === undefined || old === value ? REDACTED : CHANGED;
          }),
  };
}

/**
 * YAML documents (as `render --stdout` writes them) with the secret values of every Secret
 * replaced by `<redacted>`. Documents without secrets are kept; a redacted document is
 * written again in kasane's block style (not byte-equal to `emit` for exotic scalars).
 */
export function redactYaml(text: string): string {
  const docs = yaml().parseAllDocuments(text);
  if (!Array.isArray(docs)) return text;
  const out: string[] = [];
  for (const doc of docs) {
    if (doc.errors.length) {
      // Unreadable YAML might hold secret values anywhere: show none of it.
      out.push(`# ${REDACTED}: not valid YAML\n`);
      continue;
    }
    const value: unknown = doc.toJS();
    if (isPlainObject(value)) {
      for (const { holder, field } of secretMapsOf(value)) {
        const base = secretMapPath(value, field)!;
        for (const key of Object.keys(holder[field] as Entries)) doc.setIn([...base, key], doc.createNode(REDACTED));
      }
      if (isSecret(value) && doc.hasIn(['metadata', 'annotations', LAST_APPLIED])) doc.setIn(['metadata', 'annotations', LAST_APPLIED], doc.createNode(REDACTED));
    }
    if (doc.directives) doc.directives.docStart = null;
    out.push(doc.toString({ lineWidth: 0, indentSeq: false }));
  }
  return out.join('---\n');
}

/** The forms a value can take in text: as is, JSON-escaped, base64, and each line of it (also JSON-escaped). */
function formsOf(value: string): string[] {
  const forms = [value, JSON.stringify(value).slice(1, -1), Buffer.from(value, 'utf8').toString('base64')];
  if (value.includes('\n')) for (const line of value.split(/\r?\n/)) forms.push(line, JSON.stringify(line).slice(1, -1));
  return forms.filter((f) => f.length >= MIN_SCRUB_LENGTH);
}

/** Replaces secret values in text; see {@link makeScrubber}. */
export type Scrubber = (text: string) => string;

/**
 * A function that replaces every occurrence of the given secret values in a text (also
 * JSON-escaped, base64-encoded, and line by line for multi-line values) with `<redacted>`.
 * The forms are worked out once, so one scrubber serves many texts. Values shorter than
 * {@link MIN_SCRUB_LENGTH} are left alone: they would mangle ordinary words.
 */
export function makeScrubber(values: Iterable<string>): Scrubber {
  const forms = [...new Set([...values].flatMap(formsOf))].sort((a, b) => b.length - a.length || compareCodeUnits(a, b));
  if (forms.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };
}

/**
 * `text` with every occurrence of the given secret values replaced by `<redacted>` (see
 * {@link makeScrubber}). Use it on any message, hint or stack that could quote user data.
 * @example
 * scrubSecretValues(`bad value "hunter22"`, ['hunter22']) // 'bad value "<redacted>"'
 */
export function scrubSecretValues(text: string, values: readonly string[]): string {
  return makeScrubber(values)(text);
}

/**
 * A finding whose free text (message, hint, cause) went through `scrub`; the same finding
 * when nothing in it changed. Every finding kasane returns or prints passes through here.
 */
export function redactFinding(finding: Finding, scrub: Scrubber): Finding {
  const message = scrub(finding.message);
  const hint = finding.hint === undefined ? undefined : scrub(finding.hint);
  const cause = finding.cause === undefined ? undefined : scrub(finding.cause);
  if (message === finding.message && hint === finding.hint && cause === finding.cause) return finding;
  return { ...finding, message, ...(hint !== undefined ? { hint } : {}), ...(cause !== undefined ? { cause } : {}) };
}
