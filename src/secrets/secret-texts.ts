/**
 * The secret values objects hold, as texts that redaction must never let out: every entry of
 * a Secret's `stringData` and `data` (the base64 text and the text it decodes to) and the
 * entries of a SealedSecret not sealed yet, and what Secret generators read. The pipeline
 * gathers them at each stage; the CLI adds those of files it reads (committed output, YAML given
 * to `validate -f` or `import`).
 */
import { isPlainObject } from '../util/plain-object.ts';
import type { OverlayLevel } from '../project/mixin.ts';
import { generatorInputFiles } from '../project/generator.ts';
import { secretMapsOf } from './secret-fields.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text `base64` decodes to, when it is base64 of UTF-8 text. */
function decodedText(base64: string): string | undefined {
  try {
    return utf8.decode(Buffer.from(base64, 'base64'));
  } catch {
    return undefined;
  }
}

function addEntry(value: unknown, field: string, into: Set<string>): void {
  if (value === null || value === undefined || typeof value === 'object') return;
  const text = String(value);
  if (text === '') return;
  into.add(text);
  if (field !== 'data') return;
  const decoded = decodedText(text);
  if (decoded) into.add(decoded);
}

/**
 * Adds the secret values of each object in `objects` (Secrets and SealedSecrets; other kinds
 * hold none) to `into`, and returns it. Values that are not strings (a mistake the schema check
 * reports) are added as text too, since messages print them.
 */
export function secretTextsOf(objects: Iterable<unknown>, into: Set<string> = new Set()): Set<string> {
  for (const obj of objects) {
    if (!isPlainObject(obj)) continue;
    for (const { holder, field } of secretMapsOf(obj)) {
      for (const value of Object.values(holder[field] as Record<string, unknown>)) addEntry(value, field, into);
    }
  }
  return into;
}

/** Adds every string and number of `value` to `into`, except inside the maps in `skip`. */
function addOpenScalars(value: unknown, skip: ReadonlySet<unknown>, into: Set<string>): void {
  if (typeof value === 'string' || typeof value === 'number') into.add(String(value));
  else if (Array.isArray(value)) for (const item of value) addOpenScalars(item, skip, into);
  else if (isPlainObject(value) && !skip.has(value)) for (const item of Object.values(value)) addOpenScalars(item, skip, into);
}

/**
 * The values of `secrets` that `objects` do not show in the clear: what printed output must
 * hide. A value that is also a field of an object outside the secret maps (the user name
 * that is a Deployment's name too, a port) is in the output, and in git, anyway; hiding it
 * everywhere would only mangle ordinary output (`list`, a JSON diff).
 */
export function hiddenSecretTexts(secrets: Iterable<string>, objects: Iterable<unknown>): string[] {
  const open = new Set<string>();
  for (const obj of objects) {
    if (!isPlainObject(obj)) continue;
    const skip = new Set<unknown>(secretMapsOf(obj).map(({ holder, field }) => holder[field]));
    const annotations = isPlainObject(obj.metadata) && isPlainObject(obj.metadata.annotations) ? obj.metadata.annotations : undefined;
    // kubectl's copy of the whole object holds the secret values too.
    if (annotations && skip.size) skip.add(annotations);
    addOpenScalars(obj, skip, open);
  }
  return [...secrets].filter((s) => !open.has(s));
}

/**
 * What the Secret generators of `levels` (environments, groups, components) read: each literal (also its value alone), and each
 * file and env file as text, with the value of each of its lines. The generated Secrets hold
 * these once the overlay ran; a generator that fails before (a bad env file line) may quote them.
 */
export function secretGeneratorTexts(levels: readonly OverlayLevel[], files: ReadonlyMap<string, Uint8Array>): string[] {
  const out: string[] = [];
  for (const level of levels) {
    for (const spec of level.generators ?? []) {
      if (spec.kind !== 'Secret') continue;
      const literals = Array.isArray(spec.literals) ? (spec.literals as readonly string[]) : Object.values((spec.literals ?? {}) as Record<string, string>);
      for (const literal of literals) out.push(literal, literal.slice(literal.indexOf('=') + 1));
      const inputs = generatorInputFiles(spec, level.source?.file);
      for (const file of [...inputs.files, ...inputs.envs]) {
        const bytes = files.get(file.abs);
        if (!bytes) continue;
        const text = Buffer.from(bytes).toString('utf8');
        out.push(text, ...text.split('\n').map((line) => line.slice(line.indexOf('=') + 1).trim()));
      }
    }
  }
  return out.filter((text) => text !== '');
}
