/**
 * Patch targets: which objects a patch applies to, as Kustomize selects them (kind, name
 * pattern, namespace, group, version, label and annotation selectors).
 */
import { KasaneError } from '../errors.ts';
import { parseApiVersion, type KObject } from '../k8s/object.ts';
import type { PatchTarget } from '../project/patch.ts';

/** A target as environments declare it. */
export type Target = PatchTarget;

type Requirement =
  | { key: string; op: 'exists' | 'not-exists' }
  | { key: string; op: 'in' | 'not-in'; values: string[] };

/**
 * Parses a Kubernetes label selector: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`,
 * `a`, `!a`, joined by commas.
 * @throws KasaneError `overlay/invalid-selector`
 */
export function parseSelector(selector: string): Requirement[] {
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

/** True when `labels` satisfy every requirement. */
export function matchesSelector(labels: Readonly<Record<string, string>> | undefined, requirements: readonly Requirement[]): boolean {
  const l = labels ?? {};
  return requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case 'not-exists':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]!);
      case 'not-in':
        return !has || !r.values.includes(l[r.key]!);
    }
  });
}

function nameMatches(pattern: string | RegExp, name: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(name);
  if (pattern === name) return true;
  // Kustomize treats a target name as an anchored regular expression.
  if (!/[\\^$.*+?()[\]{}|]/.test(pattern)) return false;
  try {
    return new RegExp(`^(?:${pattern})$`).test(name);
  } catch {
    return false;
  }
}

/** Compiles a target into a predicate over objects. */
export function compileTarget(target: Target): (obj: KObject) => boolean {
  const labels = target.labelSelector ? parseSelector(target.labelSelector) : undefined;
  const annotations = target.annotationSelector ? parseSelector(target.annotationSelector) : undefined;
  return (obj) => {
    if (target.kind !== undefined && obj.kind !== target.kind) return false;
    if (target.name !== undefined && !nameMatches(target.name, obj.metadata.name)) return false;
    if (target.namespace !== undefined && (obj.metadata.namespace ?? '') !== target.namespace) return false;
    if (target.group !== undefined || target.version !== undefined) {
      const { group, version } = parseApiVersion(obj.apiVersion);
      if (target.group !== undefined && group !== target.group) return false;
      if (target.version !== undefined && version !== target.version) return false;
    }
    if (labels && !matchesSelector(obj.metadata.labels, labels)) return false;
    if (annotations && !matchesSelector(obj.metadata.annotations, annotations)) return false;
    return true;
  };
}

/** `Deployment/api`, `Deployment/*`, `labelSelector app=api`: a target as a finding prints it. */
export function describeTarget(target: Target): string {
  const parts: string[] = [];
  const name = target.name instanceof RegExp ? String(target.name) : target.name;
  parts.push(`${target.kind ?? '*'}/${name ?? '*'}`);
  if (target.namespace) parts.push(`namespace ${target.namespace}`);
  if (target.group !== undefined) parts.push(`group ${JSON.stringify(target.group)}`);
  if (target.version) parts.push(`version ${target.version}`);
  if (target.labelSelector) parts.push(`labels ${target.labelSelector}`);
  if (target.annotationSelector) parts.push(`annotations ${target.annotationSelector}`);
  return parts.join(', ');
}
