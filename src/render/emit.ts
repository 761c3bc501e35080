/**
 * The only YAML writer of kasane: the block style `kubectl kustomize` (go-yaml v3 through kyaml)
 * writes, so committed output moves from Kustomize to kasane without a diff.
 *
 * No document model: strings are built directly. Differences from kubectl, all on purpose:
 * long strings are never folded at 80 columns; strings that YAML 1.1 reads as a float, a
 * timestamp or a merge key (`.`, `<<`, `=`, `2001-12-14 21:59:43.10 -5`) are quoted where
 * kubectl writes them plain; a byte-order mark, U+2028 and U+2029 are escaped in double quotes.
 */
import { KasaneError, type FieldPath } from '../errors.ts';
import { isPlainObject } from '../k8s/object.ts';

/** `n` spaces, cached: indentation is asked for constantly. */
const SPACES: string[] = [''];
function spaces(n: number): string {
  for (let i = SPACES.length; i <= n; i++) SPACES.push(`${SPACES[i - 1]} `);
  return SPACES[n]!;
}

// --- strings -----------------------------------------------------------------------------

/** Strings YAML 1.1 (go-yaml v2, sigs.k8s.io/yaml) or YAML 1.2 core reads as something else. */
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
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff && c !== 0x2028 && c !== 0x2029) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
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
  0x00: '\\0', 0x07: '\\a', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r',
  0x1b: '\\e', 0x22: '\\"', 0x5c: '\\\\', 0x85: '\\N', 0x2028: '\\L', 0x2029: '\\P',
};

function hex(c: number, width: number): string {
  return c.toString(16).toUpperCase().padStart(width, '0');
}

/** A double-quoted scalar with go-yaml's escapes (`\t`, `\x7F`, `\uFEFF`, `\U0001F600`). */
function doubleQuoted(s: string): string {
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
function scalarString(s: string, indent: number): string {
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
function isSimpleKey(key: string): boolean {
  if (key.length > 128) return false;
  if (/[\n\r\u0085\u2028\u2029]/.test(key)) return false;
  return key.length <= 42 || Buffer.byteLength(key, 'utf8') <= 128;
}

// --- keys --------------------------------------------------------------------------------

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

function isLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER.test(String.fromCodePoint(c));
}

function isDigit(c: number): boolean {
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return DIGIT.test(String.fromCodePoint(c));
}

/** The numeric value of the digit run starting at `from` (Go's arithmetic), and where it ends. */
function digitRun(s: string, from: number, seed: number): [value: number, end: number] {
  let value = seed;
  let end = from;
  while (end < s.length) {
    const c = s.codePointAt(end)!;
    if (!isDigit(c)) break;
    value = value * 10 + (c - 0x30);
    end += c > 0xffff ? 2 : 1;
  }
  return [value, end];
}

const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** True when every key compares at or after the one before it (`compare(next, previous) >= 0`). */
function ascending(keys: readonly string[], compare: (a: string, b: string) => number): boolean {
  for (let i = 1; i < keys.length; i++) if (compare(keys[i]!, keys[i - 1]!) < 0) return false;
  return true;
}

/**
 * The key order of `kubectl kustomize` (go-yaml's map key order): code points, except that
 * letters sort after other characters and runs of digits compare by numeric value
 * (`"_"`, `"1"`, `"9"`, `"10"`, `"A"`, `"a"`, `"a9"`, `"a10"`). Locale-independent.
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  while (i < a.length && i < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x === y) {
      i += x > 0xffff ? 2 : 1;
      continue;
    }
    const xl = isLetter(x);
    const yl = isLetter(y);
    if (xl && yl) return x - y;
    if (xl || yl) return xl ? 1 : -1;
    // A zero continuing a number that has a non-zero digit is not a leading zero.
    let seed = 0;
    if (x === 0x30 || y === 0x30) {
      for (let j = i - 1; j >= 0 && isDigit(a.charCodeAt(j)); j--) {
        if (a.charCodeAt(j) !== 0x30) {
          seed = 1;
          break;
        }
      }
    }
    const [xn, xe] = digitRun(a, i, seed);
    const [yn, ye] = digitRun(b, i, seed);
    if (xn !== yn) return xn - yn;
    if (xe !== ye) return xe - ye;
    return x - y;
  }
  return a.length - b.length;
}

// --- numbers -----------------------------------------------------------------------------

const INT64_MIN = -(2 ** 63);
const UINT64_END = 2 ** 64;

/**
 * A number as kubectl writes it: integral values in Go's int64/uint64 range as integers (JS's
 * shortest digits), others in Go's shortest `%g` form, where the exponent has a sign and two
 * digits (`1.5e-07`, `1.2345675e+06`, `1e+21`).
 */
function formatNumber(n: number): string {
  if (Number.isInteger(n) && n >= INT64_MIN && n < UINT64_END) return n === 0 ? '0' : String(n);
  const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
  const exp = Number(exponent);
  if (exp >= -4 && exp < 6) return String(n);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

// --- structure ---------------------------------------------------------------------------

/** What a value found in the data is, for the error message. */
function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return `a bigint (${value}n)`;
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object' || value === null) return `a ${typeof value}`;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name ? `a ${name}` : 'an object with a foreign prototype';
}

/** Walks one document; `path` and `open` (the containers being written) serve error reports. */
class Writer {
  out = '';
  readonly path: (string | number)[] = [];
  readonly open: object[] = [];

  constructor(private readonly root: unknown) {}

  fail(found: string): never {
    const path: FieldPath = [...this.path];
    const root = this.root as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
    const object =
      isPlainObject(root) && typeof root.kind === 'string' && typeof root.metadata?.name === 'string'
        ? {
            ...(typeof root.apiVersion === 'string' ? { apiVersion: root.apiVersion } : {}),
            kind: root.kind,
            name: root.metadata.name,
            ...(typeof root.metadata.namespace === 'string' ? { namespace: root.metadata.namespace } : {}),
          }
        : undefined;
    throw new KasaneError({
      severity: 'error',
      code: 'render/unserializable-value',
      message: `expected plain JSON data, found ${found}`,
      hint: 'use strings, finite numbers, booleans, null, arrays and plain objects (e.g. date.toISOString(), String(big))',
      path,
      ...(object ? { object } : {}),
    });
  }

  /** A scalar's text, or undefined when `value` is a container. */
  scalar(value: unknown, indent: number): string | undefined {
    switch (typeof value) {
      case 'string':
        return scalarString(value, indent);
      case 'number':
        return Number.isFinite(value) ? formatNumber(value) : this.fail(describe(value));
      case 'boolean':
        return value ? 'true' : 'false';
      case 'object':
        if (value === null) return 'null';
        if (Array.isArray(value) || isPlainObject(value)) return undefined;
        return this.fail(describe(value));
      default:
        return this.fail(describe(value));
    }
  }

  enter(value: object): void {
    if (this.open.includes(value)) this.fail('a cycle (a value that contains itself)');
    this.open.push(value);
  }

  /** The keys to write, in kubectl's order; `undefined` fields are dropped. */
  keys(obj: Record<string, unknown>): string[] {
    const keys: string[] = [];
    for (const key of Object.keys(obj)) if (obj[key] !== undefined) keys.push(key);
    // go-yaml's order is not transitive for some mixes of digits and letters (kubectl's own
    // output then varies from run to run); a code-unit pre-sort makes ours deterministic.
    // Most maps are in order already: a sort of a list that is one ascending run (what V8's
    // TimSort checks first) leaves it as it is, so the check alone gives the same list.
    if (keys.length < 2) return keys;
    if (!ascending(keys, compareCodeUnits)) keys.sort();
    if (!ascending(keys, compareKeys)) keys.sort(compareKeys);
    return keys;
  }

  /** A value after `key:`; `indent` is the key's column. */
  afterKey(value: unknown, indent: number): void {
    const text = this.scalar(value, indent + 2);
    if (text !== undefined) {
      this.out += ` ${text}\n`;
    } else if (Array.isArray(value)) {
      if (value.length === 0) this.out += ' []\n';
      else this.sequence(value, indent, false);
    } else {
      const obj = value as Record<string, unknown>;
      const keys = this.keys(obj);
      if (keys.length === 0) this.out += ' {}\n';
      else this.mapping(obj, keys, indent + 2, false);
    }
  }

  /** A value after `- `, `? ` or `: `; `indent` is the indicator's column. */
  compact(value: unknown, indent: number): void {
    const text = this.scalar(value, indent + 2);
    if (text !== undefined) {
      this.out += ` ${text}\n`;
    } else if (Array.isArray(value)) {
      this.out += value.length === 0 ? ' []\n' : ' ';
      if (value.length > 0) this.sequence(value, indent + 2, true);
    } else {
      const obj = value as Record<string, unknown>;
      const keys = this.keys(obj);
      this.out += keys.length === 0 ? ' {}\n' : ' ';
      if (keys.length > 0) this.mapping(obj, keys, indent + 2, true);
    }
  }

  /** Block sequence items at column `indent`; `inline` when the first `-` follows on this line. */
  sequence(items: readonly unknown[], indent: number, inline: boolean): void {
    this.enter(items);
    const pad = spaces(indent);
    this.out += inline ? '' : '\n';
    for (let i = 0; i < items.length; i++) {
      this.path.push(i);
      // A hole or `undefined` item is written as null, as JSON.stringify does.
      this.out += i === 0 && inline ? '-' : `${pad}-`;
      this.compact(items[i] ?? null, indent);
      this.path.pop();
    }
    this.open.pop();
  }

  /** Block mapping with keys at column `indent`; `inline` when the first key follows on this line. */
  mapping(obj: Record<string, unknown>, keys: readonly string[], indent: number, inline: boolean): void {
    this.enter(obj);
    const pad = spaces(indent);
    this.out += inline ? '' : '\n';
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      this.path.push(key);
      this.out += i === 0 && inline ? '' : pad;
      if (isSimpleKey(key)) {
        this.out += `${scalarString(key, indent)}:`;
        this.afterKey(obj[key], indent);
      } else {
        this.out += `? ${scalarString(key, indent + 2)}\n${pad}:`;
        this.compact(obj[key], indent);
      }
      this.path.pop();
    }
    this.open.pop();
  }
}

/**
 * One YAML document for a JSON-like value (usually a Kubernetes object), ending with a line
 * break, formatted as `kubectl kustomize` writes it: keys sorted at every depth, block style,
 * sequences not indented under their key, `{}` and `[]` for empty containers, multi-line
 * strings as literal block scalars, and quotes wherever a YAML 1.1 or 1.2 reader would
 * otherwise read a string as something else. Fields set to `undefined` are left out.
 *
 * @example emitDocument({ kind: 'ConfigMap', data: { port: '8080' } })
 * // 'data:\n  port: "8080"\nkind: ConfigMap\n'
 * @throws KasaneError `render/unserializable-value` for NaN, Infinity, bigint, functions,
 * symbols, `undefined` at the root, Dates, Maps, class instances and cycles, with the field path.
 */
export function emitDocument(value: unknown): string {
  const writer = new Writer(value);
  const text = writer.scalar(value, 2);
  if (text !== undefined) return `${text}\n`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]\n';
    writer.sequence(value, 0, true);
  } else {
    const obj = value as Record<string, unknown>;
    const keys = writer.keys(obj);
    if (keys.length === 0) return '{}\n';
    writer.mapping(obj, keys, 0, true);
  }
  return writer.out;
}

/**
 * Several documents joined with `---` lines, as `kubectl kustomize` prints a stream (no
 * leading `---`; the empty string for no documents).
 *
 * @throws KasaneError `render/unserializable-value`, as {@link emitDocument}.
 */
export function emitDocuments(values: readonly unknown[]): string {
  return values.map(emitDocument).join('---\n');
}
