import { describe, expect, test } from 'vitest';
import type { KObject } from '../../src/k8s/object.ts';
import { crdApiVersions } from '../../src/k8s/crd-apis.ts';
import { withReleaseNamespace } from '../../src/charts/release-objects.ts';

const crd = (group: string, kind: string, scope: string, versions: { name: string; served?: boolean }[]) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${kind.toLowerCase()}s.${group}` },
  spec: { group, names: { kind }, scope, versions },
});
const obj = (apiVersion: string, kind: string, name: string, namespace?: string): KObject => ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } });

describe('crdApiVersions', () => {
  test('lists both forms helm matches, for served versions only', () => {
    expect(crdApiVersions([crd('cert-manager.io', 'Certificate', 'Namespaced', [{ name: 'v1' }, { name: 'v1alpha2', served: false }]), { kind: 'ConfigMap' }])).toEqual([
      'cert-manager.io/v1',
      'cert-manager.io/v1/Certificate',
    ]);
  });
});

describe('withReleaseNamespace', () => {
  test('puts namespaced objects without a namespace into the release namespace, and nothing else', () => {
    const objects = [
      obj('v1', 'ConfigMap', 'a'),
      obj('rbac.authorization.k8s.io/v1', 'Role', 'leader', 'kube-system'),
      obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'reader'),
      obj('cert-manager.io/v1', 'ClusterIssuer', 'letsencrypt'),
      obj('cert-manager.io/v1', 'Issuer', 'self'),
      obj('example.com/v1', 'Widget', 'w'),
      crd('cert-manager.io', 'ClusterIssuer', 'Cluster', [{ name: 'v1' }]) as unknown as KObject,
    ];
    const r = withReleaseNamespace(objects, 'platform', [crd('cert-manager.io', 'Issuer', 'Namespaced', [{ name: 'v1' }])]);
    expect(r.objects.map((o) => `${o.kind}/${o.metadata.namespace ?? '-'}`)).toEqual([
      'ConfigMap/platform',
      'Role/kube-system',
      'ClusterRole/-',
      'ClusterIssuer/-',
      'Issuer/platform',
      'Widget/-',
      'CustomResourceDefinition/-',
    ]);
    expect(r.unknownScope.map((o) => o.kind)).toEqual(['Widget']);
    expect(objects[0]!.metadata.namespace).toBeUndefined();
  });
});
