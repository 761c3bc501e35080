/**
 * The hybrid encryption of Sealed Secrets (bitnami-labs/sealed-secrets `pkg/crypto`), so kasane
 * can seal values offline with the controller's certificate:
 *
 *   output = uint16 big-endian length of C_rsa || C_rsa || AES-256-GCM(session key, nonce 0, plaintext) || tag
 *   C_rsa  = RSA-OAEP(SHA-256, MGF1-SHA-256, label)(session key)
 *
 * The session key is 32 bytes and used once, which is why a zero 12-byte nonce is safe. The
 * OAEP label binds the value to its scope (see {@link sealingLabel}): the controller decrypts
 * with the label of the SealedSecret it finds, so a value moved to another name or namespace
 * fails to decrypt.
 *
 * OAEP padding is written out here (RFC 8017 §7.1.1) instead of using Node's, because Node
 * draws the OAEP seed itself; kasane takes every random byte from the caller so output can be
 * made reproducible.
 */
import { constants, createCipheriv, createHash, publicEncrypt } from 'node:crypto';
import type { SealingKey } from './sealing-key.ts';

/** How far a sealed value may travel: the `--scope` of kubeseal. */
export type SealingScope = 'strict' | 'namespace-wide' | 'cluster-wide';

/** The bytes that make one encryption unique. Each must be fresh and secret (32 bytes each). */
export interface SealEntropy {
  /** AES-256 key for this one value. */
  sessionKey: Uint8Array;
  /** OAEP seed (`hLen` = 32 bytes for SHA-256). */
  oaepSeed: Uint8Array;
}

const HASH_BYTES = 32;
const NONCE_BYTES = 12;

/**
 * The OAEP label for a scope, as the controller computes it: `namespace/name` for strict,
 * `namespace` for namespace-wide, empty for cluster-wide.
 */
export function sealingLabel(scope: SealingScope, namespace: string, name: string): Uint8Array {
  const text = scope === 'cluster-wide' ? '' : scope === 'namespace-wide' ? namespace : `${namespace}/${name}`;
  return new TextEncoder().encode(text);
}

function sha256(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/** MGF1 with SHA-256 (RFC 8017 §B.2.1). */
function mgf1(seed: Uint8Array, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * HASH_BYTES < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    blocks.push(sha256(Buffer.concat([seed, c])));
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function xor(a: Uint8Array, b: Uint8Array): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** RSAES-OAEP-ENCRYPT with SHA-256 (RFC 8017 §7.1.1), the seed given. */
function oaepEncrypt(key: SealingKey, message: Uint8Array, label: Uint8Array, seed: Uint8Array): Buffer {
  const k = key.modulusBytes;
  if (message.length > k - 2 * HASH_BYTES - 2) throw new RangeError(`message too long for a ${k * 8}-bit RSA key`);
  if (seed.length !== HASH_BYTES) throw new RangeError(`expected a ${HASH_BYTES}-byte OAEP seed, received ${seed.length} bytes`);
  const padding = Buffer.alloc(k - message.length - 2 * HASH_BYTES - 2);
  const db = Buffer.concat([sha256(label), padding, Buffer.from([0x01]), message]);
  const maskedDb = xor(db, mgf1(seed, db.length));
  const maskedSeed = xor(seed, mgf1(maskedDb, HASH_BYTES));
  const encoded = Buffer.concat([Buffer.from([0x00]), maskedSeed, maskedDb]);
  return publicEncrypt({ key: key.publicKey, padding: constants.RSA_NO_PADDING }, encoded);
}

/**
 * Encrypts `plaintext` for the owner of `key` the way kubeseal does; decryptable by the
 * Sealed Secrets controller with the same `label`.
 * @throws RangeError when the entropy has the wrong size (a programming error, not user input).
 */
export function hybridEncrypt(key: SealingKey, plaintext: Uint8Array, label: Uint8Array, entropy: SealEntropy): Buffer {
  if (entropy.sessionKey.length !== 32) throw new RangeError(`expected a 32-byte session key, received ${entropy.sessionKey.length} bytes`);
  const rsa = oaepEncrypt(key, entropy.sessionKey, label, entropy.oaepSeed);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(rsa.length);
  const cipher = createCipheriv('aes-256-gcm', entropy.sessionKey, Buffer.alloc(NONCE_BYTES));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([length, rsa, body]);
}
