/**
 * Findings for input that cannot be read: the problems of the YAML reader and of the manifest
 * reader, under the code area of the command that read it (`load/alias-bomb` for
 * `validate -f`, `import/alias-bomb` for `import`, `codegen/alias-bomb` for `import-crd`).
 */
import type { Finding } from '../errors.ts';
import type { ManifestProblem } from './manifest-objects.ts';
import { MAX_ALIAS_VALUES, MAX_DEPTH, type YamlProblem } from './yaml-read.ts';

/** Largest file or standard input kasane reads (64 MiB); larger input is refused. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Problems of reading a file, besides those of its YAML and its objects. */
export interface FileProblem {
  code: 'input-too-large' | 'unreadable-file';
  message: string;
}

const HINTS: Record<YamlProblem['code'] | ManifestProblem['code'] | FileProblem['code'], string> = {
  'not-utf8': 'save the file as UTF-8 text (kubectl refuses it too)',
  'control-character': 'remove the character, or write it as an escape (\\x01) in a double-quoted string',
  'invalid-yaml': 'fix the YAML syntax',
  'too-deep': `nest maps and lists at most ${MAX_DEPTH} levels deep`,
  'alias-bomb': `write the repeated values out, or use fewer aliases (at most ${MAX_ALIAS_VALUES} values per document)`,
  'duplicate-key': 'remove one of the two entries: kubectl would keep only one of them',
  'invalid-value': 'quote the value to keep it as text, or write a value JSON can hold',
  'invalid-key': 'quote the key to keep it as text',
  'not-an-object': 'give every document apiVersion, kind and metadata.name, or remove it',
  'invalid-list-item': 'make every entry of items a Kubernetes object with apiVersion, kind and metadata.name',
  'input-too-large': `split the input into files of at most ${MAX_INPUT_BYTES / 1024 / 1024} MiB`,
  'unreadable-file': 'check the path and its permissions',
};

/** The finding for `problem`, met while reading `file` (a path or `<stdin>`) for command area `area`. */
export function inputFinding(area: string, file: string, problem: YamlProblem | ManifestProblem | FileProblem): Finding {
  const line = 'line' in problem ? problem.line : undefined;
  return {
    severity: 'error',
    code: `${area}/${problem.code}`,
    message: problem.message,
    hint: HINTS[problem.code],
    source: { file, ...(line ? { line } : {}) },
  };
}
