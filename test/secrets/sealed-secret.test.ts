import { describe, expect, test } from 'vitest';
import { sealedSecret, scopeOf } from '../../src/secrets/sealed-secret.ts';
import { secretValue } from '../../src/secrets/secret-value.ts';
import { deepFreeze, thrown } from './thrown.ts';

describe('sealedSecret', () => {
  test('lays the object out as kubeseal does when the scope is strict', () => {
    const props = deepFreeze({
      name: 'db',
      namespace: 'shop',
      certificate: 'PEM',
      labels: { app: 'db' },
      annotations: { note: 'n' },
      type: 'kubernetes.io/basic-auth',
      stringData: { password: secretValue.fromEnv('PW') },
    });
    expect(sealedSecret(props)).toEqual({
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 'db', namespace: 'shop' },
      spec: {
        encryptedData: {},
        template: { metadata: { name: 'db', namespace: 'shop', labels: { app: 'db' }, annotations: { note: 'n' } }, type: 'kubernetes.io/basic-auth' },
      },
      unsealed: { certificate: 'PEM', stringData: { password: '<<kasane-secret:env:PW>>' } },
    });
  });

  test('writes the namespace-wide annotation on the object and its template when the scope is namespace-wide', () => {
    const out = sealedSecret({ name: 'db', scope: 'namespace-wide', stringData: { p: 'x' }, immutable: true });
    expect(out.metadata).toEqual({ name: 'db', annotations: { 'sealedsecrets.bitnami.com/namespace-wide': 'true' } });
    expect(out.spec.template).toEqual({ metadata: { name: 'db', annotations: { 'sealedsecrets.bitnami.com/namespace-wide': 'true' } }, immutable: true });
  });

  test('writes the cluster-wide annotation when the scope is cluster-wide', () => {
    expect(sealedSecret({ name: 'db', scope: 'cluster-wide', stringData: { p: 'x' } }).metadata.annotations).toEqual({ 'sealedsecrets.bitnami.com/cluster-wide': 'true' });
  });

  test('keeps sealed entries and adds no unsealed field when given only encryptedData', () => {
    const out = sealedSecret({ name: 'db', namespace: 'shop', encryptedData: { p: 'AgBy' } });
    expect(out.spec.encryptedData).toEqual({ p: 'AgBy' });
    expect('unsealed' in out).toBe(false);
  });

  test('throws secrets/sealed-secret-empty when there is no entry', () => {
    expect(thrown(() => sealedSecret({ name: 'db', stringData: {} })).code).toBe('secrets/sealed-secret-empty');
  });

  test('throws secrets/invalid-base64 without quoting the value when a data value is not base64', () => {
    const error = thrown(() => sealedSecret({ name: 'db', data: { p: 'not base64!' } }));
    expect(error.code).toBe('secrets/invalid-base64');
    expect(error.findings[0]!.path).toEqual(['data', 'p']);
    expect(JSON.stringify(error.findings)).not.toContain('not base64!');
  });
});

describe('scopeOf', () => {
  test('reads the scope from the annotations, cluster-wide first, as the controller does', () => {
    expect(scopeOf(undefined)).toBe('strict');
    expect(scopeOf({ 'sealedsecrets.bitnami.com/namespace-wide': 'true' })).toBe('namespace-wide');
    expect(scopeOf({ 'sealedsecrets.bitnami.com/namespace-wide': 'true', 'sealedsecrets.bitnami.com/cluster-wide': 'true' })).toBe('cluster-wide');
    expect(scopeOf({ 'sealedsecrets.bitnami.com/cluster-wide': 'false' })).toBe('strict');
  });
});
