import { describe, expect, test } from 'vitest';
import { readSealingKey, type SealingKey } from '../../src/secrets/sealing-key.ts';
import { testCert, testEcCert } from './open-sealed.ts';

describe('readSealingKey', () => {
  const key = readSealingKey(testCert) as SealingKey;
  test('reads the RSA key of a certificate when given a PEM certificate', () => {
    expect(key.modulusBytes).toBe(256);
    expect(key.fingerprint.length).toBe(32);
  });
  test('reports not-rsa when the certificate holds an EC key', () => {
    expect(readSealingKey(testEcCert)).toBe('not-rsa');
  });
  test('reports not-pem when the text is not PEM', () => {
    expect(readSealingKey('hello')).toBe('not-pem');
  });
  test('reads a bare PEM public key when given one instead of a certificate', () => {
    const spki = key.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect((readSealingKey(spki) as SealingKey).fingerprint.equals(key.fingerprint)).toBe(true);
  });
});
