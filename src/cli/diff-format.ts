/**
 * `kasane diff` output: text (coloured on a terminal), JSON for tools, and Markdown for a pull
 * request comment. Values are printed as JSON; the secret markers print bare.
 */
import { countOf, formatObjectRef, formatPath, type ObjectRef } from '../errors.ts';
import type { FieldChange, ObjectChange, ObjectSetDiff } from '../tools/object-diff.ts';
import { CHANGED, REDACTED } from '../secrets/redact.ts';
import { jsonText } from '../util/json-text.ts';

/** Counts of a diff, for the summary line and table. */
export interface DiffSummary {
  changed: number;
  /** Only on the after side. */
  added: number;
  /** Only on the before side. */
  removed: number;
  unchanged: number;
}

/** How many objects changed, appeared, disappeared and stayed the same. */
export function summarize(diff: ObjectSetDiff): DiffSummary {
  const count = (c: ObjectChange['change']) => diff.objects.filter((o) => o.change === c).length;
  return { changed: count('changed'), added: count('added'), removed: count('removed'), unchanged: diff.unchanged };
}

/** One value as printed: JSON, except the secret markers. */
export function formatValue(value: unknown): string {
  if (value === REDACTED || value === CHANGED) return value;
  return value === undefined ? 'undefined' : (jsonText(value) ?? String(value));
}

/** `1 changed, 2 only in staging, 1 only in prod, 20 unchanged` (parts that are 0 left out, except unchanged). */
export function diffSummaryLine(diff: ObjectSetDiff): string {
  const s = summarize(diff);
  const parts = [];
  if (s.changed) parts.push(`${s.changed} changed`);
  if (s.removed) parts.push(`${s.removed} only in ${diff.before}`);
  if (s.added) parts.push(`${s.added} only in ${diff.after}`);
  parts.push(`${s.unchanged} unchanged`);
  const n = diff.objects.length;
  const head = n === 0 ? `no differences between ${diff.before} and ${diff.after}` : `${countOf(n, 'object')} differ${n === 1 ? 's' : ''} between ${diff.before} and ${diff.after}`;
  return `${head}: ${parts.join(', ')}`;
}

function objectHeader(o: ObjectChange): string {
  const before = o.before ? formatObjectRef(o.before) : undefined;
  const after = o.after ? formatObjectRef(o.after) : undefined;
  if (before && after) return before === after ? before : `${before} → ${after}`;
  return before ?? after ?? `${o.kind}/${o.name}`;
}

function fieldLine(f: FieldChange): { mark: '~' | '+' | '-'; text: string } {
  const path = formatPath(f.path) || '(object)';
  if (f.change === 'added') return { mark: '+', text: `${path}: ${formatValue(f.after)}` };
  if (f.change === 'removed') return { mark: '-', text: `${path}: ${formatValue(f.before)}` };
  return { mark: '~', text: `${path}: ${formatValue(f.before)} → ${formatValue(f.after)}` };
}

const ANSI = { bold: '\u001b[1m', red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', reset: '\u001b[0m' } as const;

/** The diff as text: one header per object, one line per field, the summary last. */
export function formatDiffText(diff: ObjectSetDiff, options: { color?: boolean } = {}): string {
  const paint = (code: keyof typeof ANSI, text: string) => (options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const markColor = { '~': 'yellow', '+': 'green', '-': 'red' } as const;
  const lines: string[] = [];
  for (const o of diff.objects) {
    const mark = o.change === 'changed' ? '~' : o.change === 'added' ? '+' : '-';
    const where = o.change === 'added' ? ` (only in ${diff.after})` : o.change === 'removed' ? ` (only in ${diff.before})` : '';
    lines.push(paint(markColor[mark], `${mark} `) + paint('bold', objectHeader(o)) + where);
    for (const f of o.fields) {
      const { mark: m, text } = fieldLine(f);
      lines.push(`    ${paint(markColor[m], m)} ${text}`);
    }
  }
  if (lines.length) lines.push('');
  lines.push(diffSummaryLine(diff));
  return lines.join('\n') + '\n';
}

/** The diff as JSON: sides, counts, and every object with its field changes (paths in dot form). */
export function formatDiffJson(diff: ObjectSetDiff): string {
  const objects = diff.objects.map((o) => ({
    change: o.change,
    kind: o.kind,
    name: o.name,
    ...(o.before ? { before: o.before } : {}),
    ...(o.after ? { after: o.after } : {}),
    fields: o.fields.map((f) => ({ ...f, path: formatPath(f.path) })),
  }));
  return jsonText({ before: diff.before, after: diff.after, summary: summarize(diff), objects }, 2) + '\n';
}

/** Text for an HTML `<code>` element inside a Markdown table cell. */
function code(text: string): string {
  return `<code>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '&#124;').replace(/\n/g, '\\n')}</code>`;
}

function refCell(ref: ObjectRef | undefined): string {
  return ref ? code(ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name) : '';
}

/** The diff as Markdown for a pull request comment: a summary table, then details per object. */
export function formatDiffMarkdown(diff: ObjectSetDiff): string {
  const out = [`### kasane diff: ${code(diff.before)} → ${code(diff.after)}`, '', `${diffSummaryLine(diff)}.`];
  if (diff.objects.length === 0) return out.join('\n') + '\n';
  out.push('', `| change | object | ${code(diff.before)} | ${code(diff.after)} |`, '|---|---|---|---|');
  for (const o of diff.objects) {
    const change = o.change === 'changed' ? `changed (${countOf(o.fields.length, 'field')})` : `only in ${code(o.change === 'added' ? diff.after : diff.before)}`;
    out.push(`| ${change} | ${o.kind} ${code(o.name)} | ${refCell(o.before)} | ${refCell(o.after)} |`);
  }
  for (const o of diff.objects.filter((d) => d.change === 'changed')) {
    out.push('', '<details>', `<summary>${o.kind} ${code(o.name)}: ${countOf(o.fields.length, 'field')}</summary>`, '');
    out.push(`| field | ${code(diff.before)} | ${code(diff.after)} |`, '|---|---|---|');
    for (const f of o.fields) {
      const before = f.change === 'added' ? '' : code(formatValue(f.before));
      const after = f.change === 'removed' ? '' : code(formatValue(f.after));
      out.push(`| ${code(formatPath(f.path) || '(object)')} | ${before} | ${after} |`);
    }
    out.push('', '</details>');
  }
  return out.join('\n') + '\n';
}
