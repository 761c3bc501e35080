/**
 * References to objects that exist without being in the set: made at run time by a controller
 * from an object that is (a cert-manager Certificate's Secret), created by every cluster (the
 * bootstrap Roles), or somewhere else when the set is partial (`validate -f`); and Service
 * selectors on labels that workload controllers add to their pods.
 */
import { describe, expect, test } from 'vitest';
import type { KObject } from '../../src/k8s/object.ts';
import { validateReferences, type ReferenceOptions } from '../../src/validate/references.ts';
import { clone, deployment, resources } from '../fixtures/validate/objects.ts';

function check(objects: object[], options: ReferenceOptions = {}): string[] {
  return validateReferences(resources(...objects), options).map((f) => `${f.severity} ${f.code} ${(f.path ?? []).join('.')}`);
}

/** A Deployment in namespace `app` that mounts the Secret `name` and reads nothing else. */
function mounting(name: string): KObject {
  const d = clone(deployment()) as any;
  d.metadata.namespace = 'app';
  const c = d.spec.template.spec.containers[0];
  delete c.envFrom;
  delete c.env;
  d.spec.template.spec.volumes = [{ name: 'certs', secret: { secretName: name } }];
  return d;
}

const volume = 'error reference/secret-not-found spec.template.spec.volumes.0.secret.secretName';

describe('references to objects that exist outside the set', () => {
  test('reports a Secret nothing makes, as an error in a whole environment and a warning in a partial set', () => {
    expect(check([mounting('webhook-cert')])).toEqual([volume]);
    expect(check([mounting('webhook-cert')], { partial: true })).toEqual([volume.replace('error', 'warning')]);
  });

  test.each([
    ['a cert-manager Certificate', { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'serving-cert', namespace: 'app' }, spec: { secretName: 'webhook-cert' } }],
    [
      'an Ingress annotated for cert-manager',
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'web', namespace: 'app', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
        spec: { tls: [{ hosts: ['a.example.com'], secretName: 'webhook-cert' }] },
      },
    ],
    ['an ExternalSecret with a target name', { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'app' }, spec: { target: { name: 'webhook-cert' } } }],
    ['an ExternalSecret of the same name', { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'webhook-cert', namespace: 'app' }, spec: {} }],
    ['a SealedSecret', { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'webhook-cert', namespace: 'app' }, spec: { encryptedData: {} } }],
  ])('accepts a Secret that %s makes at run time', (_what, producer) => {
    expect(check([mounting('webhook-cert'), producer])).toEqual([]);
  });

  test('still reports the Secret when the producer is in another namespace or makes no Secret', () => {
    const elsewhere = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c', namespace: 'other' }, spec: { secretName: 'webhook-cert' } };
    const merge = { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'webhook-cert', namespace: 'app' }, spec: { target: { creationPolicy: 'Merge' } } };
    const noIssuer = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'app' }, spec: { tls: [{ secretName: 'webhook-cert' }] } };
    for (const producer of [elsewhere, merge, noIssuer]) expect(check([mounting('webhook-cert'), producer])).toEqual([volume]);
  });

  test('accepts the Roles every API server bootstraps, and reports other missing Roles', () => {
    const binding = (name: string, namespace: string) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [],
    });
    expect(check([binding('extension-apiserver-authentication-reader', 'kube-system')])).toEqual([]);
    expect(check([binding('extension-apiserver-authentication-reader', 'app')])).toEqual(['error reference/role-not-found roleRef.name']);
  });

  test("accepts the ConfigMap 'kube-root-ca.crt' that every namespace has", () => {
    const d = mounting('unused') as any;
    d.spec.template.spec.volumes = [{ name: 'ca', projected: { sources: [{ configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }] } }];
    expect(check([d])).toEqual([]);
  });
});

describe('Service selectors on labels that controllers add', () => {
  const redis = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'redis-server' },
    spec: {
      replicas: 3,
      serviceName: 'redis',
      selector: { matchLabels: { app: 'redis' } },
      template: { metadata: { labels: { app: 'redis' } }, spec: { containers: [{ name: 'redis', image: 'redis:7.2' }] } },
    },
  };
  const headless = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'redis' }, spec: { clusterIP: 'None', selector: { app: 'redis' }, ports: [{ port: 6379 }] } };
  const announce = (pod: string) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `announce-${pod}` },
    spec: { selector: { app: 'redis', 'statefulset.kubernetes.io/pod-name': pod }, ports: [{ port: 6379 }] },
  });

  test('selects each pod of a StatefulSet by the pod-name label its controller adds', () => {
    expect(check([redis, headless, announce('redis-server-0'), announce('redis-server-2')])).toEqual([]);
  });

  test('warns when the pod name is past the replicas or of another StatefulSet', () => {
    expect(check([redis, headless, announce('redis-server-3'), announce('other-0')])).toEqual([
      'warning reference/service-selector-no-match spec.selector',
      'warning reference/service-selector-no-match spec.selector',
    ]);
  });

  test("selects a Deployment's pods by pod-template-hash, whose value only the controller knows", () => {
    const d = clone(deployment()) as any;
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { selector: { app: 'api', 'pod-template-hash': '5d4f8c7b9' }, ports: [{ port: 80, targetPort: 8080 }] } };
    expect(check([d, svc]).filter((f) => f.includes('selector'))).toEqual([]);
  });
});
