/**
 * What a drift diff may show of a Secret file: the values replaced by `<redacted>`, and by
 * `<changed>` where the render changes them, so CI logs name the key and nothing else.
 */
import { yaml } from '../util/yaml-lib.ts';
import { emitDocument } from '../render/emit.ts';
import { redactForDiff } from '../secrets/redact.ts';

function read(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return yaml().parse(text, { version: '1.1' }) as unknown;
  } catch {
    return { unreadable: '<redacted>' };
  }
}

/** Both sides of a Secret file, redacted for a diff. */
export function redactSecretDrift(before: string | undefined, after: string | undefined): { before: string; after: string } {
  const sides = redactForDiff(read(before), read(after));
  return {
    before: sides.before === undefined ? '' : emitDocument(sides.before),
    after: sides.after === undefined ? '' : emitDocument(sides.after),
  };
}
