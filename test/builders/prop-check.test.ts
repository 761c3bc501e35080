/**
 * Builders reject, at run time, props they do not know (at every level whose shape they own)
 * and objects of a kind a relation cannot take, instead of dropping them or writing a broken
 * reference.
 */
import { describe, expect, test } from 'vitest';
import * as k from '../../src/builders/index.ts';
import { thrown } from './deep-freeze.ts';

const loose = <T>(value: unknown): T => value as T;
const api = k.deployment({ name: 'api', containers: [k.container({ name: 'api', image: 'api:1', ports: { http: 8080 } })] });
const apiService = k.service({ for: api, ports: [{ port: 80 }] });
const settings = k.configMap({ name: 'settings', data: { A: '1' } });
const creds = k.secret({ name: 'creds', stringData: { password: 'x' } });

/** `{ code, path, message }` of every finding of the error `fn` throws. */
function findingsOf(fn: () => unknown) {
  return thrown(fn).findings.map((f) => ({ code: (f as { code?: string }).code, path: f.path, message: f.message }));
}

describe('unknown props', () => {
  test('a misspelt top-level prop is an error with a suggestion, not a silently missing field', () => {
    const error = thrown(() => k.deployment(loose({ name: 'api', image: 'api:1', replica: 3 })));
    expect(error.code).toBe('builder/unknown-prop');
    expect(error.findings).toHaveLength(1);
    expect(error.findings[0]).toMatchObject({
      path: ['replica'],
      message: "unknown prop 'replica' for deployment() (did you mean 'replicas'?)",
      object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
    });
    expect(error.findings[0]!.hint).toMatch(/^known props here: annotations, args, .*replicas, .*volumes$/);
  });

  test('every unknown prop of one call is reported together', () => {
    expect(findingsOf(() => k.configMap(loose({ name: 'a', dat: {}, immutible: true })))).toEqual([
      { code: 'builder/unknown-prop', path: ['dat'], message: "unknown prop 'dat' for configMap() (did you mean 'data'?)" },
      { code: 'builder/unknown-prop', path: ['immutible'], message: "unknown prop 'immutible' for configMap() (did you mean 'immutable'?)" },
    ]);
  });

  test.each([
    ['service ports', () => k.service({ for: api, ports: [loose({ port: 80, targetPrt: 'http' })] }), ['ports', 0, 'targetPrt']],
    ['ingress rules', () => k.ingress({ name: 'edge', rules: [loose({ service: apiService, hots: 'a.example.com' })] }), ['rules', 0, 'hots']],
    ['ingress tls', () => k.ingress({ name: 'edge', tls: [loose({ secret: 'tls', host: ['a'] })] }), ['tls', 0, 'host']],
    ['ingress defaultBackend', () => k.ingress({ name: 'edge', defaultBackend: loose({ service: apiService, prot: 80 }) }), ['defaultBackend', 'prot']],
    ['a shorthand strategy', () => k.deployment({ name: 'api', image: 'a', strategy: loose({ maxSurge: 1, maxUnavailble: 0 }) }), ['strategy', 'maxUnavailble']],
    ['shorthand resources of a workload', () => k.deployment({ name: 'api', image: 'a', resources: loose({ cpu: '1', memroy: '1Gi' }) }), ['resources', 'memroy']],
    ['shorthand resources of a container', () => k.container({ name: 'a', image: 'a', resources: loose({ cpu: '1', memroy: '1Gi' }) }), ['resources', 'memroy']],
    ['a ConfigMap key env value', () => k.container({ name: 'a', image: 'a', env: { A: loose({ configMap: settings, key: 'A', optional: true }) } }), ['env', 'A', 'optional']],
    [
      'a claim template',
      () => k.statefulSet({ name: 'db', serviceName: 'db', image: 'a', volumeClaimTemplates: [loose({ name: 'data', storage: '1Gi', storageClass: 'fast' })] }),
      ['volumeClaimTemplates', 0, 'storageClass'],
    ],
    ['probe timing', () => k.httpGet('/', 'http', loose({ periodSecond: 5 })), ['timing', 'periodSecond']],
    ['gRPC probe timing', () => k.grpc(9090, loose({ servce: 'health' })), ['timing', 'servce']],
    ['mount options', () => k.mount(settings, loose({ mountPath: '/etc/a', readonly: true })), ['readonly']],
    ['an emptyDir', () => k.emptyDir(loose({ name: 'cache', medum: 'Memory' })), ['medum']],
    ['key reference options', () => k.fromSecret(creds, 'password', loose({ optinal: true })), ['optinal']],
  ])('an unknown prop in %s is an error with its path', (_name, call, path) => {
    const error = thrown(call);
    expect(error.code).toBe('builder/unknown-prop');
    expect(error.findings.map((f) => f.path)).toEqual([path]);
  });

  test('Kubernetes types inside props are left to schema validation', () => {
    const d = k.deployment({ name: 'api', image: 'a', strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } }, resources: { requests: { cpu: '1' } } });
    expect(d.spec?.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } });
  });

  test('props that are not an object are an error naming the props type', () => {
    expect(findingsOf(() => k.deployment(loose(undefined)))).toEqual([
      { code: 'builder/invalid-props', path: [], message: 'expected an object of DeploymentProps for deployment(), received undefined' },
    ]);
    expect(findingsOf(() => k.service({ name: 'a', ports: [loose(80)] }))).toEqual([
      { code: 'builder/invalid-props', path: ['ports', 0], message: "expected an object of ServicePortProps at 'ports[0]' for service(), received number 80" },
    ]);
  });
});

describe('relations', () => {
  test('an HPA cannot target a Service', () => {
    const error = thrown(() => k.horizontalPodAutoscaler({ for: loose(apiService), maxReplicas: 3 }));
    expect(error.code).toBe('builder/invalid-relation');
    expect(error.findings[0]).toMatchObject({
      path: ['for'],
      message: "expected 'for' of horizontalPodAutoscaler() to be a Deployment, StatefulSet or ReplicaSet, received Service 'api'",
      object: { kind: 'HorizontalPodAutoscaler', name: 'api' },
    });
  });

  test.each([
    ['an HPA on a DaemonSet', () => k.horizontalPodAutoscaler({ for: loose(k.daemonSet({ name: 'agent', image: 'a' })), maxReplicas: 2 }), ['for']],
    ['an HPA on a name', () => k.horizontalPodAutoscaler({ for: loose('api'), maxReplicas: 2 }), ['for']],
    ['a Service for a ConfigMap', () => k.service({ for: loose(settings), ports: [{ port: 80 }] }), ['for']],
    ['a NetworkPolicy for a Service', () => k.networkPolicy({ name: 'a', for: loose(apiService) }), ['for']],
    ['a PodDisruptionBudget for a Secret', () => k.podDisruptionBudget({ for: loose(creds), minAvailable: 1 }), ['for']],
    ['a StatefulSet governed by a ConfigMap', () => k.statefulSet({ name: 'db', serviceName: loose(settings), image: 'a' }), ['serviceName']],
    ['a pod running as a Secret', () => k.deployment({ name: 'api', image: 'a', serviceAccount: loose(creds) }), ['serviceAccount']],
    ['an Ingress route to a Deployment', () => k.ingress({ name: 'edge', rules: [{ service: loose(api), port: 80 }] }), ['rules', 0, 'service']],
    ['Ingress TLS from a ConfigMap', () => k.ingress({ name: 'edge', tls: [{ secret: loose(settings) }] }), ['tls', 0, 'secret']],
    ['a RoleBinding of a ServiceAccount as role', () => k.roleBinding({ role: loose(k.serviceAccount({ name: 'sa' })), subjects: [] }), ['role']],
    ['a RoleBinding subject that is a Secret', () => k.roleBinding({ name: 'b', role: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' }, subjects: [loose(creds)] }), ['subjects', 0]],
    ['image pull secrets from a ConfigMap', () => k.serviceAccount({ name: 'sa', imagePullSecrets: [loose(settings)] }), ['imagePullSecrets', 0]],
    ['envFrom a Deployment', () => k.envFrom(settings, loose(api)), ['sources[1]']],
    ['container envFrom a Deployment', () => k.container({ name: 'a', image: 'a', envFrom: [loose(api)] }), ['envFrom', 0]],
    ['a ConfigMap key of a Secret', () => k.fromConfigMap(loose(creds), 'password'), ['configMap']],
    ['an env value from a Secret given as ConfigMap', () => k.container({ name: 'a', image: 'a', env: { P: { configMap: loose(creds), key: 'password' } } }), ['env', 'P', 'configMap']],
    ['a mount of a Deployment', () => k.mount(loose(api), { mountPath: '/x' }), ['source']],
  ])('%s is an error', (_name, call, path) => {
    const error = thrown(call);
    expect(error.code).toBe('builder/invalid-relation');
    expect(error.findings.map((f) => f.path)).toEqual([path]);
  });

  test('names and literal references are still accepted where the prop takes them', () => {
    expect(k.statefulSet({ name: 'db', serviceName: 'db-headless', image: 'a' }).spec?.serviceName).toBe('db-headless');
    expect(k.ingress({ name: 'edge', rules: [{ service: 'api', port: 80 }], tls: [{ secret: 'tls' }] }).spec?.tls).toEqual([{ secretName: 'tls' }]);
    expect(k.roleBinding({ name: 'b', role: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'jane' }] }).subjects).toEqual([
      { kind: 'User', name: 'jane' },
    ]);
    expect(k.envFrom({ prefix: 'X_', configMapRef: { name: 'other' } })).toEqual([{ prefix: 'X_', configMapRef: { name: 'other' } }]);
    expect(k.mount({ name: 'tmp', emptyDir: {} }, { mountPath: '/tmp' })).toEqual({ name: 'tmp', mountPath: '/tmp' });
  });
});
