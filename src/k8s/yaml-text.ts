/**
 * The text of YAML input as go-yaml sees it: UTF-8 (a byte-order mark dropped) or UTF-16 with
 * a byte-order mark, refusing invalid UTF-8 (as `kubectl kustomize` does) and the control
 * characters go-yaml's reader refuses, each with the line it is on.
 */
import type { YamlProblem } from './yaml-read.ts';

/** 1-based line of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
function invalidUtf8At(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= bytes.length + (n === 0 ? 1 : 0)) return i;
    const c1 = bytes[i + 1] ?? 0;
    if (n >= 1 && (c1 & 0xc0) !== 0x80) return i;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    for (let k = 2; k <= n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

/**
 * The text of `input`: UTF-8 (a leading byte-order mark dropped), or UTF-16 when it starts with
 * a byte-order mark, as go-yaml reads it. Invalid UTF-8 is refused, as `kubectl kustomize` does.
 */
export function decodeYamlText(input: Uint8Array | string): { text: string } | { problem: YamlProblem } {
  if (typeof input === 'string') return { text: input.startsWith('\uFEFF') ? input.slice(1) : input };
  const [a, b] = [input[0], input[1]];
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
    const body = Buffer.from(input.subarray(2));
    if (body.length % 2 !== 0) return { problem: { code: 'not-utf8', message: 'expected UTF-16 text after the byte-order mark, found an odd number of bytes' } };
    if (a === 0xfe) body.swap16();
    return { text: body.toString('utf16le') };
  }
  const start = a === 0xef && b === 0xbb && input[2] === 0xbf ? 3 : 0;
  const body = input.subarray(start);
  const bad = invalidUtf8At(body);
  if (bad >= 0) {
    const line = lineAt(Buffer.from(body.subarray(0, bad)).toString('latin1'), bad);
    return { problem: { code: 'not-utf8', message: `expected UTF-8 text, found the byte 0x${body[bad]!.toString(16).padStart(2, '0')} at line ${line}`, line } };
  }
  return { text: Buffer.from(body).toString('utf8') };
}

// What go-yaml's reader accepts: tab, LF, CR, printable ASCII, NEL and the rest of Unicode
// except C1 controls, surrogates, U+FFFE and U+FFFF.
const CONTROL = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/** The first control character of `text` that go-yaml refuses, as a problem. */
export function controlProblem(text: string): YamlProblem | undefined {
  const m = CONTROL.exec(text);
  if (!m) return undefined;
  const line = lineAt(text, m.index);
  return {
    code: 'control-character',
    message: `expected printable text, found the control character U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at line ${line} (escape it in a double-quoted string)`,
    line,
  };
}
