/**
 * How the emitter writes one string: plain, single-quoted, double-quoted with go-yaml's
 * escapes, or a literal block, chosen as go-yaml would, and quoted whenever YAML 1.1 or 1.2
 * would read it as anything but the same string.
 */

/** `n` spaces, cached: indentation is asked for constantly. */
const SPACES: string[] = [''];
export function spaces(n: number): string {
  for (let i = SPACES.length; i <= n; i++) SPACES.push(`${SPACES[i - 1]} `);
  return SPACES[n]!;
}

/** Strings YAML 1.1 (go-yaml v2, sigs.k8s.io/yaml) or YAML 1.2 core reads as something else. */
// prettier-ignore
const TYPED_WORDS = new Set([
  '', '~', 'null', 'Null', 'NULL', 'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  // YAML 1.1 merge key and value key types.
  '<<', '=',
]);
const TYPED_PATTERNS: readonly RegExp[] = [
  // Integers: YAML 1.1 binary, octal (0755), hex, decimal with `_`; YAML 1.2 0o; Go's 0X, 0B, 0O.
  /^[-+]?0[bB][01_]+$/,
  /^[-+]?0[oO]?[0-7_]+$/,
  /^[-+]?0[xX][0-9a-fA-F_]+$/,
  /^(?:[0-9]|[-+][0-9_]*[0-9])[0-9_]*$/,
  // Floats: 1., .5, 1.5e3, 1e3, and the YAML 1.1 float pattern, which matches a lone dot too.
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$/,
  /^(?:[0-9]|[-+][0-9_]*[0-9])[0-9_]*[eE][-+]?[0-9]+$/,
  /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/,
  // YAML 1.1 sexagesimal integers and floats: 12:30, 190:20:30.5.
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  // YAML 1.1 timestamps, and the looser forms Go's time layouts accept (2001-1-2).
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/,
];
/** Only strings starting with one of these can be typed. */
const TYPED_START = /^(?:$|[-+.~0-9<=nNyYtTfFoO])/;

function isTyped(s: string): boolean {
  if (!TYPED_START.test(s)) return false;
  if (TYPED_WORDS.has(s)) return true;
  for (const re of TYPED_PATTERNS) if (re.test(s)) return true;
  return false;
}

/** Plain-safe without analysis (still subject to {@link isTyped}). */
const SIMPLE_PLAIN = /^[A-Za-z0-9_/][A-Za-z0-9_./-]*$/;

/**
 * Printable in go-yaml's sense (tab, CR, NEL, C1, BOM and non-BMP characters are not), plus
 * U+2028/U+2029, which YAML 1.1 reads as line breaks and YAML 1.2 does not.
 */
function isPrintable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff && c !== 0x2028 && c !== 0x2029) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

/** Picks the style go-yaml's emitter would pick for a string in block context. */
function styleOf(s: string): Style {
  if (isTyped(s)) return 'double';
  if (SIMPLE_PLAIN.test(s)) return 'plain';
  let indicators = s.startsWith('---') || s.startsWith('...');
  let lineBreaks = false;
  let spaceBreak = false;
  let precededByBlank = true;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    // Anything go-yaml escapes (including non-BMP characters) forces double quotes.
    if (!isPrintable(c)) return 'double';
    const next = i + 1 < n ? s.charCodeAt(i + 1) : -1;
    const followedByBlank = next === -1 || isBlank(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(s[0]!)) indicators = true;
      if ((c === 0x3f || c === 0x3a || c === 0x2d) && followedByBlank) indicators = true; // ? : -
    } else if ((c === 0x3a && followedByBlank) || (c === 0x23 && precededByBlank)) {
      indicators = true; // `: ` and ` #`
    }
    if (c === 0x0a) {
      lineBreaks = true;
      if (i > 0 && s.charCodeAt(i - 1) === 0x20) spaceBreak = true;
    }
    precededByBlank = isBlank(c);
  }
  const last = s.charCodeAt(n - 1);
  if (lineBreaks) return spaceBreak || last === 0x20 ? 'double' : 'literal';
  return indicators || s.charCodeAt(0) === 0x20 || last === 0x20 ? 'single' : 'plain';
}

const ESCAPES: Record<number, string> = {
  0x00: '\\0',
  0x07: '\\a',
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0b: '\\v',
  0x0c: '\\f',
  0x0d: '\\r',
  0x1b: '\\e',
  0x22: '\\"',
  0x5c: '\\\\',
  0x85: '\\N',
  0x2028: '\\L',
  0x2029: '\\P',
};

function hex(c: number, width: number): string {
  return c.toString(16).toUpperCase().padStart(width, '0');
}

/** A double-quoted scalar with go-yaml's escapes (`\t`, `\x7F`, `\uFEFF`, `\U0001F600`). */
export function doubleQuoted(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x22 && c !== 0x5c && c !== 0x0a && isPrintable(c)) continue;
    let cp = c;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    out += s.slice(start, i);
    out += ESCAPES[cp] ?? (cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`);
    i += width - 1;
    start = i + 1;
  }
  return `${out}${s.slice(start)}"`;
}

/** A literal block scalar: `|`, `|-` or `|+`, with an indentation indicator when needed. */
function literal(s: string, indent: number): string {
  const lines = s.split('\n');
  const endsWithBreak = lines[lines.length - 1] === '';
  if (endsWithBreak) lines.pop();
  const keep = endsWithBreak && (s.length === 1 || s.charCodeAt(s.length - 2) === 0x0a);
  const first = s.charCodeAt(0);
  let out = `|${first === 0x20 || first === 0x0a ? '2' : ''}${endsWithBreak ? (keep ? '+' : '') : '-'}`;
  const pad = spaces(indent);
  for (const line of lines) out += line === '' ? '\n' : `\n${pad}${line}`;
  return out;
}

/** A string scalar; block scalars end without a line break and put their lines at `indent`. */
export function scalarString(s: string, indent: number): string {
  switch (styleOf(s)) {
    case 'plain':
      return s;
    case 'single':
      return `'${s.replaceAll("'", "''")}'`;
    case 'double':
      return doubleQuoted(s);
    case 'literal':
      return literal(s, indent);
  }
}

/** go-yaml writes a key as `? key` when it spans lines or is longer than 128 UTF-8 bytes. */
export function isSimpleKey(key: string): boolean {
  if (key.length > 128) return false;
  if (/[\n\r\u0085\u2028\u2029]/.test(key)) return false;
  return key.length <= 42 || Buffer.byteLength(key, 'utf8') <= 128;
}
