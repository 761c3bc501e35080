import { describe, expect, test } from 'vitest';
import { formatObjectRef } from '../../src/errors.ts';
import type { Finding } from '../../src/errors.ts';
import { validateReferences } from '../../src/validate/references.ts';
import type { ReferenceOptions } from '../../src/validate/references.ts';
import { clone, configMap, deployment, resources, secret, service, validSet } from '../fixtures/validate/objects.ts';

function brief(f: Finding) {
  return { severity: f.severity, code: f.code, object: f.object ? formatObjectRef(f.object) : undefined, path: f.path, message: f.message };
}

function check(objects: object[], options: ReferenceOptions = {}) {
  return validateReferences(resources(...objects), options).map(brief);
}

const container = ['spec', 'template', 'spec', 'containers', 0];

function statefulSet(extra: Record<string, unknown> = {}): any {
  const d = clone(deployment()) as any;
  return { ...d, kind: 'StatefulSet', metadata: { name: 'db' }, spec: { ...d.spec, serviceName: 'db', ...extra } };
}

describe('validateReferences', () => {
  test('reports nothing when every reference resolves', () => {
    expect(check(validSet())).toEqual([]);
  });

  test('reports a workload whose selector does not select its own template', () => {
    const d = clone(deployment()) as any;
    d.spec.selector.matchLabels = { app: 'web' };
    expect(check([d])).toContainEqual({
      severity: 'error',
      code: 'reference/selector-mismatch',
      object: 'Deployment/api',
      path: ['spec', 'selector'],
      message: 'expected spec.selector app=web to match the pod template labels {"app":"api"}, found no match',
    });
  });

  test('warns when a Service selector matches no workload', () => {
    const s = clone(service()) as any;
    s.spec.selector = { app: 'apo' };
    expect(check([deployment(), s, configMap(), secret()])).toEqual([
      {
        severity: 'warning',
        code: 'reference/service-selector-no-match',
        object: 'Service/api',
        path: ['spec', 'selector'],
        message: 'expected selector app=apo to match the pod labels of a workload, found none',
      },
    ]);
  });

  test('reports a named targetPort that no selected container declares', () => {
    const s = clone(service()) as any;
    s.spec.ports[0].targetPort = 'web';
    expect(check([deployment(), s, configMap(), secret()])).toEqual([
      {
        severity: 'error',
        code: 'reference/target-port-not-found',
        object: 'Service/api',
        path: ['spec', 'ports', 0, 'targetPort'],
        message: "expected a container port named 'web' in Deployment 'api', found none",
      },
    ]);
  });

  test('accepts a numeric targetPort that no selected container declares (containerPort is informational)', () => {
    const s = clone(service()) as any;
    s.spec.ports[0].targetPort = 9090;
    expect(check([deployment(), s, configMap(), secret()])).toEqual([]);
  });

  test('checks the port number when targetPort is left out', () => {
    const s = clone(service()) as any;
    s.spec.ports = [{ port: 8080 }];
    expect(check([deployment(), s, configMap(), secret()])).toEqual([]);
  });

  test('reports a missing ConfigMap with a suggestion when envFrom names it wrongly', () => {
    const cm = { ...configMap(), metadata: { name: 'api-config-7fk2h9' } };
    expect(check([deployment(), service(), cm, secret()])).toEqual([
      {
        severity: 'error',
        code: 'reference/configmap-not-found',
        object: 'Deployment/api',
        path: [...container, 'envFrom', 0, 'configMapRef', 'name'],
        message: "expected a ConfigMap named 'api-config', found none",
      },
    ]);
  });

  test('suggests the near name when a ConfigMap name has a typo', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.containers[0].envFrom[0].configMapRef.name = 'api-confg';
    expect(check([d, service(), configMap(), secret()]).map((f) => f.message)).toEqual(["expected a ConfigMap named 'api-confg', found none (did you mean 'api-config'?)"]);
  });

  test('reports a missing Secret key with the keys it has', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key = 'tokn';
    expect(check([d, service(), configMap(), secret()])).toEqual([
      {
        severity: 'error',
        code: 'reference/key-not-found',
        object: 'Deployment/api',
        path: [...container, 'env', 0, 'valueFrom', 'secretKeyRef', 'key'],
        message: "expected key 'tokn' in Secret 'api-secret', found keys 'token' (did you mean 'token'?)",
      },
    ]);
  });

  test('skips references marked optional', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.containers[0].envFrom.push({ secretRef: { name: 'extra', optional: true } });
    d.spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.optional = true;
    d.spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.key = 'missing';
    expect(check([d, service(), configMap(), secret()])).toEqual([]);
  });

  test('skips references to external objects given as strings or patterns', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.containers[0].envFrom.push({ secretRef: { name: 'registry-creds' } }, { configMapRef: { name: 'shared' } });
    expect(check([d, service(), configMap(), secret()], { external: ['Secret/registry-*', { kind: 'ConfigMap', name: 'shared' }] })).toEqual([]);
    expect(check([d, service(), configMap(), secret()], { external: ['Secret/other'] }).map((f) => f.code)).toEqual(['reference/secret-not-found', 'reference/configmap-not-found']);
  });

  test('reports a missing key of a configMap volume item', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.volumes = [{ name: 'cfg', configMap: { name: 'api-config', items: [{ key: 'app.yaml', path: 'app.yaml' }] } }];
    expect(check([d, service(), configMap(), secret()])).toEqual([
      {
        severity: 'error',
        code: 'reference/key-not-found',
        object: 'Deployment/api',
        path: ['spec', 'template', 'spec', 'volumes', 0, 'configMap', 'items', 0, 'key'],
        message: "expected key 'app.yaml' in ConfigMap 'api-config', found keys 'LOG_LEVEL'",
      },
    ]);
  });

  test('reports a missing Secret of a projected volume', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.volumes = [{ name: 'all', projected: { sources: [{ configMap: { name: 'api-config' } }, { secret: { name: 'tls' } }] } }];
    expect(check([d, service(), configMap(), secret()])).toEqual([
      {
        severity: 'error',
        code: 'reference/secret-not-found',
        object: 'Deployment/api',
        path: ['spec', 'template', 'spec', 'volumes', 0, 'projected', 'sources', 1, 'secret', 'name'],
        message: "expected a Secret named 'tls', found none",
      },
    ]);
  });

  test('reports a missing Secret of a secret volume by secretName', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.volumes = [{ name: 'tls', secret: { secretName: 'api-tls' } }];
    expect(check([d, service(), configMap(), secret()]).map((f) => [f.code, f.path])).toEqual([['reference/secret-not-found', ['spec', 'template', 'spec', 'volumes', 0, 'secret', 'secretName']]]);
  });

  test('reports a missing PersistentVolumeClaim', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'api-data' } }];
    expect(check([d, service(), configMap(), secret()])).toEqual([
      {
        severity: 'error',
        code: 'reference/pvc-not-found',
        object: 'Deployment/api',
        path: ['spec', 'template', 'spec', 'volumes', 0, 'persistentVolumeClaim', 'claimName'],
        message: "expected a PersistentVolumeClaim named 'api-data', found none",
      },
    ]);
  });

  test('accepts mounts of a StatefulSet volumeClaimTemplate and reports unknown mounts', () => {
    const sts = statefulSet({ volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] });
    sts.spec.template.spec.containers[0].volumeMounts = [
      { name: 'data', mountPath: '/data' },
      { name: 'dta', mountPath: '/x' },
    ];
    const headless = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { app: 'api' }, ports: [{ port: 8080 }] } };
    expect(check([sts, headless, configMap(), secret()])).toEqual([
      {
        severity: 'error',
        code: 'reference/volume-not-found',
        object: 'StatefulSet/db',
        path: [...container, 'volumeMounts', 1, 'name'],
        message: "expected a volume or volumeClaimTemplate named 'dta', found none (did you mean 'data'?)",
      },
    ]);
  });

  test('reports a missing ServiceAccount but not the default one', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.serviceAccountName = 'api-sa';
    expect(check([d, service(), configMap(), secret()])).toEqual([
      {
        severity: 'error',
        code: 'reference/service-account-not-found',
        object: 'Deployment/api',
        path: ['spec', 'template', 'spec', 'serviceAccountName'],
        message: "expected a ServiceAccount named 'api-sa', found none",
      },
    ]);
    d.spec.template.spec.serviceAccountName = 'default';
    expect(check([d, service(), configMap(), secret()])).toEqual([]);
  });

  test('looks up references in the object namespace only', () => {
    const d = clone(deployment()) as any;
    d.metadata.namespace = 'prod';
    const cm = { ...configMap(), metadata: { name: 'api-config', namespace: 'staging' } };
    const s = { ...secret(), metadata: { name: 'api-secret', namespace: 'prod' } };
    expect(check([d, cm, s])).toEqual([
      {
        severity: 'error',
        code: 'reference/configmap-not-found',
        object: 'Deployment/prod/api',
        path: [...container, 'envFrom', 0, 'configMapRef', 'name'],
        message: "expected a ConfigMap named 'api-config' in namespace 'prod', found none",
      },
    ]);
  });

  function ingress(backend: Record<string, unknown>) {
    return {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: backend } }] } }] },
    };
  }
  const backendPath = ['spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service'];

  test('reports an Ingress backend naming a missing Service', () => {
    expect(check([...validSet(), ingress({ name: 'ap', port: { number: 80 } })])).toEqual([
      { severity: 'error', code: 'reference/service-not-found', object: 'Ingress/web', path: [...backendPath, 'name'], message: "expected a Service named 'ap', found none (did you mean 'api'?)" },
    ]);
  });

  test('reports an Ingress backend port number the Service does not have', () => {
    expect(check([...validSet(), ingress({ name: 'api', port: { number: 8080 } })])).toEqual([
      { severity: 'error', code: 'reference/service-port-not-found', object: 'Ingress/web', path: [...backendPath, 'port', 'number'], message: "expected Service 'api' to have a port 8080, found 80" },
    ]);
  });

  test('reports an Ingress backend port name the Service does not have', () => {
    expect(check([...validSet(), ingress({ name: 'api', port: { name: 'https' } })])).toEqual([
      {
        severity: 'error',
        code: 'reference/service-port-not-found',
        object: 'Ingress/web',
        path: [...backendPath, 'port', 'name'],
        message: "expected Service 'api' to have a port named 'https', found 'http'",
      },
    ]);
    expect(check([...validSet(), ingress({ name: 'api', port: { name: 'http' } })])).toEqual([]);
  });

  test('reports a HorizontalPodAutoscaler whose target does not exist', () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'api' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'api' }, maxReplicas: 3 },
    };
    expect(check([...validSet(), hpa])).toEqual([
      {
        severity: 'error',
        code: 'reference/scale-target-not-found',
        object: 'HorizontalPodAutoscaler/api',
        path: ['spec', 'scaleTargetRef', 'name'],
        message: "expected a StatefulSet named 'api', found none",
      },
    ]);
    hpa.spec.scaleTargetRef.kind = 'Deployment';
    expect(check([...validSet(), hpa])).toEqual([]);
  });

  test('warns when a PodDisruptionBudget selects no workload', () => {
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'ap1' } } } };
    expect(check([...validSet(), pdb])).toEqual([
      {
        severity: 'warning',
        code: 'reference/pdb-selector-no-match',
        object: 'PodDisruptionBudget/api',
        path: ['spec', 'selector'],
        message: 'expected selector app=ap1 to match the pod labels of a workload, found none',
      },
    ]);
    pdb.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'web'] }] } as any;
    expect(check([...validSet(), pdb])).toEqual([]);
  });

  test('warns about a StatefulSet serviceName without a Service, which the API server accepts', () => {
    expect(check([statefulSet(), configMap(), secret()])).toEqual([
      { severity: 'warning', code: 'reference/service-not-found', object: 'StatefulSet/db', path: ['spec', 'serviceName'], message: "expected a Service named 'db', found none" },
    ]);
  });

  test('warns when the StatefulSet Service is not headless', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { selector: { app: 'api' }, ports: [{ port: 8080 }] } };
    expect(check([statefulSet(), svc, configMap(), secret()])).toEqual([
      {
        severity: 'warning',
        code: 'reference/service-not-headless',
        object: 'StatefulSet/db',
        path: ['spec', 'serviceName'],
        message: 'expected Service \'db\' to be headless (clusterIP: None), found clusterIP ""',
      },
    ]);
  });

  test('reports a RoleBinding to a Role that is not in the set, and skips ClusterRoles', () => {
    const rb = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'read' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [],
    };
    expect(check([rb])).toEqual([
      { severity: 'error', code: 'reference/role-not-found', object: 'RoleBinding/read', path: ['roleRef', 'name'], message: "expected a Role named 'reader', found none" },
    ]);
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' }, rules: [] };
    expect(check([rb, role])).toEqual([]);
    expect(check([{ ...rb, roleRef: { ...rb.roleRef, kind: 'ClusterRole', name: 'view' } }])).toEqual([]);
  });
});
