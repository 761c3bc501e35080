/**
 * The secret values objects hold, as texts that redaction must never let out: every entry of
 * a Secret's `stringData` and `data` (the base64 text and the text it decodes to) and the
 * entries of a SealedSecret not sealed yet. The pipeline gathers them at each stage; the CLI
 * adds those of files it reads (committed output, YAML given to `validate -f` or `import`).
 */
import { isPlainObject } from '../k8s/object.ts';
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
