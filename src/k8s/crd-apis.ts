/**
 * What a CustomResourceDefinition adds to a cluster, read loosely from any object (a chart's
 * output, a component's, the project's `crds`): its group, kind, scope and served versions, and
 * the API names Helm's `.Capabilities.APIVersions` lists for it.
 */
import { compareCodeUnits } from '../util/code-unit.ts';
import { isPlainObject } from '../util/plain-object.ts';

/** A custom kind as a CustomResourceDefinition registers it. */
export interface CrdKind {
  group: string;
  kind: string;
  /** `Namespaced` or `Cluster`. */
  scope: string;
  /** Served versions. */
  versions: string[];
}

/** The custom kind `object` registers, or undefined when it is not a CustomResourceDefinition with a group and kind. */
export function crdKindOf(object: unknown): CrdKind | undefined {
  if (!isPlainObject(object) || object.kind !== 'CustomResourceDefinition' || !isPlainObject(object.spec)) return undefined;
  const { group, names, scope, versions } = object.spec;
  if (typeof group !== 'string' || !isPlainObject(names) || typeof names.kind !== 'string') return undefined;
  const served = Array.isArray(versions) ? versions.filter((v) => isPlainObject(v) && v.served !== false && typeof v.name === 'string').map((v) => (v as { name: string }).name) : [];
  return { group, kind: names.kind, scope: typeof scope === 'string' ? scope : 'Namespaced', versions: served };
}

/**
 * The API names a set of CustomResourceDefinitions adds: `group/version` and
 * `group/version/Kind` for each served version, since a chart's `.Capabilities.APIVersions.Has`
 * matches either form exactly. Sorted, without repeats.
 */
export function crdApiVersions(crds: Iterable<unknown>): string[] {
  const out = new Set<string>();
  for (const crd of crds) {
    const info = crdKindOf(crd);
    for (const version of info?.versions ?? []) {
      out.add(`${info!.group}/${version}`);
      out.add(`${info!.group}/${version}/${info!.kind}`);
    }
  }
  return [...out].sort(compareCodeUnits);
}

const CAPABILITY_API = /^([A-Za-z0-9.-]+\/)?v[0-9][A-Za-z0-9]*(\/[A-Za-z][A-Za-z0-9]*)?$/;

/** True for an API name as `.Capabilities.APIVersions` lists it: `v1`, `group/version` or `group/version/Kind`. */
export function isCapabilityApi(text: unknown): text is string {
  return typeof text === 'string' && CAPABILITY_API.test(text);
}
