import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { hybridEncrypt, sealingLabel } from '../../src/secrets/hybrid-encrypt.ts';
import { readSealingKey, type SealingKey } from '../../src/secrets/sealing-key.ts';
import { counterBytes, openSealed, testCert, testKey } from './open-sealed.ts';

const key = readSealingKey(testCert) as SealingKey;
const entropy = () => {
  const next = counterBytes();
  return { sessionKey: next(32), oaepSeed: next(32) };
};
const text = (s: string) => new TextEncoder().encode(s);

describe('sealingLabel', () => {
  test('is namespace/name for strict scope', () => {
    expect(Buffer.from(sealingLabel('strict', 'shop', 'db')).toString()).toBe('shop/db');
  });
  test('is the namespace for namespace-wide scope', () => {
    expect(Buffer.from(sealingLabel('namespace-wide', 'shop', 'db')).toString()).toBe('shop');
  });
  test('is empty for cluster-wide scope', () => {
    expect(sealingLabel('cluster-wide', 'shop', 'db').length).toBe(0);
  });
});

describe('hybridEncrypt', () => {
  test('lays out length, RSA ciphertext and AES-GCM ciphertext with tag when sealing', () => {
    const out = hybridEncrypt(key, text('hunter22'), sealingLabel('strict', 'shop', 'db'), entropy());
    expect(out.readUInt16BE(0)).toBe(256);
    // 2 + 256 RSA bytes + 8 ciphertext bytes + 16 tag bytes
    expect(out.length).toBe(2 + 256 + 8 + 16);
  });

  test('decrypts with the private key and the same label when opened like the controller', () => {
    const out = hybridEncrypt(key, text('hunter22'), sealingLabel('strict', 'shop', 'db'), entropy());
    expect(openSealed(out.toString('base64'), 'shop/db').toString()).toBe('hunter22');
  });

  test('fails to decrypt when the label differs', () => {
    const out = hybridEncrypt(key, text('hunter22'), sealingLabel('strict', 'shop', 'db'), entropy());
    expect(() => openSealed(out.toString('base64'), 'shop/db2')).toThrow();
    expect(() => openSealed(out.toString('base64'), 'shop')).toThrow();
  });

  test('round-trips empty and binary values when sealing cluster-wide', () => {
    const binary = Uint8Array.from([0, 255, 128, 10, 13]);
    expect(openSealed(hybridEncrypt(key, binary, sealingLabel('cluster-wide', 'a', 'b'), entropy()).toString('base64'), '')).toEqual(Buffer.from(binary));
    expect(openSealed(hybridEncrypt(key, new Uint8Array(), sealingLabel('cluster-wide', 'a', 'b'), entropy()).toString('base64'), '').length).toBe(0);
  });

  test('gives the same bytes when the entropy is the same and different bytes when it differs', () => {
    const label = sealingLabel('strict', 'shop', 'db');
    const a = hybridEncrypt(key, text('v'), label, entropy());
    const b = hybridEncrypt(key, text('v'), label, entropy());
    const c = hybridEncrypt(key, text('v'), label, { sessionKey: Buffer.alloc(32, 7), oaepSeed: Buffer.alloc(32, 9) });
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  test('rejects a session key of the wrong size', () => {
    expect(() => hybridEncrypt(key, text('v'), new Uint8Array(), { sessionKey: new Uint8Array(16), oaepSeed: new Uint8Array(32) })).toThrow(RangeError);
  });

  const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
  if (!hasOpenssl) console.warn('skipping the openssl pkeyutl check: openssl not found');
  test.skipIf(!hasOpenssl)('yields a session key that openssl pkeyutl decrypts with OAEP SHA-256 and the label', () => {
    const out = hybridEncrypt(key, text('hunter22'), sealingLabel('strict', 'shop', 'db'), entropy());
    const dir = mkdtempSync(path.join(tmpdir(), 'kasane-seal-'));
    writeFileSync(path.join(dir, 'key.pem'), testKey);
    writeFileSync(path.join(dir, 'rsa.bin'), out.subarray(2, 258));
    const run = spawnSync('openssl', [
      'pkeyutl',
      '-decrypt',
      '-inkey',
      path.join(dir, 'key.pem'),
      '-in',
      path.join(dir, 'rsa.bin'),
      '-pkeyopt',
      'rsa_padding_mode:oaep',
      '-pkeyopt',
      'rsa_oaep_md:sha256',
      '-pkeyopt',
      'rsa_mgf1_md:sha256',
      '-pkeyopt',
      `rsa_oaep_label:${Buffer.from('shop/db').toString('hex')}`,
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toEqual(Buffer.from(entropy().sessionKey));
  });
});
