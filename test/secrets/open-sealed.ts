/**
 * The controller's side of Sealed Secrets, for tests: splits a sealed value into its RSA and
 * AES-GCM parts and decrypts them with Node's own RSA-OAEP (OpenSSL) and AES-GCM, as
 * `HybridDecrypt` in bitnami-labs/sealed-secrets does.
 */
import { constants, createDecipheriv, privateDecrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';

const fixtures = new URL('../fixtures/secrets/', import.meta.url);

/** The test-only certificate and private key in test/fixtures/secrets. */
export const testCert = readFileSync(new URL('test-only-sealing.crt', fixtures), 'utf8');
export const testKey = readFileSync(new URL('test-only-sealing.key', fixtures), 'utf8');
export const testEcCert = readFileSync(new URL('test-only-ec.crt', fixtures), 'utf8');

/** Decrypts one base64 `encryptedData` value; throws when the label or key does not match. */
export function openSealed(base64: string, label: string, privateKey: string = testKey): Buffer {
  const bytes = Buffer.from(base64, 'base64');
  const rsaLength = bytes.readUInt16BE(0);
  const rsa = bytes.subarray(2, 2 + rsaLength);
  const aes = bytes.subarray(2 + rsaLength);
  const sessionKey = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: Buffer.from(label, 'utf8') }, rsa);
  const decipher = createDecipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12));
  decipher.setAuthTag(aes.subarray(aes.length - 16));
  return Buffer.concat([decipher.update(aes.subarray(0, aes.length - 16)), decipher.final()]);
}

/** A deterministic byte source for tests (not random at all: a counter). */
export function counterBytes(): (size: number) => Uint8Array {
  let n = 0;
  return (size) => Uint8Array.from({ length: size }, () => n++ & 0xff);
}
