/**
 * Findings and errors: the one shape every stage uses to report a problem.
 *
 * Stages return `Finding[]`; fatal problems throw {@link KasaneError} carrying findings.
 * The library never prints and never exits: the CLI formats findings and picks the exit code.
 * This module imports nothing from the rest of kasane.
 */

/** How bad a finding is. `error` fails the command; `warning` is printed only. */
export type Severity = 'error' | 'warning';

/** A place in a user's file. `line` and `column` are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** Identity of a Kubernetes object as a finding names it. */
export interface ObjectRef {
  apiVersion?: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** A field path: object keys and array indexes, outermost first. */
export type FieldPath = readonly (string | number)[];

/** One problem found while loading, building, overlaying, validating or writing. */
export interface Finding {
  severity: Severity;
  /** Stable, kebab `area/problem`, e.g. `values/invalid-type`. */
  code: string;
  /** Starts lowercase, no trailing period; says what was expected and what was found. */
  message: string;
  /** How to fix it. */
  hint?: string;
  env?: string;
  component?: string;
  object?: ObjectRef;
  path?: FieldPath;
  source?: SourceLocation;
  /** Other places involved (e.g. the second definition of a duplicate object). */
  related?: SourceLocation[];
  /** The user's own stack frames, for an exception thrown by user code. */
  cause?: string;
}

/** Error thrown when a stage cannot go on; carries every finding collected so far. */
export class KasaneError extends Error {
  readonly findings: Finding[];
  readonly code: string;

  constructor(findings: Finding[] | Finding) {
    const list = Array.isArray(findings) ? findings : [findings];
    const first = list[0];
    super(first ? first.message : 'unknown error');
    this.name = 'KasaneError';
    this.findings = list;
    this.code = first?.code ?? 'internal/unknown';
  }
}

/** True for a {@link KasaneError}, also one from another copy of this module (bundled user code). */
export function isKasaneError(value: unknown): value is KasaneError {
  return value instanceof KasaneError || (value instanceof Error && value.name === 'KasaneError' && Array.isArray((value as KasaneError).findings));
}

/** Shorthand for an error finding. */
export function errorFinding(code: string, message: string, extra: Omit<Finding, 'severity' | 'code' | 'message'> = {}): Finding {
  return { severity: 'error', code, message, ...extra };
}

const plainKey = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
const keyed = /^\[[A-Za-z][A-Za-z0-9]*=[^\]\n]*\]$/;

/**
 * A path segment naming a list element by its merge key instead of its index, e.g.
 * `[name=istio-proxy]` for a container: an environment's patch names containers by name, and
 * their index depends on the order the patches merged them in. Undefined when the value cannot
 * be written in one (it holds `]` or a line break).
 */
export function keySegment(key: string, value: string | number): string | undefined {
  const segment = `[${key}=${value}]`;
  return keyed.test(segment) ? segment : undefined;
}

/** `{ key, value }` of a {@link keySegment}, or undefined for any other path segment. */
export function parseKeySegment(part: string | number): { key: string; value: string } | undefined {
  if (typeof part !== 'string' || !keyed.test(part)) return undefined;
  const eq = part.indexOf('=');
  return { key: part.slice(1, eq), value: part.slice(eq + 1, -1) };
}

/**
 * Writes a field path in zod's dot form: `spec.template.spec.containers[0].image`;
 * keys that are not identifiers are bracketed: `metadata.labels["app.kubernetes.io/name"]`;
 * a {@link keySegment} is written as it is: `spec.template.spec.containers[name=istio-proxy]`.
 */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (keyed.test(part)) out += part;
    else if (plainKey.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** `Kind/name` or `Kind/namespace/name`. */
export function formatObjectRef(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

/** `file:line` or `file`. */
export function formatSource(source: SourceLocation): string {
  return source.line ? `${source.file}:${source.line}` : source.file;
}

/** Counts findings by severity. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/**
 * A count and its noun, agreeing in number: `countOf(1, 'file')` is `1 file`, `countOf(0, 'file')`
 * is `0 files`. Every message that counts something says it this way.
 */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** Edit distance counting an insertion, deletion, substitution or swap of two adjacent letters as one edit. */
function editDistance(a: string, b: string): number {
  let before = Array.from({ length: b.length + 1 }, () => 0);
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Near matches of `word` among `candidates` (at most 3, closest first), as commander suggests. */
export function suggestSimilar(word: string, candidates: readonly string[]): string[] {
  const limit = Math.max(1, Math.floor(word.length / 3));
  return candidates
    .map((c) => ({ c, d: editDistance(word.toLowerCase(), c.toLowerCase()) }))
    .filter(({ d }) => d <= limit)
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0))
    .slice(0, 3)
    .map(({ c }) => c);
}

/** ` (did you mean 'x'?)` or the empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const near = suggestSimilar(word, candidates);
  return near.length ? ` (did you mean ${near.map((n) => `'${n}'`).join(' or ')}?)` : '';
}
