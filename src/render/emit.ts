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
import { isPlainObject } from '../util/plain-object.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { ascending, compareKeys } from './key-order.ts';
import { isSimpleKey, scalarString, spaces } from './yaml-scalar.ts';

const INT64_MIN = -(2 ** 63);
const UINT64_END = 2 ** 64;
const BIG_INT64_MIN = -(2n ** 63n);
const BIG_UINT64_MAX = 2n ** 64n - 1n;

/**
 * A number as kubectl writes it: integral values in Go's int64/uint64 range as integers (JS's
 * shortest digits, as JSON.stringify writes them; an exact integer beyond 2^53 is a bigint),
 * others in Go's shortest `%g` form, where the exponent has a sign and two digits (`1.5e-07`,
 * `1.2345675e+06`, `1e+21`).
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
  if (typeof value === 'bigint') return `a bigint beyond 64 bits (${value}n)`;
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object' || value === null) return `a ${typeof value}`;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name ? `a ${name}` : 'an object with a foreign prototype';
}

/** Keys seen so far → `key:` as written, or null for a key written as `? key`. */
const KEY_TEXT = new Map<string, string | null>();
/** Bound of {@link KEY_TEXT}: field names repeat in every object; data keys need not. */
const KEY_TEXT_LIMIT = 20_000;

/**
 * `key:` for a key written on one line, undefined for a `? key` one. Memoized: a few dozen
 * field names make up most keys of every object, and choosing their style runs several
 * regular expressions. A key's text never depends on its indentation.
 */
function simpleKeyText(key: string): string | undefined {
  let text = KEY_TEXT.get(key);
  if (text === undefined) {
    text = isSimpleKey(key) ? `${scalarString(key, 0)}:` : null;
    if (KEY_TEXT.size < KEY_TEXT_LIMIT) KEY_TEXT.set(key, text);
  }
  return text ?? undefined;
}

/** Strings up to this length are memoized by {@link shortScalar}. */
const SHORT_STRING = 64;
/** Short strings seen so far → their text, unless it is a block scalar (whose lines move with the indentation). */
const SHORT_TEXT = new Map<string, string>();
const SHORT_TEXT_LIMIT = 50_000;

/** {@link scalarString}, memoized for short values: names, kinds, ports and images repeat across objects. */
function shortScalar(value: string, indent: number): string {
  let text = SHORT_TEXT.get(value);
  if (text === undefined) {
    text = scalarString(value, indent);
    if (SHORT_TEXT.size < SHORT_TEXT_LIMIT && text.charCodeAt(0) !== 0x7c) SHORT_TEXT.set(value, text);
  }
  return text;
}

/**
 * Sorts `keys` in place by code unit. Maps have a handful of keys: an insertion sort allocates
 * nothing, where `Array.prototype.sort` makes a work copy for every map of every object.
 * The order is total on distinct keys, so the result is the one any sort gives.
 */
function sortByCodeUnits(keys: string[]): void {
  if (keys.length > 24) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
}

/** Thrown by an untracked {@link Writer} on any problem: the document is written again, tracked. */
const RETRY_TRACKED = Symbol('retry tracked');

/** Containers nested deeper than this in an untracked write are checked for a cycle by a tracked one. */
const UNTRACKED_DEPTH = 256;

/**
 * Walks one document. A tracked writer keeps the field path and the containers being written
 * (`open`), for error reports and cycle checks; an untracked one only counts the depth and, on
 * any problem, gives up for a tracked writer to find and report it. Documents are written
 * untracked first: nearly all of them have no problem.
 */
class Writer {
  out = '';
  readonly path: (string | number)[] = [];
  readonly open: object[] = [];
  private depth = 0;

  constructor(
    private readonly root: unknown,
    private readonly tracked: boolean,
  ) {}

  fail(found: string): never {
    if (!this.tracked) throw RETRY_TRACKED;
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
      hint: 'use strings, finite numbers, bigints of at most 64 bits, booleans, null, arrays and plain objects (e.g. date.toISOString())',
      path,
      ...(object ? { object } : {}),
    });
  }

  /** A scalar's text, or undefined when `value` is a container. */
  scalar(value: unknown, indent: number): string | undefined {
    switch (typeof value) {
      case 'string':
        return value.length <= SHORT_STRING ? shortScalar(value, indent) : scalarString(value, indent);
      case 'number':
        return Number.isFinite(value) ? formatNumber(value) : this.fail(describe(value));
      case 'boolean':
        return value ? 'true' : 'false';
      case 'bigint':
        // Integers a number cannot hold exactly (read from YAML): Go's int64 and uint64 range.
        return value >= BIG_INT64_MIN && value <= BIG_UINT64_MAX ? value.toString() : this.fail(describe(value));
      case 'object':
        if (value === null) return 'null';
        if (Array.isArray(value) || isPlainObject(value)) return undefined;
        return this.fail(describe(value));
      default:
        return this.fail(describe(value));
    }
  }

  enter(value: object): void {
    if (!this.tracked) {
      if (++this.depth > UNTRACKED_DEPTH) this.fail('a deep value');
      return;
    }
    if (this.open.includes(value)) this.fail('a cycle (a value that contains itself)');
    this.open.push(value);
  }

  leave(): void {
    if (this.tracked) this.open.pop();
    else this.depth--;
  }

  /** Notes the key or index being written (tracked writers only). */
  at(step: string | number): void {
    if (this.tracked) this.path.push(step);
  }

  /** Leaves the key or index noted by {@link at}. */
  done(): void {
    if (this.tracked) this.path.pop();
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
    if (!ascending(keys, compareCodeUnits)) sortByCodeUnits(keys);
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
      this.at(i);
      // A hole or `undefined` item is written as null, as JSON.stringify does.
      this.out += i === 0 && inline ? '-' : `${pad}-`;
      this.compact(items[i] ?? null, indent);
      this.done();
    }
    this.leave();
  }

  /** Block mapping with keys at column `indent`; `inline` when the first key follows on this line. */
  mapping(obj: Record<string, unknown>, keys: readonly string[], indent: number, inline: boolean): void {
    this.enter(obj);
    const pad = spaces(indent);
    this.out += inline ? '' : '\n';
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      this.at(key);
      this.out += i === 0 && inline ? '' : pad;
      const simple = simpleKeyText(key);
      if (simple !== undefined) {
        this.out += simple;
        this.afterKey(obj[key], indent);
      } else {
        this.out += `? ${scalarString(key, indent + 2)}\n${pad}:`;
        this.compact(obj[key], indent);
      }
      this.done();
    }
    this.leave();
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
 * Bigints (integers beyond 2^53 - 1 read from YAML) in Go's int64/uint64 range are written
 * digit for digit.
 * @throws KasaneError `render/unserializable-value` for NaN, Infinity, bigints beyond 64 bits, functions,
 * symbols, `undefined` at the root, Dates, Maps, class instances and cycles, with the field path.
 */
export function emitDocument(value: unknown): string {
  try {
    return write(new Writer(value, false), value);
  } catch (error) {
    if (error !== RETRY_TRACKED) throw error;
    return write(new Writer(value, true), value);
  }
}

function write(writer: Writer, value: unknown): string {
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
