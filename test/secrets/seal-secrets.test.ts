import { describe, expect, test } from 'vitest';
import type { KObject } from '../../src/k8s/object.ts';
import type { Resource } from '../../src/k8s/resource.ts';
import { sealSecrets, type SealOptions } from '../../src/secrets/seal-secrets.ts';
import { sealedSecret, type SealedSecret, type SealedSecretProps } from '../../src/secrets/sealed-secret.ts';
import { counterBytes, openSealed, testCert, testEcCert } from './open-sealed.ts';
import { deepFreeze } from './thrown.ts';

const CANARY = 'canary-9f3b2c71-do-not-print';
const stableKey = Buffer.alloc(32, 0x5a);
const res = (object: object): Resource => ({ object: object as KObject, component: 'db' });
/** What the environment's namespace and name-prefix transforms do to metadata (only). */
const renamed = (obj: SealedSecret, namespace: string, prefix: string): SealedSecret => ({ ...obj, metadata: { ...obj.metadata, namespace, name: prefix + obj.metadata.name } });
const seal = (objects: object[], options: Partial<SealOptions> = { stableKey }) => sealSecrets(objects.map(res), { environment: 'prod', ...options } as SealOptions);
const build = (props: Partial<SealedSecretProps> = {}) => sealedSecret({ name: 'db', certificate: testCert, stringData: { password: CANARY, user: 'app' }, ...props });
const sealedOf = (out: ReturnType<typeof seal>, i = 0) => out.resources[i]!.object as unknown as SealedSecret;

describe('sealSecrets', () => {
  test('encrypts each entry for the final namespace and name when the overlay renamed the object', () => {
    const out = seal([deepFreeze(renamed(build(), 'shop', 'prod-'))]);
    expect(out.findings).toEqual([]);
    const ss = sealedOf(out);
    expect(openSealed(ss.spec.encryptedData.password!, 'shop/prod-db').toString()).toBe(CANARY);
    expect(openSealed(ss.spec.encryptedData.user!, 'shop/prod-db').toString()).toBe('app');
    expect(() => openSealed(ss.spec.encryptedData.password!, 'shop/db')).toThrow();
    expect(ss.spec.template.metadata).toEqual({ name: 'prod-db', namespace: 'shop' });
    expect('unsealed' in ss).toBe(false);
    expect(JSON.stringify(ss)).not.toContain(CANARY);
  });

  test('uses the namespace as label when the scope is namespace-wide', () => {
    const ss = sealedOf(seal([renamed(build({ scope: 'namespace-wide' }), 'shop', 'x-')]));
    expect(openSealed(ss.spec.encryptedData.password!, 'shop').toString()).toBe(CANARY);
    expect(() => openSealed(ss.spec.encryptedData.password!, 'shop/x-db')).toThrow();
  });

  test('uses an empty label and needs no namespace when the scope is cluster-wide', () => {
    const out = seal([build({ scope: 'cluster-wide' })]);
    expect(out.findings).toEqual([]);
    expect(openSealed(sealedOf(out).spec.encryptedData.password!, '').toString()).toBe(CANARY);
  });

  test('seals data entries as their decoded bytes', () => {
    const ss = sealedOf(seal([build({ namespace: 'shop', stringData: undefined, data: { bin: '//4A' } })]));
    expect(openSealed(ss.spec.encryptedData.bin!, 'shop/db')).toEqual(Buffer.from([0xff, 0xfe, 0x00]));
  });

  test('gives the same bytes on every render when a stable key is given', () => {
    const a = sealedOf(seal([build({ namespace: 'shop' })]));
    const b = sealedOf(seal([build({ namespace: 'shop' })]));
    expect(b.spec.encryptedData).toEqual(a.spec.encryptedData);
  });

  test('gives different bytes when the value, the entry key, the name or the stable key differ', () => {
    const base = sealedOf(seal([build({ namespace: 'shop', stringData: { a: CANARY, b: CANARY } })])).spec.encryptedData;
    expect(base.a).not.toBe(base.b);
    const otherValue = sealedOf(seal([build({ namespace: 'shop', stringData: { a: `${CANARY}!`, b: CANARY } })])).spec.encryptedData;
    expect(otherValue.a).not.toBe(base.a);
    expect(otherValue.b).toBe(base.b);
    expect(sealedOf(seal([build({ name: 'db2', namespace: 'shop', scope: 'cluster-wide', stringData: { a: CANARY } })])).spec.encryptedData.a).not.toBe(
      sealedOf(seal([build({ namespace: 'shop', scope: 'cluster-wide', stringData: { a: CANARY } })])).spec.encryptedData.a,
    );
    expect(sealedOf(seal([build({ namespace: 'shop', stringData: { a: CANARY } })], { stableKey: Buffer.alloc(32, 1) })).spec.encryptedData.a).not.toBe(base.a);
  });

  test('draws from the random source, sorted by key, when random is given', () => {
    const out = sealedOf(seal([build({ namespace: 'shop' })], { random: counterBytes() }));
    expect(openSealed(out.spec.encryptedData.password!, 'shop/db').toString()).toBe(CANARY);
    expect(sealedOf(seal([build({ namespace: 'shop' })], { random: counterBytes() })).spec.encryptedData).toEqual(out.spec.encryptedData);
  });

  test('keeps entries sealed earlier next to the new ones', () => {
    const ss = sealedOf(seal([build({ namespace: 'shop', encryptedData: { old: 'AgBy' } })]));
    expect(Object.keys(ss.spec.encryptedData).sort()).toEqual(['old', 'password', 'user']);
    expect(ss.spec.encryptedData.old).toBe('AgBy');
  });

  test('falls back to the certificate option when the object names none', () => {
    const out = seal([build({ namespace: 'shop', certificate: undefined })], { stableKey, certificate: testCert });
    expect(out.findings).toEqual([]);
  });

  test('reports secrets/missing-certificate and leaves the object when no certificate is known', () => {
    const obj = build({ namespace: 'shop', certificate: undefined });
    const out = seal([obj]);
    expect(out.findings.map((f) => [f.code, f.message, f.path, f.env])).toEqual([
      ['secrets/missing-certificate', 'expected a sealing certificate for SealedSecret/shop/db, found none', ['unsealed', 'certificate'], 'prod'],
    ]);
    expect(out.resources[0]!.object).toBe(obj);
  });

  test('reports secrets/invalid-certificate when the certificate is not RSA or not PEM', () => {
    expect(seal([build({ namespace: 'shop', certificate: testEcCert })]).findings[0]!.message).toBe('expected the PEM certificate of the Sealed Secrets controller, found a key that is not RSA');
    expect(seal([build({ namespace: 'shop', certificate: 'nope' })]).findings[0]!.code).toBe('secrets/invalid-certificate');
  });

  test('reports secrets/sealed-namespace-missing when a strict SealedSecret has no namespace', () => {
    expect(seal([build()]).findings.map((f) => [f.code, f.path])).toEqual([['secrets/sealed-namespace-missing', ['metadata', 'namespace']]]);
  });

  test('reports secrets/sealed-scope-mismatch when a kubeseal-made object was renamed by the overlay', () => {
    const kubesealed = sealedSecret({ name: 'db', namespace: 'shop', encryptedData: { p: 'AgBy' } });
    const out = seal([renamed(kubesealed, 'shop', 'prod-')]);
    expect(out.findings.map((f) => [f.code, f.message])).toEqual([
      ['secrets/sealed-scope-mismatch', 'expected SealedSecret/shop/prod-db to keep the name and namespace its encryptedData was sealed for (SealedSecret/shop/db), found it renamed by the overlay'],
    ]);
    expect(seal([renamed(sealedSecret({ name: 'db', namespace: 'shop', scope: 'namespace-wide', encryptedData: { p: 'AgBy' } }), 'shop', 'prod-')]).findings).toEqual([]);
  });

  test('reports secrets/invalid-seal-options when the stable key is short or the options are missing', () => {
    expect(seal([build({ namespace: 'shop' })], { stableKey: Buffer.alloc(16) }).findings.map((f) => f.code)).toEqual(['secrets/invalid-seal-options']);
    expect(seal([build({ namespace: 'shop' })], {}).findings[0]!.message).toBe('expected stableKey or random for sealing, found neither');
  });

  test('ignores the options when nothing needs sealing', () => {
    expect(seal([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }], {}).findings).toEqual([]);
  });

  test('never puts a value into a finding when sealing fails', () => {
    const out = seal([build(), build({ name: 'x', namespace: 'shop', certificate: 'bad' }), build({ name: 'y', namespace: 'shop', certificate: undefined })]);
    expect(out.findings.length).toBe(3);
    expect(JSON.stringify(out.findings)).not.toContain(CANARY);
  });
});
