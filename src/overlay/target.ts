/**
 * Patch targets: which objects a patch applies to, as Kustomize selects them (kind, name
 * pattern, namespace, group, version, label and annotation selectors), by what an object is now
 * or was before a transform changed it.
 */
import { errorFinding, KasaneError } from '../errors.ts';
import { matchesSelector, parseSelector } from '../k8s/label-selector.ts';
import { parseApiVersion, type KObject } from '../k8s/object.ts';
import type { PreviousId } from '../k8s/resource.ts';
import type { PatchTarget } from '../project/patch.ts';

/** True when a target field holds pattern characters (so it can match more than itself). */
export function isPattern(text: string): boolean {
  return /[\\^$.*+?()[\]{}|]/.test(text);
}

/**
 * A predicate that is true for `pattern` itself, or for a value the pattern matches whole as a
 * regular expression: Kustomize reads each field of a target (kind, name, namespace, group,
 * version) as an anchored pattern. Compiled once per target, not once per object.
 */
function fieldMatcher(field: string, pattern: string | RegExp): (value: string) => boolean {
  if (pattern instanceof RegExp) return (value) => pattern.test(value);
  if (!isPattern(pattern)) return (value) => value === pattern;
  let anchored: RegExp;
  try {
    anchored = new RegExp(`^(?:${pattern})$`);
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    throw new KasaneError(
      errorFinding('overlay/invalid-target-pattern', `expected target ${field} ${JSON.stringify(pattern)} to be a regular expression, as Kustomize reads it: ${why}`, {
        hint: `escape the pattern characters (\\. \\( \\[) or fix the pattern`,
        path: ['target', field],
      }),
    );
  }
  return (value) => value === pattern || anchored.test(value);
}

/** How a target treats the identities an object had before transforms changed them. */
export interface CompileTargetOptions {
  /**
   * Kind, name and namespace must match together, the current identity or one former one, as
   * Kustomize finds the object a patch names in its own metadata. Without it the target is a
   * selector, as a Kustomize `target:`: the name matches the current or the original name and the
   * namespace the current or the original namespace, each on its own, and the kind the current
   * kind; names and namespaces the object had in between do not count.
   * @default false
   */
  wholeIds?: boolean;
}

/**
 * Compiles a target into a predicate over objects. `former` lists the identities the object
 * had before a transform changed them (a prefix of a group below, a base's namespace, a patch
 * that re-kinded it), oldest first; see {@link CompileTargetOptions} for how they count.
 */
export function compileTarget(target: PatchTarget, options: CompileTargetOptions = {}): (obj: KObject, former?: readonly PreviousId[]) => boolean {
  const labels = target.labelSelector ? parseSelector(target.labelSelector) : undefined;
  const annotations = target.annotationSelector ? parseSelector(target.annotationSelector) : undefined;
  const kindMatches = target.kind === undefined ? undefined : fieldMatcher('kind', target.kind);
  const nameMatches = target.name === undefined ? undefined : fieldMatcher('name', target.name);
  // An empty namespace is "none", never a pattern that matches everything.
  const namespaceMatches = target.namespace === undefined ? undefined : target.namespace === '' ? (ns: string) => ns === '' : fieldMatcher('namespace', target.namespace);
  const groupMatches = target.group === undefined ? undefined : fieldMatcher('group', target.group);
  const versionMatches = target.version === undefined ? undefined : fieldMatcher('version', target.version);
  const kindIs = (kind: string) => kindMatches?.(kind) ?? true;
  const nameIs = (name: string) => nameMatches?.(name) ?? true;
  const namespaceIs = (ns: string | undefined) => namespaceMatches?.(ns ?? '') ?? true;
  const idIs = (id: PreviousId) => kindIs(id.kind) && nameIs(id.name) && namespaceIs(id.namespace);
  const identified = (obj: KObject, former: readonly PreviousId[]): boolean => {
    const { kind, metadata } = obj;
    if (options.wholeIds) return idIs({ kind, name: metadata.name, ...(metadata.namespace !== undefined ? { namespace: metadata.namespace } : {}) }) || former.some(idIs);
    const original = former[0] ?? { kind, name: metadata.name, namespace: metadata.namespace };
    return kindIs(kind) && (nameIs(metadata.name) || nameIs(original.name)) && (namespaceIs(metadata.namespace) || namespaceIs(original.namespace));
  };
  return (obj, former = []) => {
    if (!identified(obj, former)) return false;
    if (groupMatches || versionMatches) {
      const { group, version } = parseApiVersion(obj.apiVersion);
      if (groupMatches && !groupMatches(group)) return false;
      if (versionMatches && !versionMatches(version)) return false;
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
