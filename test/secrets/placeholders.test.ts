import { describe, expect, test } from 'vitest';
import { secret } from '../../src/builders/config.ts';
import type { KObject } from '../../src/k8s/object.ts';
import type { Resource } from '../../src/k8s/resource.ts';
import { NOT_SEALED_PLACEHOLDER, placeholderFor, placeholdersOf, sealedPlaceholderOf, withCommittedValues } from '../../src/secrets/placeholders.ts';
import { resolveSecretRefs } from '../../src/secrets/resolve-refs.ts';
import { sealSecrets } from '../../src/secrets/seal-secrets.ts';
import { sealedSecret, type SealedSecret } from '../../src/secrets/sealed-secret.ts';
import { secretValue } from '../../src/secrets/secret-value.ts';
import { openSealed, testCert } from './open-sealed.ts';

const CANARY = 'canary-9f3b2c71-do-not-print';
const res = (object: object): Resource => ({ object: object as KObject, component: 'db' });
const sources = (env: Record<string, string> = {}) => ({ env, files: new Map<string, Uint8Array>() });

describe('resolveSecretRefs with placeholders', () => {
  test('puts a placeholder naming the variable or file in place of a missing value, without a finding', () => {
    const built = [res(secret({ name: 'db', stringData: { url: `postgres://app:${secretValue.fromEnv('DB_PASSWORD')}@db`, key: secretValue.fromFile('keys/a b.pem') } }))];
    const out = resolveSecretRefs(built, sources(), { environment: 'prod', placeholders: true });
    expect(out.findings).toEqual([]);
    expect(out.resources[0]!.object.stringData).toEqual({ url: 'postgres://app:<<kasane-placeholder:env:DB_PASSWORD>>@db', key: '<<kasane-placeholder:file:keys%2Fa%20b.pem>>' });
    expect(out.values).toEqual([]);
  });

  test('reads the values that are there', () => {
    const out = resolveSecretRefs([res(secret({ name: 'db', stringData: { password: secretValue.fromEnv('DB_PASSWORD') } }))], sources({ DB_PASSWORD: CANARY }), {
      environment: 'prod',
      placeholders: true,
    });
    expect(out.resources[0]!.object.stringData).toEqual({ password: CANARY });
  });
});

describe('sealSecrets with placeholders', () => {
  const build = (stringData: Record<string, string>, certificate = testCert) => res({ ...sealedSecret({ name: 'db', namespace: 'shop', certificate, stringData }) });
  const encrypted = (out: ReturnType<typeof sealSecrets>) => (out.resources[0]!.object as unknown as SealedSecret).spec.encryptedData;

  test('puts placeholders in the place of entries it cannot seal reproducibly, and needs no key', () => {
    const missing = placeholderFor({ source: 'env', name: 'DB_PASSWORD' });
    const out = sealSecrets([build({ real: CANARY, missing })], { environment: 'prod', placeholders: true });
    expect(out.findings).toEqual([]);
    expect(encrypted(out)).toEqual({ missing, real: NOT_SEALED_PLACEHOLDER });
  });

  test('seals the values that are there when there is a stable key', () => {
    const out = sealSecrets([build({ real: CANARY, missing: placeholderFor({ source: 'env', name: 'X' }) })], { environment: 'prod', placeholders: true, stableKey: Buffer.alloc(32, 1) });
    expect(openSealed(encrypted(out).real!, 'shop/db').toString()).toBe(CANARY);
    expect(encrypted(out).missing).toBe('<<kasane-placeholder:env:X>>');
  });

  test('names a missing certificate file in every entry, with the missing value of the entry', () => {
    const out = sealSecrets([build({ real: CANARY, missing: placeholderFor({ source: 'env', name: 'X' }) }, placeholderFor({ source: 'file', name: 'certs/prod.pem' }))], {
      environment: 'prod',
      placeholders: true,
      stableKey: Buffer.alloc(32, 1),
    });
    expect(out.findings).toEqual([]);
    expect(encrypted(out)).toEqual({ missing: '<<kasane-placeholder:file:certs%2Fprod.pem>><<kasane-placeholder:env:X>>', real: '<<kasane-placeholder:file:certs%2Fprod.pem>>' });
  });

  test('still reports an invalid certificate', () => {
    const out = sealSecrets([build({ real: CANARY }, 'not a certificate')], { environment: 'prod', placeholders: true });
    expect(out.findings.map((f) => f.code)).toEqual(['secrets/invalid-certificate']);
  });
});

describe('placeholdersOf', () => {
  test('finds placeholders in stringData, in decoded data and in encryptedData, with what is missing', () => {
    const found = placeholdersOf([
      res(
        secret({
          name: 'a',
          namespace: 'shop',
          stringData: { k: `x${placeholderFor({ source: 'env', name: 'A' })}` },
          data: { b: Buffer.from(placeholderFor({ source: 'file', name: 'f' })).toString('base64'), c: 'YWJj' },
        }),
      ),
      res({ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 's' }, spec: { encryptedData: { p: NOT_SEALED_PLACEHOLDER, q: 'AgBy' } } }),
    ]);
    expect(found).toEqual([
      { object: { apiVersion: 'v1', kind: 'Secret', name: 'a', namespace: 'shop' }, path: ['stringData', 'k'], missing: [{ source: 'env', name: 'A' }] },
      { object: { apiVersion: 'v1', kind: 'Secret', name: 'a', namespace: 'shop' }, path: ['data', 'b'], missing: [{ source: 'file', name: 'f' }] },
      { object: { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', name: 's' }, path: ['spec', 'encryptedData', 'p'], missing: [] },
    ]);
  });

  test('gives a sealed entry the placeholders of its value, each once', () => {
    const a = placeholderFor({ source: 'env', name: 'A' });
    expect(sealedPlaceholderOf(`${a}:${a}`)).toBe(a);
    expect(sealedPlaceholderOf('plain')).toBe(NOT_SEALED_PLACEHOLDER);
  });
});

describe('withCommittedValues', () => {
  const rendered = secret({ name: 'db', labels: { a: 'b' }, stringData: { password: placeholderFor({ source: 'env', name: 'P' }), user: 'app' } }) as unknown as KObject;

  test('takes the committed value of each placeholder field and nothing else', () => {
    const committed = { ...rendered, metadata: { name: 'db', labels: { a: 'changed' } }, stringData: { password: CANARY, user: 'other' } };
    expect(withCommittedValues(rendered, committed, [['stringData', 'password']])).toEqual({ ...rendered, stringData: { password: CANARY, user: 'app' } });
    expect(rendered.stringData).toEqual({ password: '<<kasane-placeholder:env:P>>', user: 'app' });
  });

  test('takes a binary value from the committed data when the placeholder is in stringData', () => {
    const committed = { ...rendered, stringData: { user: 'app' }, data: { password: '/wA=' } };
    expect(withCommittedValues(rendered, committed, [['stringData', 'password']])).toEqual({ ...rendered, stringData: { user: 'app' }, data: { password: '/wA=' } });
  });

  test('returns the same object when the committed one lacks the field', () => {
    expect(withCommittedValues(rendered, { stringData: {} }, [['stringData', 'password']])).toBe(rendered);
    expect(withCommittedValues(rendered, undefined, [['stringData', 'password']])).toBe(rendered);
  });
});
