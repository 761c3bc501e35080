import { describe, expect, test } from 'vitest';
import type { KObject } from '../../src/k8s/object.ts';
import { buildGraph, graphToMermaid } from '../../src/tools/graph.ts';

const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'shop', ...extra });

const objects: KObject[] = [
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta('edge'),
    spec: { tls: [{ secretName: 'edge-tls' }], rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: meta('web'), spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: meta('headless'), spec: { ports: [{ port: 80 }] } },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('web'),
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web', tier: 'front' } },
        spec: {
          serviceAccountName: 'web',
          containers: [
            {
              name: 'web',
              image: 'web:1.0',
              envFrom: [{ configMapRef: { name: 'web-config' } }],
              env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
            },
          ],
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'web-data' } }],
        },
      },
    },
  },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('worker'), spec: { template: { metadata: { labels: { app: 'worker' } }, spec: { containers: [] } } } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('web-config'), data: {} },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta('web-data'), spec: {} },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('web') },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta('web'), spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3 } },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('front'), spec: { minAvailable: 1, selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front'] }] } } },
];

describe('buildGraph', () => {
  test('links ingress, service, workload and what the pod uses when the objects reference each other', () => {
    const graph = buildGraph(objects);
    expect(graph.edges.map((e) => `${e.from} -${e.label}-> ${e.to}`)).toEqual([
      'Deployment/shop/web -env-> ConfigMap/shop/web-config',
      'Deployment/shop/web -env-> Secret/shop/db',
      'Deployment/shop/web -serviceAccount-> ServiceAccount/shop/web',
      'Deployment/shop/web -volume-> PersistentVolumeClaim/shop/web-data',
      'HorizontalPodAutoscaler/shop/web -scales-> Deployment/shop/web',
      'Ingress/shop/edge -routes-> Service/shop/web',
      'Ingress/shop/edge -tls-> Secret/shop/edge-tls',
      'PodDisruptionBudget/shop/front -protects-> Deployment/shop/web',
      'Service/shop/web -selects-> Deployment/shop/web',
    ]);
  });

  test('marks referenced objects that are not rendered as external', () => {
    const graph = buildGraph(objects);
    expect(graph.nodes.filter((n) => n.external).map((n) => n.key)).toEqual(['Secret/shop/db', 'Secret/shop/edge-tls']);
    expect(graph.nodes).toHaveLength(objects.length + 2);
  });

  test('gives the same graph when the objects come in another order', () => {
    expect(buildGraph([...objects].reverse())).toEqual(buildGraph(objects));
  });

  test('selects nothing when a Service has no selector or pods live in another namespace', () => {
    const other: KObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'other' }, spec: { template: { metadata: { labels: { app: 'web' } }, spec: {} } } };
    const graph = buildGraph([...objects, other]);
    expect(graph.edges.filter((e) => e.from.startsWith('Service/shop/headless') || e.to === 'Deployment/other/web')).toEqual([]);
  });

  test('counts only a label the pods have as present when a selector asks whether a key exists', () => {
    const pdb: KObject = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('odd'), spec: { selector: { matchExpressions: [{ key: 'constructor', operator: 'Exists' }] } } };
    const graph = buildGraph([...objects, pdb]);
    expect(graph.edges.filter((e) => e.from === 'PodDisruptionBudget/shop/odd')).toEqual([]);
  });

  test('draws no edge for an empty selector, which would select every pod', () => {
    const pdb: KObject = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('all'), spec: { selector: {} } };
    expect(buildGraph([...objects, pdb]).edges.filter((e) => e.from === 'PodDisruptionBudget/shop/all')).toEqual([]);
  });
});

describe('graphToMermaid', () => {
  test('writes a flowchart with sanitized, unique node ids when names hold dashes and dots', () => {
    const text = graphToMermaid(
      buildGraph([
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a-b' } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a.b' } },
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: {
            volumes: [
              { name: 'v', configMap: { name: 'a.b' } },
              { name: 'w', secret: { secretName: 'missing' } },
            ],
          },
        },
      ]),
    );
    expect(text).toBe(
      [
        'flowchart LR',
        '  ConfigMap_a_b["ConfigMap a-b"]',
        '  ConfigMap_a_b_2["ConfigMap a.b"]',
        '  Pod_p["Pod p"]',
        '  Secret_missing["Secret missing"]',
        '  Pod_p -->|volume| ConfigMap_a_b_2',
        '  Pod_p -->|volume| Secret_missing',
        '  classDef external stroke-dasharray: 5 5',
        '  class Secret_missing external',
        '',
      ].join('\n'),
    );
  });

  test('shows namespaces in labels when the objects span more than one', () => {
    const text = graphToMermaid(
      buildGraph([
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'a' } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'b' } },
      ]),
    );
    expect(text).toBe('flowchart LR\n  ConfigMap_a_x["ConfigMap a/x"]\n  ConfigMap_b_x["ConfigMap b/x"]\n');
  });
});
