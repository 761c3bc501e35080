/**
 * What the chart component does to a chart's objects around `helm template`: the APIs a
 * render declares to helm, and the release namespace that `helm install` would give objects
 * that have none.
 */
import { compareCodeUnits } from '../util/code-unit.ts';
import { isClusterScopedKind } from '../k8s/field-specs.ts';
import { parseApiVersion, type KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';

interface CrdInfo {
  group: string;
  kind: string;
  scope: string;
  versions: string[];
}

function crdInfo(object: unknown): CrdInfo | undefined {
  if (!isPlainObject(object) || object.kind !== 'CustomResourceDefinition' || !isPlainObject(object.spec)) return undefined;
  const { group, names, scope, versions } = object.spec;
  if (typeof group !== 'string' || !isPlainObject(names) || typeof names.kind !== 'string') return undefined;
  const served = Array.isArray(versions) ? versions.filter((v) => isPlainObject(v) && v.served !== false && typeof v.name === 'string').map((v) => (v as { name: string }).name) : [];
  return { group, kind: names.kind, scope: typeof scope === 'string' ? scope : 'Namespaced', versions: served };
}

/**
 * The `--api-versions` a set of CustomResourceDefinitions adds: `group/version` and
 * `group/version/Kind` for each served version, since a chart's `.Capabilities.APIVersions.Has`
 * matches either form exactly. Sorted, without repeats.
 */
export function crdApiVersions(crds: Iterable<unknown>): string[] {
  const out = new Set<string>();
  for (const crd of crds) {
    const info = crdInfo(crd);
    for (const version of info?.versions ?? []) {
      out.add(`${info!.group}/${version}`);
      out.add(`${info!.group}/${version}/${info!.kind}`);
    }
  }
  return [...out].sort(compareCodeUnits);
}

/**
 * Objects with the release namespace where `helm install` would put them: a namespaced object
 * without `metadata.namespace` gets it; objects that name a namespace keep theirs (a chart's
 * leader-election Role in kube-system); cluster-scoped ones get none. A custom kind's scope comes
 * from the CRDs given (the chart's own and the environment's); objects of a kind no CRD
 * describes are left as they are and listed, so the caller can say so.
 */
export function withReleaseNamespace(objects: readonly KObject[], namespace: string, crds: Iterable<unknown>): { objects: KObject[]; unknownScope: KObject[] } {
  const scopes = new Map<string, string>();
  for (const crd of [...objects, ...crds]) {
    const info = crdInfo(crd);
    if (info) scopes.set(`${info.group}/${info.kind}`, info.scope);
  }
  const unknownScope: KObject[] = [];
  const out = objects.map((object) => {
    if (object.metadata.namespace) return object;
    const { group } = parseApiVersion(object.apiVersion);
    const builtIn = group === '' || !group.includes('.') || group.endsWith('.k8s.io');
    const scope = scopes.get(`${group}/${object.kind}`) ?? (builtIn ? (isClusterScopedKind(group, object.kind) ? 'Cluster' : 'Namespaced') : undefined);
    if (scope === undefined) unknownScope.push(object);
    return scope === 'Namespaced' ? { ...object, metadata: { ...object.metadata, namespace } } : object;
  });
  return { objects: out, unknownScope };
}
