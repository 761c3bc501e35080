/**
 * The public key Sealed Secrets encrypts to, read from the controller's certificate
 * (`kubeseal --fetch-cert`, or `/v1/cert.pem` of the controller).
 */
import { createHash, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';

/** An RSA public key ready for sealing. */
export interface SealingKey {
  publicKey: KeyObject;
  /** Size of the modulus in bytes (`k` of RFC 8017). */
  modulusBytes: number;
  /** SHA-256 of the DER SubjectPublicKeyInfo: names the key in derivations. */
  fingerprint: Buffer;
}

/** Why a certificate cannot be used. */
export type SealingKeyProblem = 'not-pem' | 'not-rsa';

const cache = new Map<string, SealingKey | SealingKeyProblem>();

function readPublicKey(pem: string): KeyObject | undefined {
  try {
    return new X509Certificate(pem).publicKey;
  } catch {
    // Also accept a bare `PUBLIC KEY` PEM, which some setups distribute instead.
  }
  try {
    return createPublicKey(pem);
  } catch {
    return undefined;
  }
}

/**
 * The RSA public key of a PEM certificate (or a PEM public key), or the reason it cannot be
 * used. The certificate's validity dates are not checked: kasane has no clock.
 */
export function readSealingKey(pem: string): SealingKey | SealingKeyProblem {
  const known = cache.get(pem);
  if (known) return known;
  const publicKey = readPublicKey(pem);
  let result: SealingKey | SealingKeyProblem;
  if (!publicKey) result = 'not-pem';
  else if (publicKey.asymmetricKeyType !== 'rsa') result = 'not-rsa';
  else {
    const der = publicKey.export({ type: 'spki', format: 'der' });
    result = { publicKey, modulusBytes: Math.ceil(publicKey.asymmetricKeyDetails!.modulusLength! / 8), fingerprint: createHash('sha256').update(der).digest() };
  }
  cache.set(pem, result);
  return result;
}
