/**
 * A tiny TypeScript printer for generated project files: plain values become literals
 * (2-space indent, single quotes, short objects on one line), with code nodes for calls and
 * identifiers, and field comments carried over from YAML.
 */
import { bigintLiteral, propertyKey, tsString } from '../codegen/identifiers.ts';

/** Key under which an object carries the YAML comments of its fields (`field → text`). */
export const FIELD_COMMENTS: unique symbol = Symbol('kasane.fieldComments');

const CODE: unique symbol = Symbol('kasane.code');

/** A piece of code inside a printed value (branded, so no Kubernetes field looks like one). */
export type CodeNode = { readonly [CODE]: 'ref'; readonly text: string } | { readonly [CODE]: 'call'; readonly callee: string; readonly args: readonly unknown[] };

/** An identifier or expression printed as written, e.g. `values.replicas`. */
export function ref(text: string): CodeNode {
  return { [CODE]: 'ref', text };
}

/** A call `callee(arg, ...)` whose arguments are printed as values. */
export function call(callee: string, ...args: unknown[]): CodeNode {
  return { [CODE]: 'call', callee, args };
}

function isCode(value: unknown): value is CodeNode {
  return typeof value === 'object' && value !== null && CODE in value;
}

const MAX_WIDTH = 100;
/** A string as a single-quoted TypeScript literal (the code generator's own quoting). */
export const quote = tsString;

export { propertyKey };

function commentsOf(value: object): Readonly<Record<string, string>> {
  return (value as { [FIELD_COMMENTS]?: Record<string, string> })[FIELD_COMMENTS] ?? {};
}

/** `text` as `//` comment lines at `pad`. */
export function lineComments(text: string, pad: string): string {
  return text
    .split('\n')
    .map((line) => `${pad}//${line === '' || line.startsWith(' ') ? line : ` ${line}`}`.trimEnd())
    .join('\n');
}

/** Prints `value` as TypeScript, starting at indentation level `level`. */
export function printValue(value: unknown, level = 0): string {
  return printFlat(value, MAX_WIDTH - level * 2) ?? printBroken(value, level);
}

/**
 * One-line form when it fits in `room` characters; undefined when it does not, or when the
 * value holds comments. Printing stops as soon as the line is too long: each level of a deep
 * value is tried flat before it is broken, and a whole environment must not be printed on one
 * line at every level.
 */
function printFlat(value: unknown, room: number): string | undefined {
  let text: string | undefined;
  if (value === undefined) text = 'undefined';
  else if (value === null || typeof value === 'boolean' || typeof value === 'number') text = String(value);
  else if (typeof value === 'bigint') text = bigintLiteral(value);
  else if (typeof value === 'string') text = quote(value);
  else if (isCode(value))
    text =
      value[CODE] === 'ref'
        ? value.text
        : flatList(
            value.args.map((a) => ['', a]),
            `${value.callee}(`,
            ')',
            room,
          );
  else if (Array.isArray(value))
    text = flatList(
      value.map((v) => ['', v]),
      '[',
      ']',
      room,
    );
  else if (typeof value === 'object') {
    if (Object.keys(commentsOf(value)).length) return undefined;
    const entries = Object.entries(value);
    text = entries.length
      ? flatList(
          entries.map(([k, v]) => [`${propertyKey(k)}: `, v]),
          '{ ',
          ' }',
          room,
        )
      : '{}';
  } else throw new Error(`cannot print a value of type ${typeof value}`);
  return text !== undefined && text.length <= room ? text : undefined;
}

/** `open`, the items (each a prefix and a value) printed flat and comma-separated, `close`; undefined past `room`. */
function flatList(items: readonly (readonly [string, unknown])[], open: string, close: string, room: number): string | undefined {
  let out = open;
  for (const [i, [prefix, v]] of items.entries()) {
    const head = `${i ? ', ' : ''}${prefix}`;
    const printed = printFlat(v, room - out.length - head.length - close.length);
    if (printed === undefined) return undefined;
    out += head + printed;
  }
  return out + close;
}

function printBroken(value: unknown, level: number): string {
  const pad = '  '.repeat(level + 1);
  const end = '  '.repeat(level);
  if (isCode(value)) {
    if (value[CODE] === 'ref') return value.text;
    if (value.args.length === 1) return `${value.callee}(${printValue(value.args[0], level)})`;
    return `${value.callee}(\n${value.args.map((a) => `${pad}${printValue(a, level + 1)},`).join('\n')}\n${end})`;
  }
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => `${pad}${printValue(v, level + 1)},`).join('\n')}\n${end}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const comments = commentsOf(value);
    const lines = Object.entries(value).map(([k, v]) => {
      const note = Object.hasOwn(comments, k) ? comments[k] : undefined;
      const head = note ? `${lineComments(note, pad)}\n` : '';
      return `${head}${pad}${propertyKey(k)}: ${printValue(v, level + 1)},`;
    });
    return `{\n${lines.join('\n')}\n${end}}`;
  }
  return printFlat(value, Infinity)!;
}
