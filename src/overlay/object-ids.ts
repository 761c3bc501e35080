/**
 * Which objects a Kustomize selector picks: by any identity the object had (its current kind,
 * name and namespace, and each earlier one a step changed), as Kustomize's replacements and
 * vars select them, so a prefix or namespace added below does not hide an object.
 */
import { matchesSelector, parseSelector } from '../k8s/label-selector.ts';
import { parseApiVersion } from '../k8s/object.ts';
import type { Resource } from '../k8s/resource.ts';
import type { ObjectSelector } from '../project/replacement.ts';

/** One identity of an object. */
export interface ObjectId {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace?: string;
}

/** The current identity of `resource`, then its earlier ones. */
export function idsOf(resource: Resource): ObjectId[] {
  const { group, version } = parseApiVersion(resource.object.apiVersion);
  const meta = resource.object.metadata;
  const current: ObjectId = { group, version, kind: resource.object.kind, name: meta.name, ...(meta.namespace ? { namespace: meta.namespace } : {}) };
  const previous = (resource.previousIds ?? []).map((p) => ({ group, version, ...p }));
  // Renames recorded before identities were (hash suffixes, generator merges) count too.
  const names = (resource.previousNames ?? []).filter((n) => !previous.some((p) => p.name === n)).map((name) => ({ ...current, name }));
  return [current, ...previous, ...names];
}

/** `''` and `default` are the same namespace to Kustomize. */
const effectiveNamespace = (ns: string | undefined): string => (ns === undefined || ns === '' ? 'default' : ns);

/** True when `id` has every field `selector` gives (labels and annotations aside). */
export function idSelected(id: ObjectId, selector: Omit<ObjectSelector, 'labelSelector' | 'annotationSelector'>): boolean {
  if (selector.name !== undefined && selector.name !== '' && selector.name !== id.name) return false;
  if (selector.namespace !== undefined && selector.namespace !== '' && effectiveNamespace(selector.namespace) !== effectiveNamespace(id.namespace)) return false;
  if (selector.group !== undefined && selector.group !== '' && selector.group !== id.group) return false;
  if (selector.version !== undefined && selector.version !== '' && selector.version !== id.version) return false;
  return selector.kind === undefined || selector.kind === '' || selector.kind === id.kind;
}

/** True when the labels and annotations of `resource` match the selector's label and annotation selectors. */
export function metaSelected(resource: Resource, selector: Pick<ObjectSelector, 'labelSelector' | 'annotationSelector'>): boolean {
  const meta = resource.object.metadata;
  if (selector.labelSelector && !matchesSelector(parseSelector(selector.labelSelector), meta.labels)) return false;
  return !selector.annotationSelector || matchesSelector(parseSelector(selector.annotationSelector), meta.annotations);
}

/** True when one identity of `resource` and its labels and annotations match `selector`. */
export function selected(resource: Resource, selector: ObjectSelector): boolean {
  return metaSelected(resource, selector) && idsOf(resource).some((id) => idSelected(id, selector));
}

/** A selector as findings print it: `Deployment/web`, `kind Service, namespace apps`. */
export function describeSelector(selector: ObjectSelector): string {
  const parts = Object.entries(selector)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k} ${JSON.stringify(v)}`);
  return parts.length ? parts.join(', ') : 'anything';
}
