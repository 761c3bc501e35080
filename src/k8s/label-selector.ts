/**
 * Label selectors, one matcher for every form kasane meets: the string form of Kustomize
 * targets (`app=api,tier in (web,edge),!legacy`), a `LabelSelector` object (`matchLabels` and
 * `matchExpressions`) and a plain map (a Service's `spec.selector`). Each form becomes a list of
 * requirements; {@link matchesSelector} tests labels against them, as the API server does.
 */
import { KasaneError } from '../errors.ts';
import { isPlainObject } from '../util/plain-object.ts';

/** One requirement: a key that must (not) exist, or whose value must (not) be one of `values`. */
export type SelectorRequirement = { key: string; op: 'exists' | 'not-exists' } | { key: string; op: 'in' | 'not-in'; values: readonly unknown[] };

/** Matches nothing: what a malformed requirement stands for (the API server rejects it). */
const NOTHING: SelectorRequirement = { key: '', op: 'in', values: [] };

/**
 * Parses the string form: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`,
 * joined by commas.
 * @throws KasaneError `overlay/invalid-selector`
 */
export function parseSelector(selector: string): SelectorRequirement[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '' || parts.length) parts.push(current);
  return parts.map((raw) => {
    const part = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=,()]+)\s*(==|=|!=)\s*([^\s!=,()]*)$/.exec(part))) {
      return { key: m[1]!, op: m[2] === '!=' ? 'not-in' : 'in', values: [m[3]!] };
    }
    if ((m = /^([^\s!=,()]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(part))) {
      return { key: m[1]!, op: m[2] === 'in' ? 'in' : 'not-in', values: m[3]!.split(',').map((v) => v.trim()) };
    }
    if ((m = /^(!?)([^\s!=,()]+)$/.exec(part))) return { key: m[2]!, op: m[1] ? 'not-exists' : 'exists' };
    throw new KasaneError({
      severity: 'error',
      code: 'overlay/invalid-selector',
      message: `cannot read selector ${JSON.stringify(selector)} at ${JSON.stringify(part)}`,
      hint: "write selectors as 'app=api,tier in (web,edge),!legacy'",
    });
  });
}

/** The requirements of a plain map selector (a Service's `spec.selector`, `matchLabels`): every key equal. */
export function mapSelector(map: Readonly<Record<string, unknown>>): SelectorRequirement[] {
  return Object.entries(map).map(([key, value]) => ({ key, op: 'in', values: [value] }));
}

const OPERATORS: Readonly<Record<string, SelectorRequirement['op']>> = { In: 'in', NotIn: 'not-in', Exists: 'exists', DoesNotExist: 'not-exists' };

/**
 * The requirements of a `LabelSelector` (`matchLabels`, and `matchExpressions` with In, NotIn,
 * Exists, DoesNotExist); undefined when `selector` is not an object. An empty selector has no
 * requirements and so selects everything, as in the API.
 */
export function labelSelector(selector: unknown): SelectorRequirement[] | undefined {
  if (!isPlainObject(selector)) return undefined;
  const requirements = isPlainObject(selector.matchLabels) ? mapSelector(selector.matchLabels) : [];
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    const op = isPlainObject(e) && typeof e.key === 'string' && typeof e.operator === 'string' ? OPERATORS[e.operator] : undefined;
    if (!op || !isPlainObject(e)) requirements.push(NOTHING);
    else if (op === 'in' || op === 'not-in') requirements.push({ key: e.key as string, op, values: Array.isArray(e.values) ? e.values : [] });
    else requirements.push({ key: e.key as string, op });
  }
  return requirements;
}

/** True when `labels` satisfy every requirement (a key counts only as an own property). */
export function matchesSelector(requirements: readonly SelectorRequirement[], labels: Readonly<Record<string, unknown>> | undefined): boolean {
  const l = labels ?? {};
  return requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case 'not-exists':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]);
      case 'not-in':
        return !has || !r.values.includes(l[r.key]);
    }
  });
}
