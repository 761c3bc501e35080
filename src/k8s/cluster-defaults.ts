/**
 * Objects every Kubernetes cluster has without anyone applying them, so a reference to one is
 * never missing: the namespaced Roles the API server's RBAC bootstrap creates
 * (kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy, testdata
 * namespace-roles.yaml), the ConfigMap the root CA publisher writes into every namespace, and the
 * ConfigMaps the API server keeps in kube-system and kube-public.
 */

/** `Kind namespace name` of each object every cluster has; `*` as namespace: in every namespace. */
const DEFAULT_OBJECTS: ReadonlySet<string> = new Set([
  'Role kube-public system:controller:bootstrap-signer',
  'Role kube-system extension-apiserver-authentication-reader',
  'Role kube-system system::leader-locking-kube-controller-manager',
  'Role kube-system system::leader-locking-kube-scheduler',
  'Role kube-system system:controller:bootstrap-signer',
  'Role kube-system system:controller:cloud-provider',
  'Role kube-system system:controller:token-cleaner',
  'ConfigMap * kube-root-ca.crt',
  'ConfigMap kube-system extension-apiserver-authentication',
  'ConfigMap kube-public cluster-info',
  'ServiceAccount * default',
]);

/** True for an object every cluster has (`Role kube-system/extension-apiserver-authentication-reader`, `ConfigMap <any>/kube-root-ca.crt`). */
export function isClusterDefault(kind: string, namespace: string, name: string): boolean {
  return DEFAULT_OBJECTS.has(`${kind} ${namespace} ${name}`) || DEFAULT_OBJECTS.has(`${kind} * ${name}`);
}
