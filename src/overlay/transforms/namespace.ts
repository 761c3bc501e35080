/**
 * Kustomize's `namespace`: sets `metadata.namespace` on every namespaced object, renames
 * Namespace objects to the namespace, and moves the namespaced references that go with the
 * objects (RBAC subjects, APIService and webhook services), as `kubectl kustomize` v5.5.0 does.
 */
import { isClusterScoped } from '../../k8s/field-specs.ts';
import { parseApiVersion, type KObject } from '../../k8s/object.ts';
import { isPlainObject } from '../../util/plain-object.ts';
import type { Resource } from '../../k8s/resource.ts';
import { copyObject, withObject, withPreviousId, type StepOptions } from './history.ts';

/** Options of {@link setNamespace}. */
export interface SetNamespaceOptions extends StepOptions {
  namespace: string;
}

const sameNamespace = (a: unknown, b: string | undefined): boolean => ((typeof a === 'string' && a) || 'default') === (b || 'default');

function isKind(obj: KObject, group: string, kinds: readonly string[]): boolean {
  return kinds.includes(obj.kind) && parseApiVersion(obj.apiVersion).group === group;
}

/** Sets `service.namespace` on each `{ service }` holder in `holders` that `pick` accepts. */
function moveServices(holders: unknown, namespace: string, pick: (service: Record<string, unknown>) => boolean): void {
  if (!Array.isArray(holders)) return;
  for (const h of holders) {
    const service = isPlainObject(h) && isPlainObject(h.clientConfig) ? h.clientConfig.service : undefined;
    if (isPlainObject(service) && pick(service)) service.namespace = namespace;
  }
}

function hasNamespacedRefs(obj: KObject): boolean {
  return (
    isKind(obj, 'rbac.authorization.k8s.io', ['RoleBinding', 'ClusterRoleBinding']) ||
    isKind(obj, 'apiregistration.k8s.io', ['APIService']) ||
    isKind(obj, 'apiextensions.k8s.io', ['CustomResourceDefinition']) ||
    isKind(obj, 'admissionregistration.k8s.io', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'])
  );
}

/**
 * Returns `resources` moved to `options.namespace`:
 * - namespaced objects get `metadata.namespace` (replacing any other), cluster-scoped ones keep none;
 * - a Namespace object is renamed to the namespace;
 * - RoleBinding and ClusterRoleBinding subjects that name a ServiceAccount among `resources`
 *   (same name, same old namespace) get the namespace, whatever the subject's kind, as
 *   Kustomize does;
 * - APIService `spec.service` and CRD conversion webhook services get the namespace;
 * - webhook configurations' services that name a Service among `resources` in its old
 *   namespace follow it.
 */
export function setNamespace(resources: readonly Resource[], options: SetNamespaceOptions): Resource[] {
  const { namespace } = options;
  const accounts = resources.filter((r) => r.object.kind === 'ServiceAccount' && r.object.apiVersion === 'v1').map((r) => r.object.metadata);
  const services = resources.filter((r) => r.object.kind === 'Service' && r.object.apiVersion === 'v1').map((r) => r.object.metadata);
  return resources.map((unmarked) => {
    // Kustomize records every object's identity before its namespace transform, changed or not.
    const resource = withPreviousId(unmarked);
    // Only the kinds below change nested fields; every other object needs a new metadata only,
    // and none when it is in the namespace already (or cluster-scoped).
    const old = resource.object;
    const refs = hasNamespacedRefs(old);
    if (!refs && !isKind(old, '', ['Namespace']) && (old.metadata.namespace === namespace || isClusterScoped(old))) {
      return resource;
    }
    const object = refs ? copyObject(old) : { ...old, metadata: { ...old.metadata } };
    let previousNames = resource.previousNames;
    if (isKind(object, '', ['Namespace'])) {
      if (object.metadata.name !== namespace) previousNames = [...(previousNames ?? []), object.metadata.name];
      object.metadata.name = namespace;
    } else if (!isClusterScoped(object)) {
      object.metadata.namespace = namespace;
    }
    if (isKind(object, 'rbac.authorization.k8s.io', ['RoleBinding', 'ClusterRoleBinding']) && Array.isArray(object.subjects)) {
      for (const s of object.subjects) {
        if (isPlainObject(s) && accounts.some((a) => a.name === s.name && sameNamespace(s.namespace, a.namespace))) s.namespace = namespace;
      }
    }
    if (isKind(object, 'apiregistration.k8s.io', ['APIService']) && isPlainObject(object.spec) && isPlainObject(object.spec.service)) {
      object.spec.service.namespace = namespace;
    }
    if (isKind(object, 'apiextensions.k8s.io', ['CustomResourceDefinition']) && isPlainObject(object.spec) && isPlainObject(object.spec.conversion)) {
      moveServices([object.spec.conversion.webhook], namespace, () => true);
    }
    if (isKind(object, 'admissionregistration.k8s.io', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'])) {
      moveServices(object.webhooks, namespace, (svc) => services.some((m) => m.name === svc.name && sameNamespace(svc.namespace, m.namespace)));
    }
    const next = withObject(resource, object, 'namespace', options);
    return previousNames === resource.previousNames ? next : { ...next, previousNames: previousNames ?? [] };
  });
}
