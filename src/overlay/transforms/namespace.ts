/**
 * Kustomize's `namespace`: sets `metadata.namespace` on every namespaced object, renames
 * Namespace objects to the namespace, and moves the namespaced references that go with the
 * objects (RBAC subjects, APIService and webhook services), as `kubectl kustomize` v5.5.0 does.
 */
import { fieldSpecApplies, isClusterScoped, type FieldSpec } from '../../k8s/field-specs.ts';
import { parseApiVersion, type KObject } from '../../k8s/object.ts';
import { isPlainObject } from '../../util/plain-object.ts';
import type { Resource } from '../../k8s/resource.ts';
import { updateField } from './field-path.ts';
import { copyObject, withObject, withPreviousId, type StepOptions } from './history.ts';

/** Options of {@link setNamespace}. */
export interface SetNamespaceOptions extends StepOptions {
  namespace: string;
  /** Further fields that take the namespace (from `configurations`, or a builtin's own). @default none */
  fields?: readonly FieldSpec[];
  /** Only where no namespace is set. @default false */
  unsetOnly?: boolean;
  /**
   * Which (Cluster)RoleBinding subjects get the namespace besides those naming a ServiceAccount
   * that moves with the objects: subjects named `default` (Kustomize's default), every
   * ServiceAccount subject, or none.
   * @default 'defaultOnly'
   */
  roleBindingSubjects?: 'defaultOnly' | 'allServiceAccounts' | 'none';
  /**
   * Kustomize's own namespace fields: a Namespace object takes the namespace as its name, and
   * APIService and CRD conversion webhook services move. A builtin NamespaceTransformer has
   * only the fields it lists.
   * @default true
   */
  builtInFields?: boolean;
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
  const builtIn = options.builtInFields !== false;
  const set = (current: unknown): string | undefined => (options.unsetOnly && typeof current === 'string' && current !== '' ? undefined : namespace);
  const accounts = resources.filter((r) => r.object.kind === 'ServiceAccount' && r.object.apiVersion === 'v1').map((r) => r.object.metadata);
  const services = resources.filter((r) => r.object.kind === 'Service' && r.object.apiVersion === 'v1').map((r) => r.object.metadata);
  return resources.map((unmarked) => {
    // Kustomize records every object's identity before its namespace transform, changed or not.
    const resource = withPreviousId(unmarked);
    // Only the kinds below change nested fields; every other object needs a new metadata only,
    // and none when it is in the namespace already (or cluster-scoped).
    const old = resource.object;
    const extra = (options.fields ?? []).filter((fs) => fieldSpecApplies(fs, old));
    const refs = hasNamespacedRefs(old) || extra.length > 0;
    if (!refs && !(builtIn && isKind(old, '', ['Namespace'])) && (old.metadata.namespace === namespace || isClusterScoped(old) || set(old.metadata.namespace) === undefined)) {
      return resource;
    }
    const object = refs ? copyObject(old) : { ...old, metadata: { ...old.metadata } };
    let previousNames = resource.previousNames;
    if (builtIn && isKind(object, '', ['Namespace'])) {
      if (object.metadata.name !== namespace) previousNames = [...(previousNames ?? []), object.metadata.name];
      object.metadata.name = namespace;
    } else if (!isClusterScoped(object)) {
      const next = set(object.metadata.namespace);
      if (next !== undefined) object.metadata.namespace = next;
    }
    if (isKind(object, 'rbac.authorization.k8s.io', ['RoleBinding', 'ClusterRoleBinding']) && Array.isArray(object.subjects)) {
      moveSubjects(object.subjects, accounts, options, set);
    }
    if (builtIn) moveBuiltInFields(object, namespace, services);
    for (const fs of extra) updateField(object, fs.path, fs.create, (value) => set(value) ?? value);
    const next = withObject(resource, object, 'namespace', options);
    return previousNames === resource.previousNames ? next : { ...next, previousNames: previousNames ?? [] };
  });
}

/**
 * Binding subjects: those naming a ServiceAccount that moves with the objects follow it; the
 * others as `roleBindingSubjects` says.
 */
function moveSubjects(subjects: unknown[], accounts: readonly { name: string; namespace?: string }[], options: SetNamespaceOptions, set: (current: unknown) => string | undefined): void {
  const mode = options.roleBindingSubjects ?? 'defaultOnly';
  for (const s of subjects) {
    if (!isPlainObject(s)) continue;
    const follows = accounts.some((a) => a.name === s.name && sameNamespace(s.namespace, a.namespace));
    const byMode = (mode === 'defaultOnly' && s.name === 'default') || (mode === 'allServiceAccounts' && s.kind === 'ServiceAccount');
    if (byMode) {
      const next = set(s.namespace);
      if (next !== undefined) s.namespace = next;
    } else if (follows) s.namespace = options.namespace;
  }
}

/** APIService and CRD conversion services move; webhook services follow a Service that moves. */
function moveBuiltInFields(object: KObject, namespace: string, services: readonly { name: string; namespace?: string }[]): void {
  if (isKind(object, 'apiregistration.k8s.io', ['APIService']) && isPlainObject(object.spec) && isPlainObject(object.spec.service)) {
    object.spec.service.namespace = namespace;
  }
  if (isKind(object, 'apiextensions.k8s.io', ['CustomResourceDefinition']) && isPlainObject(object.spec) && isPlainObject(object.spec.conversion)) {
    moveServices([object.spec.conversion.webhook], namespace, () => true);
  }
  if (isKind(object, 'admissionregistration.k8s.io', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'])) {
    moveServices(object.webhooks, namespace, (svc) => services.some((m) => m.name === svc.name && sameNamespace(svc.namespace, m.namespace)));
  }
}
