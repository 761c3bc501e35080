/**
 * Env files for `envs` of ConfigMap and Secret generators, read as `kubectl kustomize` v5.5.0
 * reads them: a leading UTF-8 byte order mark is dropped, lines are trimmed on the left,
 * blank lines and `#` comments are skipped, `KEY=value` keeps the value as written (spaces
 * and quotes included), and a bare `KEY` takes its value from `env`.
 */
import { KasaneError, errorFinding } from '../../errors.ts';

/** Options of {@link parseEnvFile}. */
export interface ParseEnvFileOptions {
  /** File name for error messages. @default unset */
  file?: string;
  /**
   * Values for bare `KEY` lines. `kubectl kustomize` v5.5.0 gives them the empty string, so
   * leave this unset to match it. @default `{}`
   */
  env?: Readonly<Record<string, string>>;
}

const KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * The `[key, value]` pairs of an env file, in file order.
 *
 * @throws {KasaneError} `overlay/invalid-env-file` for a line whose key is not a valid ConfigMap key.
 */
export function parseEnvFile(content: string, options: ParseEnvFileOptions = {}): [string, string][] {
  const pairs: [string, string][] = [];
  const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').replace(/^[ \t]+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (!KEY.test(key)) {
      throw new KasaneError(
        errorFinding('overlay/invalid-env-file', `expected KEY=value with a key of letters, digits, '-', '_' or '.', found ${JSON.stringify(raw)}`, {
          hint: 'fix the line or turn it into a comment with #',
          ...(options.file ? { source: { file: options.file, line: index + 1 } } : {}),
        }),
      );
    }
    pairs.push([key, eq < 0 ? (options.env?.[key] ?? '') : line.slice(eq + 1)]);
  });
  return pairs;
}
