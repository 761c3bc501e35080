/**
 * What a drift diff may show of a Secret file: the values replaced by `<redacted>`, and by
 * `<changed>` where the render changes them, so CI logs name the key and nothing else.
 */
import { readYamlValue } from '../k8s/yaml-read.ts';
import { emitDocument } from '../render/emit.ts';
import { redactForDiff } from '../secrets/redact.ts';

function read(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  // Unreadable YAML might hold secret values anywhere: show none of it.
  return readYamlValue(text) ?? { unreadable: '<redacted>' };
}

/** Both sides of a Secret file, redacted for a diff. */
export function redactSecretDrift(before: string | undefined, after: string | undefined): { before: string; after: string } {
  const sides = redactForDiff(read(before), read(after));
  return {
    before: sides.before === undefined ? '' : emitDocument(sides.before),
    after: sides.after === undefined ? '' : emitDocument(sides.after),
  };
}
