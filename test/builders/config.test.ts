import { describe, expect, test } from 'vitest';
import { configMap, dockerConfigSecret, namespace, secret, tlsSecret } from '../../src/builders/config.ts';
import { generatedMarkOf } from '../../src/k8s/generated-mark.ts';
import { deepFreeze, thrown } from './deep-freeze.ts';

describe('configMap', () => {
  test('builds a bare ConfigMap when only the name is given', () => {
    expect(configMap(deepFreeze({ name: 'settings' }))).toStrictEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
  });

  test('writes every field when all props are given', () => {
    const props = deepFreeze({
      name: 'settings',
      namespace: 'shop',
      labels: { team: 'a' },
      annotations: { note: 'x' },
      metadata: { finalizers: ['f'] },
      data: { LOG_LEVEL: 'info' },
      binaryData: { 'logo.png': 'iVBORw==' },
      immutable: true,
    });
    expect(configMap(props)).toStrictEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'shop', labels: { team: 'a' }, annotations: { note: 'x' }, finalizers: ['f'] },
      data: { LOG_LEVEL: 'info' },
      binaryData: { 'logo.png': 'iVBORw==' },
      immutable: true,
    });
  });

  test('marks the object for a content-hash suffix when hashSuffix is true', () => {
    const cm = configMap(deepFreeze({ name: 'settings', data: { a: '1' }, hashSuffix: true }));
    expect(generatedMarkOf(cm)).toEqual({ hashSuffix: true });
    expect(JSON.parse(JSON.stringify(cm))).toStrictEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '1' } });
  });

  test('leaves the object unmarked when hashSuffix is not set', () => {
    expect(generatedMarkOf(configMap({ name: 'settings' }))).toBeUndefined();
  });

  test('returns data that shares nothing with the props', () => {
    const data = { a: '1' };
    const cm = configMap({ name: 'settings', data });
    expect(cm.data).not.toBe(data);
  });

  test('throws builder/invalid-base64 when binaryData is not base64', () => {
    const error = thrown(() => configMap({ name: 'settings', binaryData: { 'logo.png': 'not base64!' } }));
    expect(error.code).toBe('builder/invalid-base64');
    expect(error.findings[0]!.path).toEqual(['binaryData', 'logo.png']);
  });
});

describe('secret', () => {
  test('builds a bare Secret when only the name is given', () => {
    expect(secret(deepFreeze({ name: 'db' }))).toStrictEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' } });
  });

  test('writes every field when all props are given', () => {
    const props = deepFreeze({
      name: 'db',
      labels: { app: 'mysql' },
      stringData: { user: 'root' },
      data: { password: 'aGVsbG8=' },
      type: 'Opaque',
      immutable: false,
    });
    expect(secret(props)).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', labels: { app: 'mysql' } },
      data: { password: 'aGVsbG8=' },
      stringData: { user: 'root' },
      type: 'Opaque',
      immutable: false,
    });
  });

  test('accepts empty and padded base64 values when data is given', () => {
    expect(secret({ name: 'db', data: { a: '', b: 'YQ==', c: 'YWI=', d: 'YWJj' } }).data).toEqual({ a: '', b: 'YQ==', c: 'YWI=', d: 'YWJj' });
  });

  test.each([['not base64!'], ['YWJ'], ['YQ=']])('throws builder/invalid-base64 when a data value is %j', (value) => {
    const error = thrown(() => secret({ name: 'db', data: { ok: 'YQ==', password: value } }));
    expect(error.code).toBe('builder/invalid-base64');
    expect(error.findings[0]!.path).toEqual(['data', 'password']);
    expect(error.findings[0]!.message).toContain("key 'password'");
  });

  test('marks the object for a content-hash suffix when hashSuffix is true', () => {
    expect(generatedMarkOf(secret({ name: 'db', hashSuffix: true }))).toEqual({ hashSuffix: true });
  });
});

describe('tlsSecret', () => {
  test('writes base64 tls.crt and tls.key with the kubernetes.io/tls type', () => {
    expect(tlsSecret(deepFreeze({ name: 'edge-tls', cert: 'CERT', key: 'KEY' }))).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'edge-tls' },
      data: { 'tls.crt': 'Q0VSVA==', 'tls.key': 'S0VZ' },
      type: 'kubernetes.io/tls',
    });
  });
});

describe('dockerConfigSecret', () => {
  // Expected data copied from `kubectl create secret docker-registry r --docker-server=registry.example.com
  // --docker-username=ci --docker-password=s3cret [--docker-email=ci@example.com] --dry-run=client`.
  test('matches kubectl when no email is given', () => {
    expect(dockerConfigSecret(deepFreeze({ name: 'registry', registry: 'registry.example.com', username: 'ci', password: 's3cret' }))).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'registry' },
      data: {
        '.dockerconfigjson': 'eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlLmNvbSI6eyJ1c2VybmFtZSI6ImNpIiwicGFzc3dvcmQiOiJzM2NyZXQiLCJhdXRoIjoiWTJrNmN6TmpjbVYwIn19fQ==',
      },
      type: 'kubernetes.io/dockerconfigjson',
    });
  });

  test('matches kubectl when an email is given', () => {
    const s = dockerConfigSecret({ name: 'registry', registry: 'registry.example.com', username: 'ci', password: 's3cret', email: 'ci@example.com' });
    expect(s.data).toStrictEqual({
      '.dockerconfigjson': 'eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlLmNvbSI6eyJ1c2VybmFtZSI6ImNpIiwicGFzc3dvcmQiOiJzM2NyZXQiLCJlbWFpbCI6ImNpQGV4YW1wbGUuY29tIiwiYXV0aCI6IlkyazZjek5qY21WMCJ9fX0=',
    });
  });
});

describe('namespace', () => {
  test('builds a Namespace when only the name is given', () => {
    expect(namespace(deepFreeze({ name: 'shop' }))).toStrictEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  });

  test('writes labels and annotations when given', () => {
    expect(namespace(deepFreeze({ name: 'shop', labels: { env: 'prod' }, annotations: { owner: 'team-a' } }))).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop', labels: { env: 'prod' }, annotations: { owner: 'team-a' } },
    });
  });
});
