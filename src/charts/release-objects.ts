/**
 * The release namespace that `helm install` would give a chart's objects that have none.
 */
import { isClusterScopedKind } from '../k8s/field-specs.ts';
import { crdKindOf } from '../k8s/crd-apis.ts';
import { parseApiVersion, type KObject } from '../k8s/object.ts';

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
    const info = crdKindOf(crd);
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
