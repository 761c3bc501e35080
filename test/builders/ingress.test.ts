import { describe, expect, test } from 'vitest';
import { secret } from '../../src/builders/config.ts';
import { ingress } from '../../src/builders/ingress.ts';
import { service } from '../../src/builders/networking.ts';
import { deepFreeze, thrown } from './deep-freeze.ts';

const echo = deepFreeze(service({ name: 'echo', selector: { app: 'echo' }, ports: [{ name: 'http', port: 80 }] }));
const photo = deepFreeze(
  service({
    name: 'photo-view',
    selector: { app: 'photo-view' },
    ports: [
      { name: 'http', port: 80 },
      { name: 'admin', port: 9000 },
    ],
  }),
);

describe('ingress', () => {
  test('writes an empty spec when given only a name', () => {
    expect(ingress(deepFreeze({ name: 'edge' }))).toStrictEqual({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'edge' }, spec: {} });
  });

  test('groups routes by host in input order when all props are given', () => {
    const props = deepFreeze({
      name: 'edge',
      annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' },
      ingressClassName: 'nginx',
      defaultBackend: { service: echo },
      rules: [
        { host: 'echo.example.com', service: echo, port: 'http' },
        { host: 'photo.example.com', path: '/admin', pathType: 'Exact' as const, service: photo, port: 9000 },
        { service: 'legacy', port: 8080 },
        { host: 'echo.example.com', path: '/api', service: 'echo-api', port: 'grpc' },
        { host: 'photo.example.com', service: photo, port: 'http' },
      ],
      tls: [{ hosts: ['echo.example.com'], secret: secret({ name: 'echo-tls' }) }, { secret: 'wildcard-tls' }],
    });
    expect(ingress(props)).toStrictEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'edge', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } },
      spec: {
        ingressClassName: 'nginx',
        defaultBackend: { service: { name: 'echo', port: { number: 80 } } },
        rules: [
          {
            host: 'echo.example.com',
            http: {
              paths: [
                { path: '/', pathType: 'Prefix', backend: { service: { name: 'echo', port: { name: 'http' } } } },
                { path: '/api', pathType: 'Prefix', backend: { service: { name: 'echo-api', port: { name: 'grpc' } } } },
              ],
            },
          },
          {
            host: 'photo.example.com',
            http: {
              paths: [
                { path: '/admin', pathType: 'Exact', backend: { service: { name: 'photo-view', port: { number: 9000 } } } },
                { path: '/', pathType: 'Prefix', backend: { service: { name: 'photo-view', port: { name: 'http' } } } },
              ],
            },
          },
          { http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'legacy', port: { number: 8080 } } } }] } },
        ],
        tls: [{ hosts: ['echo.example.com'], secretName: 'echo-tls' }, { secretName: 'wildcard-tls' }],
      },
    });
  });

  test('throws builder/unknown-service-port with the backend path when a named port is not on the Service', () => {
    const error = thrown(() =>
      ingress({
        name: 'edge',
        rules: [
          { host: 'a', service: echo },
          { host: 'b', service: photo, port: 'admn' },
        ],
      }),
    );
    expect(error.code).toBe('builder/unknown-service-port');
    expect(error.findings[0]!.path).toEqual(['spec', 'rules', 1, 'http', 'paths', 0, 'backend', 'service', 'port']);
    expect(error.findings[0]!.message).toBe(`expected a port of Service 'photo-view', received "admn" (did you mean 'admin'?)`);
  });

  test('throws builder/unknown-service-port when a port number is not on the Service', () => {
    expect(thrown(() => ingress({ name: 'edge', rules: [{ service: echo, port: 8080 }] })).code).toBe('builder/unknown-service-port');
  });

  test('throws builder/missing-port when a Service with several ports gets no port', () => {
    const error = thrown(() => ingress({ name: 'edge', rules: [{ service: photo }] }));
    expect(error.code).toBe('builder/missing-port');
    expect(error.findings[0]!.path).toEqual(['spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service', 'port']);
  });
});
