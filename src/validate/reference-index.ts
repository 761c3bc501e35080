/**
 * Lookup of the objects of one environment by kind, namespace and name, for the reference
 * checks, plus the patterns that mark objects as living outside the rendered set.
 */
import { didYouMean } from '../errors.ts';
import type { FieldPath, Finding, Severity } from '../errors.ts';
import { refOf } from '../k8s/object.ts';
import type { KObject } from '../k8s/object.ts';
import type { Resource } from '../k8s/resource.ts';
import { groupKind, podTemplateOf } from './workloads.ts';
import { toExternalRef, type ExternalRef } from '../project/policy.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { globToRegExp } from '../util/glob.ts';
import { isClusterDefault } from '../k8s/cluster-defaults.ts';
import { producedSecrets } from './produced-objects.ts';

/** The objects of one environment, indexed for the reference checks. */
export interface ReferenceIndex {
  /** All resources, in input order. */
  resources: readonly Resource[];
  /** Objects of a `group/Kind` (core group: `/Kind`) in a namespace. */
  find(gk: string, namespace: string, name: string): KObject | undefined;
  /** Names of the objects of a `group/Kind` in a namespace, sorted, for suggestions. */
  names(gk: string, namespace: string): string[];
  /**
   * True when the object exists outside the set: `external` names it, a controller makes it
   * at run time from an object in the set (./produced-objects.ts), or every cluster has it
   * (../k8s/cluster-defaults.ts).
   */
  isExternal(kind: string, namespace: string, name: string): boolean;
  /** The severity of a reference to an object found nowhere: `warning` when the set is partial. */
  missing: Severity;
  /** Called for each reference to an object found nowhere, with the severity reported and the referring resource. @default none */
  onMissing?: (target: MissingObject, severity: Severity, from: Resource) => void;
  /** Workloads and Pods of a namespace with their pod labels, and an index by `key=value`. */
  pods(namespace: string): PodsOfNamespace;
}

/** The workloads and Pods of one namespace, for selector matching. */
/** An object that a reference names and the set does not hold. */
export interface MissingObject {
  kind: string;
  /** Empty for a reference without a namespace. */
  namespace: string;
  name: string;
}

export interface PodsOfNamespace {
  all: { object: KObject; labels: Record<string, string> }[];
  /** `key=value` → the entries of `all` whose pod labels include it. */
  byLabel: Map<string, { object: KObject; labels: Record<string, string> }[]>;
}

function indexPods(resources: readonly Resource[]): Map<string, PodsOfNamespace> {
  const out = new Map<string, PodsOfNamespace>();
  for (const { object } of resources) {
    const template = podTemplateOf(object);
    if (!template) continue;
    const ns = namespaceOf(object);
    let entry = out.get(ns);
    if (!entry) out.set(ns, (entry = { all: [], byLabel: new Map() }));
    const item = { object, labels: template.labels };
    entry.all.push(item);
    for (const [k, v] of Object.entries(template.labels)) {
      const key = `${k}=${v}`;
      const list = entry.byLabel.get(key) ?? [];
      list.push(item);
      entry.byLabel.set(key, list);
    }
  }
  return out;
}

/** Namespace of an object as the reference checks compare it (`''` when unset). */
export function namespaceOf(obj: KObject): string {
  return obj.metadata.namespace ?? '';
}

/**
 * Builds the index of `resources`, with `external` patterns. `partial`: the set is not
 * everything the cluster will hold (`validate -f`), so a reference to an object found nowhere
 * is a warning rather than an error.
 */
export function indexResources(resources: readonly Resource[], external: readonly (string | ExternalRef)[] = [], partial = false): ReferenceIndex {
  const byKey = new Map<string, KObject>();
  const byKind = new Map<string, string[]>();
  for (const { object } of resources) {
    const scope = `${groupKind(object)}|${namespaceOf(object)}`;
    byKey.set(`${scope}|${object.metadata.name}`, object);
    const list = byKind.get(scope) ?? [];
    list.push(object.metadata.name);
    byKind.set(scope, list);
  }
  for (const list of byKind.values()) list.sort(compareCodeUnits);
  const pods = indexPods(resources);
  const noPods: PodsOfNamespace = { all: [], byLabel: new Map() };
  const patterns = external.map(toExternalRef).map((e) => ({ ...e, re: e.name === undefined ? undefined : globToRegExp(e.name) }));
  const secrets = producedSecrets(resources);
  return {
    resources,
    find: (gk, ns, name) => byKey.get(`${gk}|${ns}|${name}`),
    names: (gk, ns) => byKind.get(`${gk}|${ns}`) ?? [],
    pods: (ns) => pods.get(ns) ?? noPods,
    isExternal: (kind, ns, name) =>
      (kind === 'Secret' && secrets.has(`${ns}/${name}`)) ||
      isClusterDefault(kind, ns, name) ||
      patterns.some((p) => (p.kind === undefined || p.kind === kind) && (p.namespace === undefined || p.namespace === ns) && (p.re === undefined || p.re.test(name))),
    missing: partial ? 'warning' : 'error',
  };
}

/** Most candidates a name suggestion compares against; past it suggestions are skipped to stay fast. */
const MAX_SUGGESTION_CANDIDATES = 50;

function suggestName(name: string, names: readonly string[]): string {
  const limit = Math.max(1, Math.floor(name.length / 3));
  const near = names.filter((n) => Math.abs(n.length - name.length) <= limit);
  return near.length <= MAX_SUGGESTION_CANDIDATES ? didYouMean(name, near) : '';
}

/** Builds a reference finding about `resource` at `path`. */
export function referenceFinding(resource: Resource, severity: Severity, code: string, message: string, hint: string, path: FieldPath): Finding {
  const finding: Finding = { severity, code, message, hint, object: refOf(resource.object), component: resource.component, path };
  if (resource.source) finding.source = resource.source;
  return finding;
}

/**
 * Reports a missing object unless it exists or is external. Returns the object when found.
 * @param gk `group/Kind` of the referenced object, e.g. `/ConfigMap`.
 * @param severity of the finding. Default: `index.missing`.
 */
export function requireObject(
  index: ReferenceIndex,
  findings: Finding[],
  resource: Resource,
  target: { gk: string; name: string; namespace: string },
  path: FieldPath,
  code: string,
  hint: string,
  severity: Severity = index.missing,
): KObject | undefined {
  const found = index.find(target.gk, target.namespace, target.name);
  if (found) return found;
  const kind = target.gk.slice(target.gk.indexOf('/') + 1);
  if (index.isExternal(kind, target.namespace, target.name)) return undefined;
  index.onMissing?.({ kind, namespace: target.namespace, name: target.name }, severity, resource);
  const where = target.namespace ? ` in namespace '${target.namespace}'` : '';
  const message = `expected a ${kind} named '${target.name}'${where}, found none${suggestName(target.name, index.names(target.gk, target.namespace))}`;
  findings.push(referenceFinding(resource, severity, code, message, hint, path));
  return undefined;
}

/**
 * Workloads and Pods in `namespace` whose pod labels satisfy `matches`. `required` is one
 * `key=value` pair every match must have (e.g. the selector's first label), used to skip
 * the rest through the index.
 */
export function workloadsSelecting(index: ReferenceIndex, namespace: string, matches: (labels: Record<string, string>) => boolean, required?: string): KObject[] {
  const pods = index.pods(namespace);
  const candidates = required === undefined ? pods.all : (pods.byLabel.get(required) ?? []);
  return candidates.filter((c) => matches(c.labels)).map((c) => c.object);
}
