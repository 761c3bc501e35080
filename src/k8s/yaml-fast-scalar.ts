/**
 * The scalars of the fast YAML path (yaml-fast.ts): plain, single- and double-quoted scalars
 * over one line or several, and literal and folded block scalars, read from the input's lines
 * with YAML's folding rules. Each reader throws {@link GIVE_UP} at anything it does not read
 * exactly as the full reader does (tabs in indentation, escapes beyond JSON's, indentation
 * indicators, quoted lines not indented past their entry, text that looks like a key): the
 * caller then reads the whole input with the full reader.
 */

/** Thrown by the fast path when the input needs the full reader. */
export const GIVE_UP = Symbol('give up');

/** Throws {@link GIVE_UP}. */
export function giveUp(): never {
  throw GIVE_UP;
}

/** A scalar read: its text (before resolution) and the index of the line after its last one. */
export interface ScalarText {
  text: string;
  next: number;
}

const SPACE = 32;
const TAB = 9;

/** Characters that cannot start a plain scalar or a continuation line of one, as far as the fast path reads. */
const INDICATOR = new Set(['[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', '?', ':', '-']);

/** True when a plain scalar may start with the character at `k` (`-`, `?` and `:` only before a non-space, as in `-1`). */
export function plainStart(line: string, k: number): boolean {
  const c = line[k]!;
  if (c === '-' || c === '?' || c === ':') return k + 1 < line.length && line.charCodeAt(k + 1) !== SPACE && line.charCodeAt(k + 1) !== TAB;
  return !INDICATOR.has(c);
}

/** The number of leading spaces of `line`; gives up at a tab among them. */
export function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === SPACE) i++;
  if (line.charCodeAt(i) === TAB) giveUp();
  return i;
}

/** Where a comment starts in plain text (a `#` at `from` or after a space), or the length. */
export function commentStart(text: string, from: number): number {
  for (let i = text.indexOf('#', from); i >= 0; i = text.indexOf('#', i + 1)) {
    if (i === from || text.charCodeAt(i - 1) === SPACE) return i;
  }
  return text.length;
}

/** True when nothing but spaces and a comment follows column `from`. */
export function restIsComment(line: string, from: number): boolean {
  let k = from;
  while (line.charCodeAt(k) === SPACE) k++;
  if (k >= line.length) return true;
  return line.charCodeAt(k) === 35 /* # */ && k > from;
}

/** One line of plain text from `k`: the text and whether a comment ended it. Gives up where it could be read as a key. */
function plainLine(line: string, k: number): { text: string; comment: boolean } {
  const stop = commentStart(line, k);
  const text = line.slice(k, stop).trimEnd();
  if (text.includes('\t') || text.includes(': ') || text.endsWith(':') || text.length === 0) giveUp();
  return { text, comment: stop < line.length };
}

/**
 * A plain scalar from column `k` of line `li`, continued on the following lines indented past
 * `col`: lines join with a space, each empty line between them is a line break.
 */
export function plainScalar(lines: readonly string[], end: number, li: number, k: number, col: number): ScalarText {
  const first = plainLine(lines[li]!, k);
  let text = first.text;
  let next = li + 1;
  if (first.comment) return { text, next };
  let empty = 0;
  for (let j = li + 1; j < end; j++) {
    const l = lines[j]!;
    const n = indentOf(l);
    if (n === l.length) {
      empty++;
      continue;
    }
    if (n <= col || l.charCodeAt(n) === 35) break;
    if (/^[?:](?: |$)/.test(l.slice(n, n + 2))) giveUp();
    const more = plainLine(l, n);
    text += empty ? '\n'.repeat(empty) : ' ';
    text += more.text;
    empty = 0;
    next = j + 1;
    if (more.comment) break;
  }
  return { text, next };
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', ' ': ' ', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/** The value of a double-quoted scalar's folded body; escapes beyond the common ones give up. */
function unescape(body: string): string {
  // Without escapes the body is the value (the input has no lone surrogate: yaml-text.ts refuses them).
  if (!body.includes('\\')) return body;
  const value = body.replace(/\\(u[0-9a-fA-F]{4}|[^])/g, (_, e: string) => (e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : Object.hasOwn(ESCAPES, e) ? ESCAPES[e]! : giveUp()));
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) giveUp();
  return value;
}

/** Where the quoted scalar opening at `from - 1` closes on `line` (the index of the closing quote), or -1. */
function closeOn(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/**
 * A quoted scalar opening at column `k` of line `li`, its continuation lines indented past
 * `col`: its value, the line after it and the column after the closing quote on its last line.
 * Lines are folded as for plain scalars; trailing spaces before a line break are not content.
 */
export function quotedScalar(lines: readonly string[], end: number, li: number, k: number, col: number): { value: string; next: number; after: number } {
  const quote = lines[li]![k]!;
  const pieces: string[] = [];
  let j = li;
  let from = k + 1;
  let close = closeOn(lines[li]!, from, quote);
  while (close < 0) {
    pieces.push(lines[j]!.slice(from));
    if (++j >= end) giveUp();
    const n = indentOf(lines[j]!);
    if (n <= col && n < lines[j]!.length) giveUp();
    from = n;
    close = closeOn(lines[j]!, from, quote);
  }
  const last = lines[j]!.slice(from, close);
  if ([...pieces, last].some((p) => p.includes('\t'))) giveUp();
  let body = pieces[0] === undefined ? last : pieces[0].trimEnd();
  if (quote === '"' && pieces.some((p) => p.trimEnd().endsWith('\\'))) giveUp();
  if (pieces.length) {
    let empty = 0;
    for (const piece of pieces.slice(1)) {
      const t = piece.trim();
      if (t === '') empty++;
      else {
        body += empty ? '\n'.repeat(empty) : ' ';
        body += t;
        empty = 0;
      }
    }
    body += (empty ? '\n'.repeat(empty) : ' ') + last;
  }
  const value = quote === '"' ? unescape(body) : body.replaceAll("''", "'");
  return { value, next: j + 1, after: close + 1 };
}

/** A quoted key closed on `line`: its value and the column after the closing quote, or undefined when the quote does not close there. */
export function quotedOnLine(line: string, k: number): { value: string; after: number } | undefined {
  if (closeOn(line, k + 1, line[k]!) < 0) return undefined;
  return quotedScalar([line], 1, 0, k, -1);
}

/** The lines of a block scalar below its header line `li`, its entry at `col`, without their indentation. */
function blockLines(lines: readonly string[], end: number, li: number, col: number): { body: string[]; next: number } {
  const body: string[] = [];
  let indent = -1;
  let leading = 0;
  let j = li + 1;
  for (; j < end; j++) {
    const l = lines[j]!;
    let n = 0;
    while (l.charCodeAt(n) === SPACE) n++;
    if (n === l.length) {
      if (indent < 0) leading = Math.max(leading, n);
      body.push(indent >= 0 && n > indent ? l.slice(indent) : '');
      continue;
    }
    if (indent < 0) {
      if (n <= col) break;
      if (leading > n || l.charCodeAt(n) === TAB) giveUp();
      indent = n;
    }
    if (n < indent) break;
    body.push(l.slice(indent));
  }
  if (indent < 0 && leading > col) giveUp();
  return { body, next: j };
}

/** Joins the lines of a `>` scalar: a line break between two lines of text is a space, around a more-indented line it stays. */
function fold(lines: readonly string[]): string {
  let out = '';
  let empty = 0;
  let previous: 'text' | 'spaced' | undefined;
  for (const l of lines) {
    if (l === '') {
      empty++;
      continue;
    }
    const spaced = l.charCodeAt(0) === SPACE || l.charCodeAt(0) === TAB;
    if (previous === undefined) out += '\n'.repeat(empty);
    else if (previous === 'text' && !spaced) out += empty ? '\n'.repeat(empty) : ' ';
    else out += '\n'.repeat(empty + 1);
    out += l;
    previous = spaced ? 'spaced' : 'text';
    empty = 0;
  }
  return out;
}

/**
 * A literal (`|`) or folded (`>`) block scalar whose header is at column `k` of line `li`, below
 * an entry at column `col`. `atInputEnd` is true when its lines may run to the end of an input
 * without a final line break (which the two dialects read differently: left to the full reader).
 */
export function blockScalar(lines: readonly string[], end: number, li: number, k: number, col: number, atInputEnd: boolean): ScalarText {
  const line = lines[li]!;
  const header = line.slice(k, commentStart(line, k)).trimEnd();
  const m = /^([|>])([-+]?)$/.exec(header);
  if (!m) giveUp();
  const { body, next } = blockLines(lines, end, li, col);
  if (next >= end && atInputEnd) giveUp();
  let last = body.length;
  while (last > 0 && body[last - 1] === '') last--;
  const content = body.slice(0, last);
  const chomp = m[2];
  if (content.length === 0) {
    if (chomp === '+') giveUp();
    return { text: '', next };
  }
  const text = m[1] === '|' ? content.join('\n') : fold(content);
  const tail = chomp === '-' ? '' : chomp === '+' ? '\n'.repeat(body.length - last + 1) : '\n';
  return { text: text + tail, next };
}
