/**
 * Every builder's output is what the Kubernetes API accepts: validated strictly against the
 * schema of the target Kubernetes version (unknown fields, types, required fields, names,
 * quantities), with both minimal and rich props.
 */
import { describe, expect, test } from 'vitest';
import * as k from '../../src/builders/index.ts';
import type { KObject } from '../../src/k8s/object.ts';
import { validateSchema } from '../../src/validate/schema.ts';

const app = k.deployment({
  name: 'api',
  replicas: 2,
  strategy: { maxSurge: 1, maxUnavailable: 0 },
  containers: [
    k.container({
      name: 'api',
      image: 'example/api:1.0.0',
      ports: { http: 8080, metrics: 9090 },
      env: { MODE: 'prod', PORT: 8080 },
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      readinessProbe: k.httpGet('/ready', 'http'),
      livenessProbe: k.tcpSocket('http', { initialDelaySeconds: 5 }),
      volumeMounts: [k.mount(k.emptyDir({ name: 'cache', sizeLimit: '1Gi' }), { mountPath: '/cache' })],
    }),
  ],
});
const config = k.configMap({ name: 'settings', data: { A: '1' } });
const creds = k.secret({ name: 'creds', stringData: { password: 'x' } });
const sa = k.serviceAccount({ name: 'runner' });
const role = k.role({ name: 'reader', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }] });
const clusterRole = k.clusterRole({ name: 'node-reader', rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }] });
const db = k.statefulSet({
  name: 'db',
  serviceName: 'db',
  replicas: 1,
  containers: [k.container({ name: 'db', image: 'postgres:16.2', ports: { pg: 5432 }, env: { PASSWORD: k.fromSecret(creds, 'password') } })],
  volumeClaimTemplates: [{ name: 'data', storage: '10Gi', storageClassName: 'fast' }],
});

const cases: Record<string, KObject[]> = {
  'config and secrets': [
    config,
    creds,
    k.secret({ name: 'b64', data: { k: 'dmFsdWU=' }, type: 'Opaque' }),
    k.tlsSecret({ name: 'tls', cert: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n', key: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n' }),
    k.dockerConfigSecret({ name: 'pull', registry: 'registry.example.com', username: 'u', password: 'p' }),
    k.namespace({ name: 'shop', labels: { team: 'platform' } }),
  ] as KObject[],
  workloads: [
    app,
    db,
    k.daemonSet({ name: 'agent', image: 'fluent/fluentd:v1.16-1', tolerations: [{ operator: 'Exists' }] }),
    k.replicaSet({ name: 'rs', replicas: 2, image: 'nginx:1.27.0' }),
    k.pod({ name: 'debug', image: 'busybox:1.36', command: ['sleep', '3600'], restartPolicy: 'Never' }),
    k.job({ name: 'once', image: 'busybox:1.36', parallelism: 2, completions: 4, backoffLimit: 3 }),
    k.cronJob({ name: 'nightly', schedule: '0 3 * * *', image: 'busybox:1.36', concurrencyPolicy: 'Forbid' }),
  ] as KObject[],
  networking: [
    k.service({ for: app, ports: [{ port: 80, targetPort: 'http' }] }),
    k.service({ for: app, name: 'api-node', type: 'NodePort', ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }] }),
    k.service({ for: app, name: 'api-lb', type: 'LoadBalancer', ports: [{ port: 80, targetPort: 'http' }] }),
    k.service({ for: db, headless: true, ports: [{ port: 5432, targetPort: 'pg' }] }),
    k.service({ name: 'external', externalName: 'db.example.com' }),
    k.ingress({ name: 'edge', ingressClassName: 'nginx', rules: [{ host: 'shop.example.com', path: '/', service: 'api', port: 80 }], tls: [{ hosts: ['shop.example.com'], secret: 'tls' }] }),
    k.networkPolicy({ name: 'api', for: app, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'web' } } }] }] }),
  ] as KObject[],
  'storage, rbac, scaling': [
    k.persistentVolumeClaim({ name: 'data', storage: '5Gi' }),
    k.persistentVolume({ name: 'pv', storage: '5Gi', spec: { hostPath: { path: '/data' } } }),
    sa,
    role,
    clusterRole,
    k.roleBinding({ role, subjects: [sa] }),
    k.clusterRoleBinding({ role: clusterRole, subjects: [sa] }),
    k.horizontalPodAutoscaler({ for: app, minReplicas: 2, maxReplicas: 5, cpu: 70 }),
    k.podDisruptionBudget({ for: app, minAvailable: 1 }),
  ] as KObject[],
};

describe('builder output against the Kubernetes 1.30 schema', () => {
  test.each(Object.entries(cases))('%s validate without schema findings', (_, objects) => {
    const findings = validateSchema(objects.map((object) => ({ object, component: 'test' })));
    expect(findings.map((f) => `${f.object?.kind}/${f.object?.name} ${f.code} ${f.message}`)).toEqual([]);
  });
});
