/**
 * What one YAML scalar means to Kubernetes, in the two ways a manifest reaches the API server:
 *
 * - `kubectl`: `kubectl apply -f` reads with sigs.k8s.io/yaml over go-yaml v2 (YAML 1.1):
 *   `yes`/`on`/`y` are booleans, `0644` is octal, `1_000` and `0b101` are integers, timestamps
 *   stay text; the result goes through JSON, where integers beyond int64 become floats;
 * - `kustomize`: `kubectl kustomize` reads resource and patch files with go-yaml v3: only
 *   `true`/`false` are booleans, numbers as above, and a plain timestamp becomes RFC 3339 text.
 *
 * Both follow go-yaml's `resolve` (the first character picks what a plain scalar may be, then
 * Go's `strconv` parses it). Integers that a JavaScript number cannot hold exactly are bigints,
 * so no digit is lost between input and output. Every rule here is pinned by a kubectl reading
 * in test/oracle/yaml-read/.
 */
import { goTimestampJson, isGoTimestamp } from './go-timestamp.ts';

/** Which kubectl reading to reproduce. */
export type YamlDialect = 'kubectl' | 'kustomize';

/** A scalar as the parser saw it. */
export interface RawScalar {
  text: string;
  /** Plain scalars are resolved; quoted and block scalars are strings unless tagged. */
  plain: boolean;
  /** Explicit tag, long form (`tag:yaml.org,2002:int`, `!foo`). @default none */
  tag?: string;
}

/** What a scalar resolves to. */
export type Resolved = { value: unknown; type: 'str' | 'bool' | 'null' | 'int' | 'float' | 'timestamp'; unsigned?: true } | { error: string };

const Y = 'tag:yaml.org,2002:';
const SHORT: Record<string, string> = { [`${Y}str`]: 'str', [`${Y}bool`]: 'bool', [`${Y}null`]: 'null', [`${Y}int`]: 'int', [`${Y}float`]: 'float', [`${Y}timestamp`]: 'timestamp' };
const BINARY = `${Y}binary`;

const BOOLS_V2: Record<string, boolean> = Object.fromEntries([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((w) => [w, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((w) => [w, false]),
]);
const BOOLS_V3: Record<string, boolean> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const SPECIAL_FLOATS: Record<string, number> = Object.fromEntries([
  ...['.nan', '.NaN', '.NAN'].map((w) => [w, Number.NaN]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((w) => [w, Number.POSITIVE_INFINITY]),
  ...['-.inf', '-.Inf', '-.INF'].map((w) => [w, Number.NEGATIVE_INFINITY]),
]);
// go-yaml's `yamlStyleFloat`: the float syntax it lets through to strconv.ParseFloat.
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * An int64 as a JavaScript value that keeps it exactly: a number up to 2^53 - 1, a bigint beyond
 * (which the emitter writes digit for digit).
 */
export function exactInteger(value: bigint): number | bigint {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

/** Go's `strconv.ParseInt(s, 0, 64)` / `ParseUint`: a bigint, or why it fails. */
function goParseInt(s: string, signed: boolean): bigint | 'syntax' | 'range' {
  let rest = s;
  let negative = false;
  if (signed && (rest[0] === '+' || rest[0] === '-')) {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  const prefix = /^0[xXbBoO]/.exec(rest)?.[0].toLowerCase();
  const digits = prefix ? rest.slice(2) : rest;
  const pattern = prefix === '0x' ? /^[0-9a-fA-F]+$/ : prefix === '0b' ? /^[01]+$/ : prefix === '0o' || (rest.length > 1 && rest[0] === '0') ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!pattern.test(digits)) return 'syntax';
  const magnitude = prefix ? BigInt(`${prefix}${digits}`) : rest.length > 1 && rest[0] === '0' ? BigInt(`0o${digits}`) : BigInt(digits);
  const value = negative ? -magnitude : magnitude;
  if (signed ? value > INT64_MAX || value < -INT64_MAX - 1n : value > UINT64_MAX) return 'range';
  return value;
}

/** The float Go's `ParseFloat` gives for text in go-yaml's float syntax; undefined on overflow. */
function goParseFloat(text: string): number | undefined {
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/** Resolves a plain scalar (or one with a resolvable tag) as go-yaml's `resolve` does. */
function resolveText(text: string, tag: string, dialect: YamlDialect): Resolved {
  const first = text === '' ? 'N' : text[0]!;
  const hint = first === 'N' ? 'M' : first === '-' || first === '+' ? 'S' : first >= '0' && first <= '9' ? 'D' : 'yYnNtTfFoO~'.includes(first) ? 'M' : first === '.' ? '.' : undefined;
  if (hint === undefined || tag === 'str') return { value: text, type: 'str' };
  const bools = dialect === 'kubectl' ? BOOLS_V2 : BOOLS_V3;
  if (Object.hasOwn(bools, text)) return { value: bools[text], type: 'bool' };
  if (NULLS.has(text)) return { value: null, type: 'null' };
  if (Object.hasOwn(SPECIAL_FLOATS, text)) return { value: SPECIAL_FLOATS[text], type: 'float' };
  if (hint === '.') {
    const f = /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? goParseFloat(text) : undefined;
    return f === undefined ? { value: text, type: 'str' } : { value: f, type: 'float' };
  }
  if (hint === 'S' || hint === 'D') {
    if ((tag === '' || tag === 'timestamp') && isGoTimestamp(text)) {
      return { value: dialect === 'kustomize' ? goTimestampJson(text) : text, type: 'timestamp' };
    }
    const plain = text.replaceAll('_', '');
    const int = goParseInt(plain, true);
    if (typeof int === 'bigint') return { value: exactInteger(int), type: 'int' };
    // Between int64 and uint64 go-yaml gives a uint64, which JSON and the API server's decoder
    // turn into a float64.
    const uint = goParseInt(plain, false);
    if (typeof uint === 'bigint') return { value: Number(uint), type: 'int', unsigned: true };
    const f = YAML_STYLE_FLOAT.test(plain) ? goParseFloat(plain) : undefined;
    if (f !== undefined) return { value: f, type: 'float' };
  }
  return { value: text, type: 'str' };
}

function describeTag(tag: string): string {
  return tag.startsWith(Y) ? `!!${tag.slice(Y.length)}` : tag;
}

/** go-yaml's `!!binary`: standard base64 (line breaks skipped) of UTF-8 text. */
function binary(text: string): Resolved {
  const clean = text.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean)) return { error: '!!binary value contains invalid base64 data' };
  try {
    return { value: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(clean, 'base64')), type: 'str' };
  } catch {
    // kubectl would replace the invalid bytes with U+FFFD; kasane does not change data silently.
    return { error: '!!binary value is not UTF-8 text, which a JSON string cannot hold' };
  }
}

/**
 * What `scalar` means in `dialect`. Values JSON cannot hold (NaN, infinities) are errors, as
 * they are for kubectl; so is a value its explicit tag does not allow (`!!int 1.5`).
 */
export function resolveScalar(scalar: RawScalar, dialect: YamlDialect): Resolved {
  const tag = scalar.tag;
  if (tag === BINARY) return binary(scalar.text);
  if (tag !== undefined && !Object.hasOwn(SHORT, tag)) return { value: scalar.text, type: 'str' };
  if (tag === undefined && !scalar.plain) return { value: scalar.text, type: 'str' };
  const want = tag === undefined ? '' : SHORT[tag]!;
  const got = resolveText(scalar.text, want, dialect);
  if ('error' in got) return got;
  if (want !== '' && want !== 'str' && got.type !== want) {
    if (want === 'float' && got.type === 'int') return { value: jsonFloat(Number(got.value)), type: 'float' };
    return { error: `cannot decode !!${got.type} \`${scalar.text}\` as a ${describeTag(tag!)}` };
  }
  if (typeof got.value === 'number' && !Number.isFinite(got.value)) return { error: `${scalar.text} (${String(got.value)}) cannot be written as JSON, which the API server reads` };
  return got.type === 'float' ? { value: jsonFloat(got.value as number), type: 'float' } : got;
}

/**
 * A float as kubectl holds it after JSON: Go writes an integral float below 1e21 as its
 * shortest digits without exponent, and the API server's decoder reads those back as an int64
 * when they fit (`1e3` → 1000, `9007199254740993.0` → 9007199254740992). JSON has no -0.
 */
function jsonFloat(f: number): number | bigint {
  if (Object.is(f, -0)) return 0;
  if (!Number.isInteger(f) || Math.abs(f) >= 1e21) return f;
  const int = BigInt(String(f));
  return int > INT64_MAX || int < -INT64_MAX - 1n ? f : exactInteger(int);
}

/** Go's `strconv.FormatFloat(f, 'g', -1, 32)`, which sigs.k8s.io/yaml uses for a float map key. */
function formatFloat32(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const single = Math.fround(f);
  let digits = '';
  for (let p = 1; p <= 9; p++) {
    digits = single.toPrecision(p);
    if (Math.fround(Number(digits)) === single) break;
  }
  const [mantissa, exp] = Number(digits).toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(Number(digits));
}

/**
 * A map key as a JSON object key, or why it cannot be one. kubectl turns booleans, integers and
 * floats into text (`on` → `true`, `0644` → `420`) and refuses null and uint64 keys; kustomize
 * refuses any key that is not a string to go-yaml v3.
 */
export function resolveKey(scalar: RawScalar, dialect: YamlDialect): { key: string } | { error: string } {
  const got = scalar.tag === BINARY ? binary(scalar.text) : scalar.tag === undefined && !scalar.plain ? ({ value: scalar.text, type: 'str' } as const) : resolveKeyText(scalar, dialect);
  if ('error' in got) return got;
  if (got.type === 'str') return { key: got.value as string };
  if (dialect === 'kustomize') return { error: `the key ${JSON.stringify(scalar.text)} is a ${got.type}, and kustomize accepts only string keys: quote it` };
  if (got.type === 'bool') return { key: String(got.value) };
  if (got.type === 'timestamp') return { key: scalar.text };
  if (got.type === 'null') return { error: `a null key (${JSON.stringify(scalar.text)}) cannot be a JSON field name: quote it` };
  if (got.type === 'int') {
    if (got.unsigned) return { error: `the key ${scalar.text} is an unsigned 64-bit integer, which kubectl cannot use as a field name: quote it` };
    return { key: BigInt(got.value as number | bigint).toString() };
  }
  return { key: formatFloat32(got.value as number) };
}

/** A key resolves like a value, except that NaN and infinities are allowed (as `.nan`, `.inf`). */
function resolveKeyText(scalar: RawScalar, dialect: YamlDialect): Resolved {
  const tag = scalar.tag;
  if (tag !== undefined && !Object.hasOwn(SHORT, tag)) return { value: scalar.text, type: 'str' };
  const want = tag === undefined ? '' : SHORT[tag]!;
  const got = resolveText(scalar.text, want, dialect);
  if ('error' in got || want === '' || want === 'str' || got.type === want) return got;
  if (want === 'float' && got.type === 'int') return { value: Number(got.value), type: 'float' };
  return { error: `cannot decode !!${got.type} \`${scalar.text}\` as a ${describeTag(tag!)}` };
}
