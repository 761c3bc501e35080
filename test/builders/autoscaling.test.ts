import { describe, expect, test } from 'vitest';
import { horizontalPodAutoscaler } from '../../src/builders/autoscaling.ts';
import { deployment, statefulSet } from '../../src/builders/workloads.ts';
import { deepFreeze } from './deep-freeze.ts';

const web = deepFreeze(deployment({ name: 'web-server', image: 'jocatalin/kubernetes-bootcamp:v1' }));

describe('horizontalPodAutoscaler', () => {
  test('targets the workload and takes its name when given the minimum', () => {
    expect(horizontalPodAutoscaler(deepFreeze({ for: web, maxReplicas: 10 }))).toStrictEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web-server' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web-server' }, maxReplicas: 10 },
    });
  });

  test('writes cpu and memory Utilization targets before other metrics when all props are given', () => {
    const db = statefulSet({ name: 'db', serviceName: 'db', image: 'mysql' });
    const props = deepFreeze({
      name: 'db-hpa',
      namespace: 'shop',
      for: db,
      minReplicas: 2,
      maxReplicas: 5,
      cpu: 70,
      memory: 80,
      metrics: [{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '100' } } }],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    });
    expect(horizontalPodAutoscaler(props)).toStrictEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'db-hpa', namespace: 'shop' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' },
        minReplicas: 2,
        maxReplicas: 5,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
          { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '100' } } },
        ],
        behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
      },
    });
  });
});
