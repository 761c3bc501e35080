import { describe, expect, test } from 'vitest';
import { configMap, secret } from '../../src/builders/config.ts';
import { container, resourceRequirements } from '../../src/builders/container.ts';
import { grpc, httpGet, tcpSocket } from '../../src/builders/probes.ts';
import { deepFreeze, thrown } from './deep-freeze.ts';

const settings = deepFreeze(configMap({ name: 'settings', data: { LOG_LEVEL: 'info' } }));
const credentials = deepFreeze(secret({ name: 'db', stringData: { password: 'x' } }));

describe('container', () => {
  test('writes name and image when nothing else is given', () => {
    expect(container(deepFreeze({ name: 'web', image: 'nginx:1.27' }))).toStrictEqual({ name: 'web', image: 'nginx:1.27' });
  });

  test('writes every field when all props are given', () => {
    const props = deepFreeze({
      name: 'api',
      image: 'api:1.0',
      imagePullPolicy: 'IfNotPresent',
      command: ['/api'],
      args: ['--port', '8080'],
      workingDir: '/srv',
      ports: { http: 8080, metrics: 9090 },
      env: { MODE: 'prod', PORT: 8080, LOG_LEVEL: { configMap: settings, key: 'LOG_LEVEL' }, DB_PASSWORD: { secret: credentials, key: 'password' }, POD: { fieldRef: { fieldPath: 'metadata.name' } } },
      envFrom: [settings, credentials, { prefix: 'X_', configMapRef: { name: 'other' } }],
      resources: { cpu: '100m', memory: '128Mi' },
      livenessProbe: httpGet('/healthz', 'http'),
      readinessProbe: tcpSocket(8080, { periodSeconds: 5 }),
      volumeMounts: [{ name: 'data', mountPath: '/data' }],
      securityContext: { runAsNonRoot: true },
    });
    expect(container(props)).toStrictEqual({
      name: 'api',
      image: 'api:1.0',
      imagePullPolicy: 'IfNotPresent',
      command: ['/api'],
      args: ['--port', '8080'],
      workingDir: '/srv',
      ports: [
        { name: 'http', containerPort: 8080 },
        { name: 'metrics', containerPort: 9090 },
      ],
      env: [
        { name: 'MODE', value: 'prod' },
        { name: 'PORT', value: '8080' },
        { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'LOG_LEVEL' } } },
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
      envFrom: [{ configMapRef: { name: 'settings' } }, { secretRef: { name: 'db' } }, { prefix: 'X_', configMapRef: { name: 'other' } }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '100m', memory: '128Mi' } },
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' } },
      readinessProbe: { periodSeconds: 5, tcpSocket: { port: 8080 } },
      volumeMounts: [{ name: 'data', mountPath: '/data' }],
      securityContext: { runAsNonRoot: true },
    });
  });

  test('keeps the insertion order of the env record when keys are not sorted', () => {
    const c = container({ name: 'a', image: 'a', env: { ZED: '1', ALPHA: '2', MID: '3' } });
    expect(c.env!.map((e) => e.name)).toEqual(['ZED', 'ALPHA', 'MID']);
  });

  test('passes ports, env and resources through when given in Kubernetes form', () => {
    const props = deepFreeze({
      name: 'a',
      image: 'a',
      ports: [{ containerPort: 53, protocol: 'UDP' }],
      env: [{ name: 'A', value: '1' }],
      resources: { requests: { cpu: '1' } },
    });
    expect(container(props)).toStrictEqual({
      name: 'a',
      image: 'a',
      ports: [{ containerPort: 53, protocol: 'UDP' }],
      env: [{ name: 'A', value: '1' }],
      resources: { requests: { cpu: '1' } },
    });
  });

  test('resolves a gRPC probe port name to its number when the port is declared', () => {
    const c = container({ name: 'a', image: 'a', ports: { grpc: 9000 }, livenessProbe: grpc('grpc', { service: 'health' }) });
    expect(c.livenessProbe).toStrictEqual({ grpc: { port: 9000, service: 'health' } });
  });

  test('throws builder/unknown-probe-port when a probe names an undeclared port', () => {
    const error = thrown(() => container({ name: 'web', image: 'a', ports: { http: 80 }, readinessProbe: httpGet('/', 'htp') }));
    expect(error.code).toBe('builder/unknown-probe-port');
    expect(error.findings[0]!.path).toEqual(['readinessProbe', 'httpGet', 'port']);
    expect(error.findings[0]!.message).toBe("expected a port name of container 'web', received 'htp' (did you mean 'http'?)");
  });

  test('throws builder/unknown-probe-port for tcpSocket and grpc names too', () => {
    expect(thrown(() => container({ name: 'a', image: 'a', livenessProbe: tcpSocket('db') })).findings[0]!.path).toEqual(['livenessProbe', 'tcpSocket', 'port']);
    expect(thrown(() => container({ name: 'a', image: 'a', startupProbe: grpc('g') })).findings[0]!.path).toEqual(['startupProbe', 'grpc', 'port']);
  });

  test('throws builder/unknown-key when an env value names a missing ConfigMap key', () => {
    const error = thrown(() => container({ name: 'a', image: 'a', env: { X: { configMap: settings, key: 'LOG_LEVL' } } }));
    expect(error.code).toBe('builder/unknown-key');
    expect(error.findings[0]!.path).toEqual(['data', 'LOG_LEVL']);
  });
});

describe('resourceRequirements', () => {
  test('sets requests and limits to the same values when given the shorthand', () => {
    expect(resourceRequirements({ memory: '1Gi' })).toStrictEqual({ requests: { memory: '1Gi' }, limits: { memory: '1Gi' } });
  });

  test('returns requirements unchanged when limits are given', () => {
    expect(resourceRequirements({ limits: { cpu: '2' } })).toStrictEqual({ limits: { cpu: '2' } });
  });
});
