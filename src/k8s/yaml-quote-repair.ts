/**
 * go-yaml reads a quoted scalar across lines whatever the indentation of its continuation lines
 * (`a: "one` / `two"` at column 0 reads as "one two"); the `yaml` package requires them to be
 * indented and otherwise ends the scalar early. Indentation before a continuation line is not
 * part of a quoted scalar's value, so indenting those lines reads the same value the way kubectl
 * does. This finds the quoted scalars the parser left unterminated and indents their lines.
 */
import { appendAll } from '../util/append.ts';
import { yaml } from '../util/yaml-lib.ts';

interface QuotedToken {
  type: 'double-quoted-scalar' | 'single-quoted-scalar';
  offset: number;
  source: string;
}

/** Offset just past the closing quote of the scalar opening at `start`, as go-yaml scans it; -1 when unclosed. */
function closingQuote(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** Every quoted scalar token of the stream (an explicit stack: documents can nest deeply). */
function quotedTokens(text: string): QuotedToken[] {
  const found: QuotedToken[] = [];
  const stack: unknown[] = [...new (yaml().Parser)().parse(text)];
  while (stack.length) {
    const item = stack.pop();
    if (Array.isArray(item)) appendAll(stack, item);
    else if (item !== null && typeof item === 'object') {
      const token = item as Partial<QuotedToken>;
      if (token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') found.push(token as QuotedToken);
      else appendAll(stack, Object.values(item));
    }
  }
  return found;
}

/**
 * `text` with the continuation lines of quoted scalars that the parser cut short indented to
 * the column of their opening quote, or undefined when there is none to repair. A line that
 * starts a new document (`---`, `...`) is left alone: go-yaml refuses it too.
 */
export function indentQuotedContinuations(text: string): string | undefined {
  const edits: { start: number; end: number; column: number }[] = [];
  for (const token of quotedTokens(text)) {
    const end = closingQuote(text, token.offset);
    if (end < 0 || end <= token.offset + token.source.length) continue;
    const column = token.offset - (text.lastIndexOf('\n', token.offset - 1) + 1);
    const body = text.slice(token.offset, end);
    if (/\n(?:---|\.\.\.)(?:[ \t\r\n]|$)/.test(body)) continue;
    edits.push({ start: token.offset, end, column });
  }
  if (edits.length === 0) return undefined;
  let out = '';
  let at = 0;
  for (const edit of edits.sort((a, b) => a.start - b.start)) {
    if (edit.start < at) continue;
    const body = text.slice(edit.start, edit.end).replace(/\n([ \t]*)/g, (_, lead: string) => `\n${' '.repeat(Math.max(0, edit.column + 1 - lead.length))}${lead}`);
    out += text.slice(at, edit.start) + body;
    at = edit.end;
  }
  return out + text.slice(at);
}
