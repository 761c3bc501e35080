import { describe, expect, test } from 'vitest';
import { configMap } from '../../src/builders/config.ts';
import { container } from '../../src/builders/container.ts';
import { service } from '../../src/builders/networking.ts';
import { persistentVolumeClaim } from '../../src/builders/storage.ts';
import { emptyDir, hostPath, mount } from '../../src/builders/volumes.ts';
import { daemonSet, deployment, pod, replicaSet, statefulSet } from '../../src/builders/workloads.ts';
import { deepFreeze, thrown } from './deep-freeze.ts';

const nameLabel = { 'app.kubernetes.io/name': 'web' };

describe('deployment', () => {
  test('derives labels, selector and template when given a name and an image', () => {
    expect(deployment(deepFreeze({ name: 'web', image: 'nginx:1.27' }))).toStrictEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: nameLabel },
      spec: {
        selector: { matchLabels: nameLabel },
        template: { metadata: { labels: nameLabel }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      },
    });
  });

  test('writes every field when all props are given', () => {
    const props = deepFreeze({
      name: 'echo',
      namespace: 'shop',
      labels: { team: 'a' },
      annotations: { note: 'n' },
      podLabels: { app: 'echo', release: 'spring' },
      podAnnotations: { 'prometheus.io/scrape': 'true' },
      replicas: 3,
      strategy: { maxSurge: 1, maxUnavailable: 0 },
      revisionHistoryLimit: 5,
      containers: [container({ name: 'nginx', image: 'gihyodocker/nginx-proxy:latest', ports: { http: 80 } }), { name: 'echo', image: 'gihyodocker/echo:latest' }],
      initContainers: [{ name: 'init', image: 'busybox' }],
      serviceAccount: 'echo-sa',
      tolerations: [{ key: 'k', operator: 'Exists' }],
      nodeSelector: { disk: 'ssd' },
      podSpec: { terminationGracePeriodSeconds: 10 },
      spec: { minReadySeconds: 5 },
    });
    expect(deployment(props)).toStrictEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'echo', namespace: 'shop', labels: { app: 'echo', release: 'spring', team: 'a' }, annotations: { note: 'n' } },
      spec: {
        replicas: 3,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        revisionHistoryLimit: 5,
        minReadySeconds: 5,
        selector: { matchLabels: { app: 'echo', release: 'spring' } },
        template: {
          metadata: { labels: { app: 'echo', release: 'spring' }, annotations: { 'prometheus.io/scrape': 'true' } },
          spec: {
            terminationGracePeriodSeconds: 10,
            initContainers: [{ name: 'init', image: 'busybox' }],
            containers: [
              { name: 'nginx', image: 'gihyodocker/nginx-proxy:latest', ports: [{ name: 'http', containerPort: 80 }] },
              { name: 'echo', image: 'gihyodocker/echo:latest' },
            ],
            serviceAccountName: 'echo-sa',
            tolerations: [{ key: 'k', operator: 'Exists' }],
            nodeSelector: { disk: 'ssd' },
          },
        },
      },
    });
  });

  test.each([
    ['Recreate', { type: 'Recreate' }],
    [
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%' } },
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%' } },
    ],
  ] as const)('writes strategy %j as %j', (strategy, expected) => {
    expect(deployment({ name: 'web', image: 'a', strategy }).spec!.strategy).toStrictEqual(expected);
  });

  test('uses the selector prop when given, keeping pod labels in the template', () => {
    const d = deployment({ name: 'web', image: 'a', podLabels: { app: 'web', version: 'v2' }, selector: { matchLabels: { app: 'web' } } });
    expect(d.spec!.selector).toStrictEqual({ matchLabels: { app: 'web' } });
    expect(d.spec!.template.metadata!.labels).toStrictEqual({ app: 'web', version: 'v2' });
  });

  test('builds one container from the shorthand when given image and ports', () => {
    const d = deployment(deepFreeze({ name: 'web', image: 'nginx', ports: { http: 80 }, env: { A: '1' }, args: ['-x'] }));
    expect(d.spec!.template.spec!.containers).toStrictEqual([{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }], env: [{ name: 'A', value: '1' }], args: ['-x'] }]);
  });

  test('adds the volumes the mounts need when containers use mount()', () => {
    const site = configMap({ name: 'site', data: { a: '1' } });
    const d = deployment(
      deepFreeze({
        name: 'web',
        volumes: [{ name: 'extra', emptyDir: {} }],
        initContainers: [container({ name: 'init', image: 'a', volumeMounts: [mount(site, { mountPath: '/s' })] })],
        containers: [container({ name: 'web', image: 'a', volumeMounts: [mount(site, { mountPath: '/s', readOnly: true }), mount(emptyDir({ name: 'cache' }), { mountPath: '/c' })] })],
      }),
    );
    expect(d.spec!.template.spec!.volumes).toStrictEqual([
      { name: 'extra', emptyDir: {} },
      { name: 'site', configMap: { name: 'site' } },
      { name: 'cache', emptyDir: {} },
    ]);
  });

  test('throws builder/volume-conflict when two mounts want one volume name', () => {
    const containers = [
      container({ name: 'a', image: 'a', volumeMounts: [mount(emptyDir({ name: 'v' }), { mountPath: '/a' })] }),
      container({ name: 'b', image: 'b', volumeMounts: [mount(hostPath({ name: 'v', path: '/x' }), { mountPath: '/b' })] }),
    ];
    const error = thrown(() => deployment({ name: 'web', containers }));
    expect(error.code).toBe('builder/volume-conflict');
    expect(error.findings[0]!.path).toEqual(['spec', 'volumes', 'v']);
  });

  test('throws builder/no-containers when neither containers nor image is given', () => {
    const error = thrown(() => deployment({ name: 'web' }));
    expect(error.code).toBe('builder/no-containers');
    expect(error.findings[0]!.path).toEqual(['containers']);
  });

  test('throws builder/conflicting-props when containers and the shorthand are both given', () => {
    const error = thrown(() => deployment({ name: 'web', containers: [{ name: 'a', image: 'a' }], image: 'b' }));
    expect(error.code).toBe('builder/conflicting-props');
    expect(error.findings[0]!.path).toEqual(['image']);
  });
});

describe('statefulSet', () => {
  test('writes serviceName and the default selector when given the minimum', () => {
    expect(statefulSet(deepFreeze({ name: 'web', serviceName: 'web', image: 'a' }))).toStrictEqual({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', labels: nameLabel },
      spec: {
        serviceName: 'web',
        selector: { matchLabels: nameLabel },
        template: { metadata: { labels: nameLabel }, spec: { containers: [{ name: 'web', image: 'a' }] } },
      },
    });
  });

  test('writes every field when all props are given', () => {
    const headless = service({ name: 'mysql', selector: { app: 'mysql' }, headless: true, ports: [{ port: 3306 }] });
    const logs = persistentVolumeClaim({ name: 'logs', storage: '1Gi' });
    const props = deepFreeze({
      name: 'mysql',
      serviceName: headless,
      replicas: 2,
      podManagementPolicy: 'Parallel' as const,
      updateStrategy: { type: 'OnDelete' },
      containers: [
        container({
          name: 'mysql',
          image: 'mysql:8.4',
          volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql' }, mount(logs, { mountPath: '/logs' }), mount(emptyDir({ name: 'tmp' }), { mountPath: '/tmp' })],
        }),
      ],
      volumeClaimTemplates: [{ name: 'data', storage: '10Gi', storageClassName: 'fast', accessModes: ['ReadWriteOncePod'] }, logs],
      spec: { minReadySeconds: 1 },
    });
    const mysqlLabels = { 'app.kubernetes.io/name': 'mysql' };
    expect(statefulSet(props)).toStrictEqual({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'mysql', labels: mysqlLabels },
      spec: {
        serviceName: 'mysql',
        replicas: 2,
        podManagementPolicy: 'Parallel',
        updateStrategy: { type: 'OnDelete' },
        minReadySeconds: 1,
        selector: { matchLabels: mysqlLabels },
        template: {
          metadata: { labels: mysqlLabels },
          spec: {
            containers: [
              {
                name: 'mysql',
                image: 'mysql:8.4',
                volumeMounts: [
                  { name: 'data', mountPath: '/var/lib/mysql' },
                  { name: 'logs', mountPath: '/logs' },
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
        volumeClaimTemplates: [
          { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '10Gi' } }, storageClassName: 'fast' } },
          { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'logs' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
        ],
      },
    });
  });
});

describe('daemonSet', () => {
  test('writes the default selector when given the minimum', () => {
    expect(daemonSet(deepFreeze({ name: 'web', image: 'a' }))).toStrictEqual({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'web', labels: nameLabel },
      spec: { selector: { matchLabels: nameLabel }, template: { metadata: { labels: nameLabel }, spec: { containers: [{ name: 'web', image: 'a' }] } } },
    });
  });

  test('writes tolerations, hostPath volumes and updateStrategy when given', () => {
    const varlog = hostPath({ name: 'varlog', path: '/var/log' });
    const props = deepFreeze({
      name: 'fluentd',
      image: 'fluent/fluentd:v1.17',
      volumeMounts: [mount(varlog, { mountPath: '/var/log', readOnly: true })],
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      spec: { revisionHistoryLimit: 3 },
    });
    const labels = { 'app.kubernetes.io/name': 'fluentd' };
    expect(daemonSet(props)).toStrictEqual({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'fluentd', labels },
      spec: {
        selector: { matchLabels: labels },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        revisionHistoryLimit: 3,
        template: {
          metadata: { labels },
          spec: {
            containers: [{ name: 'fluentd', image: 'fluent/fluentd:v1.17', volumeMounts: [{ name: 'varlog', mountPath: '/var/log', readOnly: true }] }],
            volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }],
            tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
          },
        },
      },
    });
  });
});

describe('replicaSet', () => {
  test('writes the default selector when given the minimum', () => {
    expect(replicaSet(deepFreeze({ name: 'web', image: 'a' }))).toStrictEqual({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', labels: nameLabel },
      spec: { selector: { matchLabels: nameLabel }, template: { metadata: { labels: nameLabel }, spec: { containers: [{ name: 'web', image: 'a' }] } } },
    });
  });

  test('writes replicas and spec extras when given', () => {
    const rs = replicaSet(deepFreeze({ name: 'web', image: 'a', replicas: 2, podLabels: { app: 'web' }, spec: { minReadySeconds: 3 } }));
    expect(rs.spec).toStrictEqual({
      replicas: 2,
      minReadySeconds: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'a' }] } },
    });
  });
});

describe('pod', () => {
  test('puts the pod labels on the Pod when given the minimum', () => {
    expect(pod(deepFreeze({ name: 'web', image: 'a' }))).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', labels: nameLabel },
      spec: { containers: [{ name: 'web', image: 'a' }] },
    });
  });

  test('writes labels, annotations and restartPolicy when given', () => {
    expect(
      pod(deepFreeze({ name: 'debug', image: 'busybox', command: ['sleep', '60'], labels: { t: '1' }, podAnnotations: { a: '1' }, annotations: { b: '2' }, restartPolicy: 'Never' })),
    ).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug', labels: { 'app.kubernetes.io/name': 'debug', t: '1' }, annotations: { a: '1', b: '2' } },
      spec: { containers: [{ name: 'debug', image: 'busybox', command: ['sleep', '60'] }], restartPolicy: 'Never' },
    });
  });
});
