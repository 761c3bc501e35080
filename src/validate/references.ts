/**
 * Reference checks across the objects of one environment: what one object names must exist
 * in the set (or be marked external), and selectors must select something.
 *
 * | code | severity | checks |
 * |---|---|---|
 * | `reference/selector-mismatch` | error | a workload's `spec.selector` selects its own template labels |
 * | `reference/service-selector-no-match` | warning | a Service's selector matches some workload's pod labels (controller-added labels count, ./controller-labels.ts) |
 * | `reference/target-port-not-found` | error | a Service's named targetPort is a port of a selected container (numbers are not checked) |
 * | `reference/configmap-not-found`, `reference/secret-not-found` | missing | env, envFrom, volumes, projected volumes |
 * | `reference/key-not-found` | error | keys used by `configMapKeyRef`, `secretKeyRef` and volume `items` |
 * | `reference/pvc-not-found` | missing | `persistentVolumeClaim.claimName` |
 * | `reference/volume-not-found` | error | a volumeMount names a volume or a volumeClaimTemplate |
 * | `reference/service-account-not-found` | missing | `serviceAccountName` other than `default` |
 * | `reference/service-not-found` | missing (Ingress), warning (StatefulSet `serviceName`) | the Service exists |
 * | `reference/service-port-not-found` | error | an Ingress backend's port is a port of its Service |
 * | `reference/service-not-headless` | warning | a StatefulSet's Service has `clusterIP: None` |
 * | `reference/scale-target-not-found` | missing | HorizontalPodAutoscaler `scaleTargetRef` |
 * | `reference/pdb-selector-no-match` | warning | a PodDisruptionBudget's selector matches some workload |
 * | `reference/role-not-found` | missing | a RoleBinding's `roleRef` of kind Role (ClusterRoles may be built in) |
 *
 * An error is what the API server refuses or what certainly breaks at run time. "missing" is
 * an object found nowhere: an error, or a warning when the set is partial (`validate -f`).
 * Objects that controllers make from objects in the set, and those every cluster has, count as
 * found (./reference-index.ts). Warnings are for selectors, which may rightly select pods made
 * outside the set, and for what the API server accepts and still works.
 * Optional references (`optional: true`) and objects matching `external` are not reported.
 */
import type { Finding } from '../errors.ts';
import { labelSelector, mapSelector, matchesSelector } from '../k8s/label-selector.ts';
import { parseApiVersion } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { Resource } from '../k8s/resource.ts';
import type { ExternalRef } from '../project/policy.ts';
import type { MissingObject, ReferenceIndex } from './reference-index.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { indexResources, namespaceOf, referenceFinding, requireObject, workloadsSelecting } from './reference-index.ts';
import { checkPodReferences } from './references-pod.ts';
import { checkServiceReferences } from './references-service.ts';
import { formatSelector, groupKind, podTemplateOf } from './workloads.ts';

/** An object found nowhere, and the first object (`Kind/name`) that names it. */
export interface MissingReference extends MissingObject {
  referencedBy: string;
}

/** Options of {@link validateReferences}. */
export interface ReferenceOptions {
  /**
   * Objects that exist outside the validated set; references to them are not reported.
   * Strings are `Kind/name` or `Kind/namespace/name`; names may use `*`. Default: none.
   */
  external?: readonly (string | ExternalRef)[];
  /**
   * The objects are part of what the cluster will hold, not all of it (`kasane validate -f`):
   * a reference to an object found nowhere is a warning instead of an error. Default: false.
   */
  partial?: boolean;
}

function checkWorkloadSelector(resource: Resource, findings: Finding[]): void {
  const obj = resource.object;
  const template = podTemplateOf(obj);
  if (!template || !isPlainObject(obj.spec) || obj.spec.selector === undefined) return;
  const selector = obj.spec.selector;
  const requirements = groupKind(obj) === '/ReplicationController' ? (isPlainObject(selector) ? mapSelector(selector) : undefined) : labelSelector(selector);
  const matches = requirements !== undefined && matchesSelector(requirements, template.labels);
  if (matches) return;
  const shown = groupKind(obj) === '/ReplicationController' || !isPlainObject(selector) ? JSON.stringify(selector) : formatSelector(selector);
  const message = `expected spec.selector ${shown} to match the pod template labels ${JSON.stringify(template.labels)}, found no match`;
  findings.push(
    referenceFinding(resource, 'error', 'reference/selector-mismatch', message, 'make the template labels include every selector label (the API server rejects this object)', ['spec', 'selector']),
  );
}

function checkScaleTarget(index: ReferenceIndex, resource: Resource, findings: Finding[]): void {
  const spec = resource.object.spec;
  const ref = isPlainObject(spec) ? spec.scaleTargetRef : undefined;
  if (!isPlainObject(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return;
  const group = typeof ref.apiVersion === 'string' ? parseApiVersion(ref.apiVersion).group : '';
  const hint = "fix scaleTargetRef (apiVersion, kind, name), or list the target in 'external' of kasane.config.ts";
  requireObject(
    index,
    findings,
    resource,
    { gk: `${group}/${ref.kind}`, name: ref.name, namespace: namespaceOf(resource.object) },
    ['spec', 'scaleTargetRef', 'name'],
    'reference/scale-target-not-found',
    hint,
  );
}

function checkPdb(index: ReferenceIndex, resource: Resource, findings: Finding[]): void {
  const spec = resource.object.spec;
  if (!isPlainObject(spec) || !isPlainObject(spec.selector)) return;
  const selector = spec.selector;
  const first = isPlainObject(selector.matchLabels) ? Object.entries(selector.matchLabels)[0] : undefined;
  const required = first ? `${first[0]}=${String(first[1])}` : undefined;
  const requirements = labelSelector(selector)!;
  if (workloadsSelecting(index, namespaceOf(resource.object), (labels) => matchesSelector(requirements, labels), required).length > 0) return;
  const message = `expected selector ${formatSelector(spec.selector)} to match the pod labels of a workload, found none`;
  findings.push(referenceFinding(resource, 'warning', 'reference/pdb-selector-no-match', message, "make the selector match a workload's pod template labels", ['spec', 'selector']));
}

function checkStatefulSetService(index: ReferenceIndex, resource: Resource, findings: Finding[]): void {
  const spec = resource.object.spec;
  if (!isPlainObject(spec) || typeof spec.serviceName !== 'string' || spec.serviceName === '') return;
  const hint = "add a headless Service (clusterIP: None) with this name, fix 'serviceName', or list it in 'external' of kasane.config.ts";
  const target = { gk: '/Service', name: spec.serviceName, namespace: namespaceOf(resource.object) };
  // A warning: the API server accepts it and the controller runs the pods; only their stable DNS names are missing.
  const service = requireObject(index, findings, resource, target, ['spec', 'serviceName'], 'reference/service-not-found', hint, 'warning');
  const clusterIP = service && isPlainObject(service.spec) ? service.spec.clusterIP : undefined;
  if (service && clusterIP !== 'None') {
    const message = `expected Service '${spec.serviceName}' to be headless (clusterIP: None), found clusterIP ${JSON.stringify(clusterIP ?? '')}`;
    findings.push(
      referenceFinding(resource, 'warning', 'reference/service-not-headless', message, `set spec.clusterIP: None on Service '${spec.serviceName}' so each pod gets a stable DNS name`, [
        'spec',
        'serviceName',
      ]),
    );
  }
}

function checkRoleBinding(index: ReferenceIndex, resource: Resource, findings: Finding[]): void {
  const ref = resource.object.roleRef;
  if (!isPlainObject(ref) || ref.kind !== 'Role' || typeof ref.name !== 'string') return;
  const hint = "add the Role in the RoleBinding's namespace, fix roleRef.name, or list it in 'external' of kasane.config.ts";
  requireObject(index, findings, resource, { gk: 'rbac.authorization.k8s.io/Role', name: ref.name, namespace: namespaceOf(resource.object) }, ['roleRef', 'name'], 'reference/role-not-found', hint);
}

/**
 * Checks the references between the objects of one environment (see the table above).
 * @returns findings in input order; `validate` sorts them.
 */
export function validateReferences(resources: readonly Resource[], options: ReferenceOptions = {}): Finding[] {
  return checkReferences(indexResources(resources, options.external, options.partial === true));
}

/**
 * The objects that references of `resources` name and that neither the set, `external`, a
 * controller nor every cluster provides: what a render reports as a missing-object error.
 * Sorted by kind, namespace and name, each once.
 */
export function missingReferences(resources: readonly Resource[], external: ReferenceOptions['external'] = []): MissingReference[] {
  const missing = new Map<string, MissingReference>();
  const index: ReferenceIndex = {
    ...indexResources(resources, external),
    onMissing: (target, severity, from) => {
      const key = `${target.kind}\0${target.namespace}\0${target.name}`;
      if (severity === 'error' && !missing.has(key)) missing.set(key, { ...target, referencedBy: `${from.object.kind}/${from.object.metadata.name}` });
    },
  };
  checkReferences(index);
  return [...missing].sort(([a], [b]) => compareCodeUnits(a, b)).map(([, target]) => target);
}

function checkReferences(index: ReferenceIndex): Finding[] {
  const { resources } = index;
  const findings: Finding[] = [];
  for (const resource of resources) {
    const gk = groupKind(resource.object);
    checkWorkloadSelector(resource, findings);
    checkPodReferences(index, resource, findings);
    if (gk === '/Service' || gk === 'networking.k8s.io/Ingress') checkServiceReferences(index, resource, findings);
    else if (gk === 'autoscaling/HorizontalPodAutoscaler') checkScaleTarget(index, resource, findings);
    else if (gk === 'policy/PodDisruptionBudget') checkPdb(index, resource, findings);
    else if (gk === 'apps/StatefulSet') checkStatefulSetService(index, resource, findings);
    else if (gk === 'rbac.authorization.k8s.io/RoleBinding') checkRoleBinding(index, resource, findings);
  }
  return findings;
}
