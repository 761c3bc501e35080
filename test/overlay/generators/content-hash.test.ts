import { describe, expect, test } from 'vitest';
import type { KObject } from '../../../src/k8s/object.ts';
import { contentHash, goJson } from '../../../src/overlay/generators/content-hash.ts';

const configMap = (fields: Record<string, unknown>): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'any-name' }, ...fields });

// Every expected suffix below was produced by `kubectl kustomize` (Kustomize v5.5.0).
describe('contentHash', () => {
  test('gives the kubectl suffix when hashing the workload dev ConfigMap', () => {
    const data = { LOG_FORMAT: 'json', LOG_LEVEL: 'debug', CACHE_TTL_SECONDS: '5', SERVICE_NAME: 'comp-0001', QUEUE_PARTITIONS: '2', DB_HOST: 'db.dev.internal' };
    expect(contentHash(configMap({ data }))).toBe('ggfhhk9779');
  });

  test('ignores name, labels, annotations and immutable when hashing', () => {
    const plain = contentHash(configMap({ data: { A: '<&>' } }));
    const decorated = contentHash({ ...configMap({ data: { A: '<&>' }, immutable: true }), metadata: { name: 'p-c', labels: { x: 'y' }, annotations: { q: 'r' } } });
    expect(plain).toBe('6m27dc8tmg');
    expect(decorated).toBe(plain);
  });

  test('includes binaryData when the ConfigMap has binary content', () => {
    expect(contentHash(configMap({ binaryData: { 'bin.dat': '//4AYmlu' }, data: { 'a.txt': 'hello\n' } }))).toBe('kfkt665c6t');
    expect(contentHash(configMap({ binaryData: { 'b.bin': '//4=' } }))).toBe('9ghc4tgkt6');
  });

  test('hashes an empty ConfigMap and an empty Secret as kubectl does', () => {
    expect(contentHash(configMap({}))).toBe('6ct58987ht');
    expect(contentHash({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'es' }, data: {}, type: 'Opaque' })).toBe('46f8b28mk5');
  });

  test('includes the type when hashing a Secret', () => {
    expect(contentHash({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { p: 'eA==' }, type: 'Opaque' })).toBe('bm76c6cd96');
    expect(contentHash({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's2' }, data: { 'tls.crt': 'YQ==', 'tls.key': 'Yg==' }, type: 'kubernetes.io/tls' })).toBe('m6h7bkm2dg');
  });
});

describe('goJson', () => {
  test('sorts keys and escapes html characters as Go does', () => {
    expect(goJson({ b: 1, a: { d: '<&>', c: [2] } })).toBe('{"a":{"c":[2],"d":"\\u003c\\u0026\\u003e"},"b":1}');
  });
});
