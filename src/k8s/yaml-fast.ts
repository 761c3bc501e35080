/**
 * A fast path for the block YAML most manifests are written in (what `helm template` prints,
 * what kubectl, controller-gen and kasane write): block maps and lists, plain and quoted scalars
 * over one line or several, literal and folded block scalars, `[]` and `{}`, comments and `---`
 * markers. Reading helm's output with the `yaml` package costs about as much as helm takes to
 * print it; this reads it several times faster.
 *
 * It gives up (returns undefined) at anything else: anchors, aliases, tags, flow collections
 * with content, complex and merge keys, directives, `...`, tabs in indentation, repeated keys,
 * nesting near the reader's limit, anything that would be a problem. readYaml (yaml-read.ts)
 * then reads the whole input with the full reader, so values and problems are the full
 * reader's wherever this path is unsure; test/k8s/yaml-fast*.test.ts hold the two together.
 * Scalars and keys are resolved by yaml-resolve.ts, as in the full reader.
 */
import { setOwn } from '../util/plain-object.ts';
import { blockScalar, commentStart, GIVE_UP, giveUp, plainScalar, plainStart, quotedOnLine, quotedScalar, restIsComment } from './yaml-fast-scalar.ts';
import { resolveKey, resolveScalar, type YamlDialect } from './yaml-resolve.ts';

/** One document read by the fast path: its 0-based index, the 1-based line its content starts on, and its value. */
export interface FastDocument {
  index: number;
  line: number;
  value: unknown;
}

/** Implicit keys longer than this are refused by YAML; the fast path leaves them to the full reader. */
const MAX_KEY = 1000;

/**
 * The indentation of each line (its leading spaces), measured once: a node asks for the lines
 * after it at every level it ends. -1 for a line whose indentation holds a tab.
 */
function indentations(lines: readonly string[]): Int32Array {
  const out = new Int32Array(lines.length);
  lines.forEach((line, j) => {
    let n = 0;
    while (line.charCodeAt(n) === 32) n++;
    out[j] = line.charCodeAt(n) === 9 ? -1 : n;
  });
  return out;
}

/** True when column `k` of `line` holds a `-` list item indicator. */
function isDash(line: string, k: number): boolean {
  return line.charCodeAt(k) === 45 && (k + 1 === line.length || line.charCodeAt(k + 1) === 32);
}

/** A `key:` entry: the key and the column after its colon. */
interface Entry {
  key: string;
  rest: number;
}

class FastReader {
  /** The line after the node read last. */
  private i = 0;
  constructor(
    private readonly lines: readonly string[],
    private readonly indents: Int32Array,
    private readonly end: number,
    private readonly dialect: YamlDialect,
    private readonly maxDepth: number,
    /** True when this segment ends the input and the input has no final line break. */
    private readonly openEnd: boolean,
  ) {}

  /** The indentation of line `j`; gives up at a tab in it. */
  private indent(j: number): number {
    const n = this.indents[j]!;
    return n < 0 ? giveUp() : n;
  }

  /** True for a line that holds nothing but spaces or a comment. */
  private blank(j: number): boolean {
    const n = this.indent(j);
    return n === this.lines[j]!.length || this.lines[j]!.charCodeAt(n) === 35;
  }

  /** The last {@link nextLine} asked and its answer. */
  private skipFrom = -1;
  private skipTo = -1;

  /**
   * The next line at or after `from` that is neither blank nor a comment, or `end`. Every node
   * that ends at a line asks from there, so the answer is kept: blank lines after a deeply
   * nested node are skipped once, not once per level.
   */
  nextLine(from: number): number {
    if (from === this.skipFrom) return this.skipTo;
    let j = from;
    while (j < this.end && this.blank(j)) j++;
    this.skipFrom = from;
    this.skipTo = j;
    return j;
  }

  /** The value of the document whose first content line is `first`. */
  document(first: number): unknown {
    const line = this.lines[first]!;
    const col = this.indent(first);
    let value: unknown;
    if (isDash(line, col) || this.keyAt(line, col)) value = this.node(first, col, 0);
    else {
      // A document that is one scalar on one line.
      value = this.inlineValue(line, col, first, -1, 0);
      if (this.i !== first + 1) giveUp();
    }
    if (this.nextLine(this.i) < this.end) giveUp();
    return value;
  }

  /** A map or list whose first token is at column `col` of line `li`. */
  private node(li: number, col: number, depth: number): unknown {
    if (depth > this.maxDepth) giveUp();
    const line = this.lines[li]!;
    if (isDash(line, col)) return this.sequence(li, col, depth);
    const entry = this.keyAt(line, col) ?? giveUp();
    return this.map(li, col, depth, entry);
  }

  /** The entry at column `col` of `line`, or undefined when the text there is no `key:` entry. */
  private keyAt(line: string, col: number): Entry | undefined {
    const c = line[col];
    if (c === undefined) return undefined;
    let text: string;
    let colon: number;
    let plain = true;
    if (c === '"' || c === "'") {
      const quoted = quotedOnLine(line, col);
      if (!quoted) return undefined;
      colon = quoted.after;
      while (line.charCodeAt(colon) === 32) colon++;
      if (line.charCodeAt(colon) !== 58) return undefined;
      text = quoted.value;
      plain = false;
    } else {
      if (!plainStart(line, col)) return undefined;
      const stop = commentStart(line, col);
      colon = -1;
      for (let k = line.indexOf(':', col); k >= 0 && k < stop; k = line.indexOf(':', k + 1)) {
        if (k + 1 === line.length || line.charCodeAt(k + 1) === 32) {
          colon = k;
          break;
        }
      }
      if (colon < 0) return undefined;
      text = line.slice(col, colon).trimEnd();
      if (text.includes('\t') || text.includes(' #')) giveUp();
    }
    if (colon + 1 < line.length && line.charCodeAt(colon + 1) !== 32) giveUp();
    if (text === '<<' || text.length > MAX_KEY) giveUp();
    const got = resolveKey({ text, plain }, this.dialect);
    if ('error' in got) giveUp();
    return { key: got.key, rest: colon + 1 };
  }

  /** A map whose first key is at column `col` of line `li`. */
  private map(li: number, col: number, depth: number, first: Entry): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let at = li;
    let entry: Entry | undefined = first;
    for (;;) {
      const line = this.lines[at]!;
      entry ??= this.keyAt(line, col) ?? giveUp();
      if (Object.hasOwn(out, entry.key)) giveUp();
      setOwn(out, entry.key, this.value(line, entry.rest, at, col, depth, true));
      entry = undefined;
      const next = this.nextLine(this.i);
      if (next >= this.end) break;
      const indent = this.indent(next);
      if (indent < col) break;
      if (indent > col) giveUp();
      at = next;
    }
    return out;
  }

  /** A list whose first `-` is at column `col` of line `li`. */
  private sequence(li: number, col: number, depth: number): unknown[] {
    const out: unknown[] = [];
    let at = li;
    for (;;) {
      const line = this.lines[at]!;
      let k = col + 1;
      while (line.charCodeAt(k) === 32) k++;
      if (line.charCodeAt(k) === 9) giveUp();
      if (k >= line.length || line.charCodeAt(k) === 35) out.push(this.nested(at, col, depth, false));
      else if (isDash(line, k)) out.push(this.node(at, k, depth + 1));
      else {
        const entry = this.keyAt(line, k);
        out.push(entry ? this.map(at, k, depth + 1, entry) : this.inlineValue(line, k, at, col, depth));
      }
      const next = this.nextLine(this.i);
      if (next >= this.end) break;
      const indent = this.indent(next);
      if (indent < col) break;
      if (indent > col) giveUp();
      // A list that is a map's value at the map's indentation ends at the map's next key.
      if (!isDash(this.lines[next]!, col)) break;
      at = next;
    }
    return out;
  }

  /** The node below line `li` (an entry or item without a value on its own line), or null. */
  private nested(li: number, col: number, depth: number, inMap: boolean): unknown {
    const next = this.nextLine(li + 1);
    this.i = li + 1;
    if (next >= this.end) return null;
    const line = this.lines[next]!;
    const indent = this.indent(next);
    if (indent > col) {
      if (isDash(line, indent) || this.keyAt(line, indent)) return this.node(next, indent, depth + 1);
      // A scalar on the line below its entry.
      if (line[indent] === '|' || line[indent] === '>') giveUp();
      return this.inlineValue(line, indent, next, col, depth);
    }
    // A map's value may be a list at the map's own indentation.
    if (inMap && indent === col && isDash(line, col)) return this.sequence(next, col, depth + 1);
    return null;
  }

  /** The value after an entry's `:` at column `from` of line `li`; `col` is the entry's indentation. */
  private value(line: string, from: number, li: number, col: number, depth: number, inMap: boolean): unknown {
    let k = from;
    while (line.charCodeAt(k) === 32) k++;
    if (line.charCodeAt(k) === 9) giveUp();
    if (k >= line.length || line.charCodeAt(k) === 35) return this.nested(li, col, depth, inMap);
    return this.inlineValue(line, k, li, col, depth);
  }

  /** A value starting at column `k` of line `li` below an entry at `col`: a scalar, `[]`, `{}` or a block scalar. */
  private inlineValue(line: string, k: number, li: number, col: number, depth: number): unknown {
    if (depth > this.maxDepth) giveUp();
    const c = line[k]!;
    if (c === '"' || c === "'") {
      const quoted = quotedScalar(this.lines, this.end, li, k, col);
      if (!restIsComment(this.lines[quoted.next - 1]!, quoted.after)) giveUp();
      this.i = quoted.next;
      return quoted.value;
    }
    if (c === '|' || c === '>') {
      const block = blockScalar(this.lines, this.end, li, k, col, this.openEnd);
      this.i = block.next;
      return block.text;
    }
    if (c === '[' || c === '{') {
      let e = k + 1;
      while (line.charCodeAt(e) === 32) e++;
      if (line[e] !== (c === '[' ? ']' : '}') || !restIsComment(line, e + 1)) giveUp();
      this.i = li + 1;
      return c === '[' ? [] : {};
    }
    if (!plainStart(line, k)) giveUp();
    const plain = plainScalar(this.lines, this.end, li, k, col);
    this.i = plain.next;
    const got = resolveScalar({ text: plain.text, plain: true }, this.dialect);
    return 'error' in got ? giveUp() : got.value;
  }
}

/** True for a document marker line: `---` alone or before a comment; gives up at `---` before content. */
function isMarker(line: string): boolean {
  if (!line.startsWith('---')) return false;
  if (line.length === 3) return true;
  const c = line.charCodeAt(3);
  if (c !== 32 && c !== 9) return false;
  const rest = line.slice(4).trim();
  if (rest !== '' && !rest.startsWith('#')) giveUp();
  return true;
}

/**
 * The documents of `text` read the fast way, or undefined when the text needs the full reader.
 * Documents are split at `---` lines as the full reader splits them: an explicit document
 * without content is null, text before the first marker is a document only when it has content.
 */
export function readFast(text: string, dialect: YamlDialect, maxDepth: number): FastDocument[] | undefined {
  if (/[\r\x85\u2028\u2029\ufeff]/.test(text)) return undefined;
  try {
    const lines = text.split('\n');
    const openEnd = lines[lines.length - 1] !== '';
    if (!openEnd) lines.pop();
    const starts = [{ from: 0, marker: -1 }];
    for (let j = 0; j < lines.length; j++) {
      const c = lines[j]!.charCodeAt(0);
      if (c === 37 /* % */ || (c === 46 && lines[j]!.startsWith('...'))) return undefined;
      if (c === 45 && isMarker(lines[j]!)) starts.push({ from: j + 1, marker: j });
    }
    const indents = indentations(lines);
    const docs: FastDocument[] = [];
    starts.forEach((s, n) => {
      const end = n + 1 < starts.length ? starts[n + 1]!.marker : lines.length;
      const reader = new FastReader(lines, indents, end, dialect, maxDepth, openEnd && end === lines.length);
      const first = reader.nextLine(s.from);
      if (first < end) docs.push({ index: docs.length, line: first + 1, value: reader.document(first) });
      else if (s.marker >= 0) docs.push({ index: docs.length, line: s.marker + 1, value: null });
    });
    return docs;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}
