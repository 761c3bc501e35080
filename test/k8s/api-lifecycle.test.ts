/**
 * The API lifecycle table against real removals. Expected minors and replacements were checked
 * by hand against Kubernetes' Deprecated API Migration Guide (docs/reference/using-api/
 * deprecation-guide.md of kubernetes/website: the v1.16, v1.22, v1.25, v1.26, v1.27, v1.29 and
 * v1.32 sections) and the prerelease-lifecycle tags in k8s.io/api.
 */
import { describe, expect, test } from 'vitest';
import { apiLifecycleOf, apiStatusAt, compareMinors } from '../../src/k8s/api-lifecycle.ts';

interface Removal {
  apiVersion: string;
  kind: string;
  deprecated: string;
  removed: string;
  /** The replacement served at the removal minor, `apiVersion Kind`, or undefined for none. */
  use?: string;
}

const removals: Removal[] = [
  { apiVersion: 'extensions/v1beta1', kind: 'Deployment', deprecated: '1.8', removed: '1.16', use: 'apps/v1 Deployment' },
  { apiVersion: 'extensions/v1beta1', kind: 'DaemonSet', deprecated: '1.8', removed: '1.16', use: 'apps/v1 DaemonSet' },
  { apiVersion: 'extensions/v1beta1', kind: 'NetworkPolicy', deprecated: '1.9', removed: '1.16', use: 'networking.k8s.io/v1 NetworkPolicy' },
  { apiVersion: 'apps/v1beta1', kind: 'StatefulSet', deprecated: '1.8', removed: '1.16', use: 'apps/v1 StatefulSet' },
  { apiVersion: 'apps/v1beta2', kind: 'ReplicaSet', deprecated: '1.9', removed: '1.16', use: 'apps/v1 ReplicaSet' },
  { apiVersion: 'extensions/v1beta1', kind: 'Ingress', deprecated: '1.14', removed: '1.22', use: 'networking.k8s.io/v1 Ingress' },
  { apiVersion: 'networking.k8s.io/v1beta1', kind: 'Ingress', deprecated: '1.19', removed: '1.22', use: 'networking.k8s.io/v1 Ingress' },
  { apiVersion: 'networking.k8s.io/v1beta1', kind: 'IngressClass', deprecated: '1.19', removed: '1.22', use: 'networking.k8s.io/v1 IngressClass' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kind: 'CustomResourceDefinition', deprecated: '1.16', removed: '1.22', use: 'apiextensions.k8s.io/v1 CustomResourceDefinition' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kind: 'APIService', deprecated: '1.19', removed: '1.22', use: 'apiregistration.k8s.io/v1 APIService' },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kind: 'ValidatingWebhookConfiguration',
    deprecated: '1.16',
    removed: '1.22',
    use: 'admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration',
  },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'ClusterRoleBinding', deprecated: '1.17', removed: '1.22', use: 'rbac.authorization.k8s.io/v1 ClusterRoleBinding' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kind: 'CertificateSigningRequest', deprecated: '1.19', removed: '1.22', use: 'certificates.k8s.io/v1 CertificateSigningRequest' },
  { apiVersion: 'coordination.k8s.io/v1beta1', kind: 'Lease', deprecated: '1.19', removed: '1.22', use: 'coordination.k8s.io/v1 Lease' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kind: 'PriorityClass', deprecated: '1.14', removed: '1.22', use: 'scheduling.k8s.io/v1 PriorityClass' },
  { apiVersion: 'storage.k8s.io/v1beta1', kind: 'StorageClass', deprecated: '1.19', removed: '1.22', use: 'storage.k8s.io/v1 StorageClass' },
  { apiVersion: 'batch/v1beta1', kind: 'CronJob', deprecated: '1.21', removed: '1.25', use: 'batch/v1 CronJob' },
  { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', deprecated: '1.21', removed: '1.25', use: 'policy/v1 PodDisruptionBudget' },
  // Pod Security Admission took over; no API replaces PodSecurityPolicy.
  { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', deprecated: '1.21', removed: '1.25' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kind: 'EndpointSlice', deprecated: '1.21', removed: '1.25', use: 'discovery.k8s.io/v1 EndpointSlice' },
  { apiVersion: 'events.k8s.io/v1beta1', kind: 'Event', deprecated: '1.22', removed: '1.25', use: 'events.k8s.io/v1 Event' },
  { apiVersion: 'node.k8s.io/v1beta1', kind: 'RuntimeClass', deprecated: '1.22', removed: '1.25', use: 'node.k8s.io/v1 RuntimeClass' },
  { apiVersion: 'autoscaling/v2beta1', kind: 'HorizontalPodAutoscaler', deprecated: '1.22', removed: '1.25', use: 'autoscaling/v2 HorizontalPodAutoscaler' },
  { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler', deprecated: '1.23', removed: '1.26', use: 'autoscaling/v2 HorizontalPodAutoscaler' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kind: 'FlowSchema', deprecated: '1.23', removed: '1.26', use: 'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema' },
  { apiVersion: 'storage.k8s.io/v1beta1', kind: 'CSIStorageCapacity', deprecated: '1.24', removed: '1.27', use: 'storage.k8s.io/v1 CSIStorageCapacity' },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    kind: 'PriorityLevelConfiguration',
    deprecated: '1.26',
    removed: '1.29',
    use: 'flowcontrol.apiserver.k8s.io/v1beta3 PriorityLevelConfiguration',
  },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema', deprecated: '1.29', removed: '1.32', use: 'flowcontrol.apiserver.k8s.io/v1 FlowSchema' },
];

const minorBefore = (minor: string) => `1.${Number(minor.split('.')[1]) - 1}`;
const shown = (api?: { apiVersion: string; kind: string }) => (api ? `${api.apiVersion} ${api.kind}` : undefined);

describe('apiStatusAt', () => {
  test.each(removals)('gives $apiVersion $kind as deprecated in $deprecated and removed in $removed', ({ apiVersion, kind, deprecated, removed, use }) => {
    const api = { apiVersion, kind };
    expect(apiLifecycleOf(api)).toMatchObject({ deprecated, removed });
    const before = apiStatusAt(api, minorBefore(deprecated));
    expect(before.state).toBe('served');
    expect(apiStatusAt(api, deprecated).state).toBe('deprecated');
    expect(apiStatusAt(api, minorBefore(removed)).state).toBe('deprecated');
    const atRemoval = apiStatusAt(api, removed);
    expect(atRemoval.state).toBe('removed');
    expect(atRemoval.state === 'removed' ? shown(atRemoval.use) : 'not removed').toBe(use);
  });

  test('follows the replacement while it is removed too when the target is newer', () => {
    // v1beta1 names v1beta3, itself removed in 1.32: at 1.34 the one to use is v1.
    const status = apiStatusAt({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kind: 'FlowSchema' }, '1.34');
    expect(status.state === 'removed' && shown(status.use)).toBe('flowcontrol.apiserver.k8s.io/v1 FlowSchema');
    const psp = apiStatusAt({ apiVersion: 'extensions/v1beta1', kind: 'PodSecurityPolicy' }, '1.30');
    expect(psp).toEqual({ state: 'removed', lifecycle: expect.objectContaining({ removed: '1.16' }) });
  });

  test('gives not-yet before a version was introduced and served for versions without facts', () => {
    expect(apiStatusAt({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingAdmissionPolicy' }, '1.35').state).toBe('not-yet');
    expect(apiStatusAt({ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingAdmissionPolicy' }, '1.36').state).toBe('served');
    expect(apiStatusAt({ apiVersion: 'apps/v1', kind: 'Deployment' }, '1.36')).toEqual({ state: 'served', lifecycle: { apiVersion: 'apps/v1', kind: 'Deployment', introduced: '1.9' } });
    expect(apiStatusAt({ apiVersion: 'example.com/v1', kind: 'Widget' }, '1.36')).toEqual({ state: 'served' });
    expect(apiLifecycleOf({ apiVersion: 'constructor', kind: '' })).toBeUndefined();
  });
});

describe('compareMinors', () => {
  test('orders minors by number when the minor has two digits', () => {
    expect(['1.25', '1.9', '1.16', '2.0', '1.100'].sort(compareMinors)).toEqual(['1.9', '1.16', '1.25', '1.100', '2.0']);
  });
});
