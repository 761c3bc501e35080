/**
 * Deprecated and removed APIs. Each case's minors and replacement were checked by hand against
 * the Kubernetes Deprecated API Migration Guide (kubernetes/website
 * content/en/docs/reference/using-api/deprecation-guide.md) and, for the APIs it does not list,
 * the `+k8s:prerelease-lifecycle-gen` tags of k8s.io/api at the removal tag; the in-range
 * removals were also checked in the OpenAPI documents (the kind is in the document of the minor
 * before the removal and absent from the removal's).
 */
import { describe, expect, test } from 'vitest';
import { apiStatusAt } from '../../src/k8s/api-lifecycle.ts';
import { SCHEMA_VERSIONS } from '../../src/k8s/schema/load.ts';
import { validateSchema } from '../../src/validate/schema.ts';
import { resources } from '../fixtures/validate/objects.ts';

interface Removal {
  api: string;
  deprecated: string;
  removed: string;
  /** What to move to at the removal minor; undefined: nothing replaces it. */
  use?: string;
}

const removals: Removal[] = [
  { api: 'batch/v1beta1 CronJob', deprecated: '1.21', removed: '1.25', use: 'batch/v1 CronJob' },
  { api: 'policy/v1beta1 PodDisruptionBudget', deprecated: '1.21', removed: '1.25', use: 'policy/v1 PodDisruptionBudget' },
  { api: 'policy/v1beta1 PodSecurityPolicy', deprecated: '1.21', removed: '1.25' },
  { api: 'discovery.k8s.io/v1beta1 EndpointSlice', deprecated: '1.21', removed: '1.25', use: 'discovery.k8s.io/v1 EndpointSlice' },
  { api: 'events.k8s.io/v1beta1 Event', deprecated: '1.22', removed: '1.25', use: 'events.k8s.io/v1 Event' },
  { api: 'autoscaling/v2beta1 HorizontalPodAutoscaler', deprecated: '1.22', removed: '1.25', use: 'autoscaling/v2 HorizontalPodAutoscaler' },
  { api: 'autoscaling/v2beta2 HorizontalPodAutoscaler', deprecated: '1.23', removed: '1.26', use: 'autoscaling/v2 HorizontalPodAutoscaler' },
  { api: 'storage.k8s.io/v1beta1 CSIStorageCapacity', deprecated: '1.24', removed: '1.27', use: 'storage.k8s.io/v1 CSIStorageCapacity' },
  { api: 'networking.k8s.io/v1beta1 Ingress', deprecated: '1.19', removed: '1.22', use: 'networking.k8s.io/v1 Ingress' },
  { api: 'extensions/v1beta1 Ingress', deprecated: '1.14', removed: '1.22', use: 'networking.k8s.io/v1 Ingress' },
  { api: 'rbac.authorization.k8s.io/v1beta1 ClusterRole', deprecated: '1.17', removed: '1.22', use: 'rbac.authorization.k8s.io/v1 ClusterRole' },
  { api: 'apiextensions.k8s.io/v1beta1 CustomResourceDefinition', deprecated: '1.16', removed: '1.22', use: 'apiextensions.k8s.io/v1 CustomResourceDefinition' },
  { api: 'flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema', deprecated: '1.26', removed: '1.29', use: 'flowcontrol.apiserver.k8s.io/v1 FlowSchema' },
  { api: 'flowcontrol.apiserver.k8s.io/v1beta3 PriorityLevelConfiguration', deprecated: '1.29', removed: '1.32', use: 'flowcontrol.apiserver.k8s.io/v1 PriorityLevelConfiguration' },
  { api: 'authentication.k8s.io/v1beta1 SelfSubjectReview', deprecated: '1.30', removed: '1.33', use: 'authentication.k8s.io/v1 SelfSubjectReview' },
  { api: 'admissionregistration.k8s.io/v1beta1 ValidatingAdmissionPolicy', deprecated: '1.31', removed: '1.34', use: 'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy' },
];

function split(api: string): { apiVersion: string; kind: string } {
  const [apiVersion, kind] = api.split(' ');
  return { apiVersion: apiVersion!, kind: kind! };
}

function before(minor: string): string {
  const [major, n] = minor.split('.').map(Number);
  return `${major}.${n! - 1}`;
}

function findingsAt(api: string, minor: string): string[] {
  return validateSchema(resources({ ...split(api), metadata: { name: 'x' } }), { kubernetesVersion: minor })
    .filter((f) => f.code === 'schema/removed-api' || f.code === 'schema/deprecated-api')
    .map((f) => `${f.severity} ${f.code}: ${f.message}`);
}

describe('API lifecycle', () => {
  test('covers at least ten real removals', () => {
    expect(removals.length).toBeGreaterThanOrEqual(10);
  });

  test.each(removals)('$api: served before $deprecated, deprecated until $removed, then removed', ({ api, deprecated, removed }) => {
    expect(apiStatusAt(split(api), before(deprecated)).state).toBe('served');
    expect(apiStatusAt(split(api), deprecated).state).toBe('deprecated');
    expect(apiStatusAt(split(api), before(removed)).state).toBe('deprecated');
    expect(apiStatusAt(split(api), removed).state).toBe('removed');
  });

  test.each(removals)('$api: an error naming the replacement at every supported minor from $removed on', ({ api, deprecated, removed, use }) => {
    const replacement = use ? `use ${use}` : 'serves no replacement';
    for (const minor of SCHEMA_VERSIONS.filter((m) => Number(m.split('.')[1]) >= Number(removed.split('.')[1]))) {
      const [finding] = findingsAt(api, minor);
      expect(finding, minor).toContain(`error schema/removed-api: Kubernetes ${minor} no longer serves ${api} (deprecated in ${deprecated}, removed in ${removed}): `);
      expect(finding, minor).toContain(replacement);
    }
  });

  const inRange = removals.filter((r) => SCHEMA_VERSIONS.includes(r.deprecated) || SCHEMA_VERSIONS.includes(before(r.removed)));
  test.each(inRange)('$api: a warning with the removal minor and the replacement while it is deprecated', ({ api, deprecated, removed, use }) => {
    const minors = SCHEMA_VERSIONS.filter((m) => Number(m.split('.')[1]) >= Number(deprecated.split('.')[1]) && Number(m.split('.')[1]) < Number(removed.split('.')[1]));
    expect(minors.length).toBeGreaterThan(0);
    for (const minor of minors) {
      expect(findingsAt(api, minor), minor).toEqual([`warning schema/deprecated-api: ${api} is deprecated since Kubernetes ${deprecated} and removed in ${removed}: use ${use}`]);
    }
  });

  test('reports nothing for a served API that is not deprecated, nor for a custom resource', () => {
    expect(findingsAt('batch/v1 CronJob', '1.36')).toEqual([]);
    expect(findingsAt('example.com/v1 Widget', '1.36')).toEqual([]);
  });

  test('a removed built-in group is a removal, not an unregistered custom resource', () => {
    const object = { apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'web' }, spec: {} };
    expect(validateSchema(resources(object)).map((f) => [f.severity, f.code, f.hint])).toEqual([
      ['error', 'schema/removed-api', "set apiVersion to 'networking.k8s.io/v1', and check its fields against the new version"],
    ]);
  });

  test('a deprecated object is still checked against its schema', () => {
    const object = { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema', metadata: { name: 'f' }, spec: { priorityLevelConfiguration: { name: 'p' }, matchingPrecedense: 1 } };
    expect(validateSchema(resources(object), { kubernetesVersion: '1.30' }).map((f) => f.code)).toEqual(['schema/deprecated-api', 'schema/unknown-field']);
  });
});
