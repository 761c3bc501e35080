/**
 * Patch targets: which objects a patch applies to, as Kustomize selects them (kind, name
 * pattern, namespace, group, version, label and annotation selectors).
 */
import { matchesSelector, parseSelector } from '../k8s/label-selector.ts';
import { parseApiVersion, type KObject } from '../k8s/object.ts';
import type { PatchTarget } from '../project/patch.ts';

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

/** Names and namespaces an object had before transforms changed them (a target matches those too). */
export interface FormerIdentity {
  names?: readonly string[];
  namespaces?: readonly (string | undefined)[];
}

/**
 * Compiles a target into a predicate over objects. With `former`, a name or namespace matches
 * when the object has it now or had it before a transform changed it, as Kustomize matches a
 * patch target by an object's original name as well as its current one.
 */
export function compileTarget(target: PatchTarget): (obj: KObject, former?: FormerIdentity) => boolean {
  const labels = target.labelSelector ? parseSelector(target.labelSelector) : undefined;
  const annotations = target.annotationSelector ? parseSelector(target.annotationSelector) : undefined;
  const inNamespace = (ns: string | undefined) => (ns ?? '') === target.namespace;
  return (obj, former) => {
    if (target.kind !== undefined && obj.kind !== target.kind) return false;
    if (target.name !== undefined && !nameMatches(target.name, obj.metadata.name) && !former?.names?.some((n) => nameMatches(target.name!, n))) return false;
    if (target.namespace !== undefined && !inNamespace(obj.metadata.namespace) && !former?.namespaces?.some(inNamespace)) return false;
    if (target.group !== undefined || target.version !== undefined) {
      const { group, version } = parseApiVersion(obj.apiVersion);
      if (target.group !== undefined && group !== target.group) return false;
      if (target.version !== undefined && version !== target.version) return false;
    }
    if (labels && !matchesSelector(labels, obj.metadata.labels)) return false;
    if (annotations && !matchesSelector(annotations, obj.metadata.annotations)) return false;
    return true;
  };
}

/** `Deployment/api`, `Deployment/*`, `labelSelector app=api`: a target as a finding prints it. */
export function describeTarget(target: PatchTarget): string {
  const parts: string[] = [];
  const name = target.name instanceof RegExp ? String(target.name) : target.name;
  parts.push(`${target.kind ?? '*'}/${name ?? '*'}`);
  if (target.namespace !== undefined) parts.push(target.namespace === '' ? 'no namespace' : `namespace ${target.namespace}`);
  if (target.group !== undefined) parts.push(`group ${JSON.stringify(target.group)}`);
  if (target.version) parts.push(`version ${target.version}`);
  if (target.labelSelector) parts.push(`labels ${target.labelSelector}`);
  if (target.annotationSelector) parts.push(`annotations ${target.annotationSelector}`);
  return parts.join(', ');
}
