/**
 * The seal step: encrypts the entries of every SealedSecret built by `sealedSecret`, with the
 * namespace and name the object has after the overlay.
 *
 * Output stability. Sealed Secrets encryption is randomized: kubeseal gives different bytes on
 * every run, so a committed SealedSecret would change on every render and `render --check`
 * could never pass. Pass `stableKey` to get the same bytes for the same input instead: the
 * session key and the OAEP seed are derived with HMAC-SHA-256 under `stableKey` from (the
 * certificate's key, scope label, namespace, name, entry key, plaintext).
 *
 * The trade-off of `stableKey`: equal output reveals equal input. Anyone who can read the repo
 * learns when an entry did *not* change (git shows that anyway) and nothing else: output for
 * another key, name or namespace differs even for the same value, and without `stableKey` no
 * one can recompute a ciphertext to test a guessed value. `stableKey` is itself a secret: keep
 * it next to the secret values (a CI secret), never in the repo, and use at least 32 random
 * bytes. Without it, pass `random` (e.g. `crypto.randomBytes`) for kubeseal's behaviour.
 */
import { createHmac } from 'node:crypto';
import { formatObjectRef, type Finding } from '../errors.ts';
import { refOf, type KObject } from '../k8s/object.ts';
import type { Resource } from '../k8s/resource.ts';
import { hybridEncrypt, sealingLabel, type SealEntropy, type SealingScope } from './hybrid-encrypt.ts';
import { scopeOf, type SealedSecret, type UnsealedEntries } from './sealed-secret.ts';
import { readSealingKey, type SealingKey } from './sealing-key.ts';
import { isSealedSecret, UNSEALED_FIELD } from './secret-fields.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { hasPlaceholder, sealedPlaceholderOf } from './placeholders.ts';

interface SealOptionsBase {
  /** The environment being rendered; findings carry it. */
  environment: string;
  /**
   * PEM certificate for SealedSecrets that do not name their own.
   * @default unset (each `sealedSecret` must pass `certificate`)
   */
  certificate?: string;
  /**
   * For commands that only check the project: an entry that cannot be sealed reproducibly
   * (its value or its certificate is a placeholder, or there is no `stableKey`) gets a
   * placeholder instead of ciphertext (see `sealedPlaceholderOf`), and neither `stableKey` nor
   * `random` is needed.
   * @default false
   */
  placeholders?: boolean;
}

/**
 * Options of {@link sealSecrets}: exactly one of `stableKey` (reproducible output, the GitOps
 * choice) or `random` (a fresh encryption each run, as kubeseal); neither only with
 * `placeholders`.
 */
export type SealOptions = SealOptionsBase &
  ({ stableKey: Uint8Array; random?: never } | { random: (size: number) => Uint8Array; stableKey?: never } | { stableKey?: never; random?: never; placeholders: true });

/** Result of {@link sealSecrets}. */
export interface SealResult {
  resources: Resource[];
  /** `secrets/*` findings. */
  findings: Finding[];
}

/** Shortest `stableKey` accepted, in bytes. */
export const MIN_STABLE_KEY_BYTES = 32;

const DOMAIN = 'kasane sealed-secrets v1';

function lengthPrefixed(parts: readonly (string | Uint8Array)[]): Buffer {
  return Buffer.concat(
    parts.flatMap((part) => {
      const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part);
      const len = Buffer.alloc(4);
      len.writeUInt32BE(bytes.length);
      return [len, bytes];
    }),
  );
}

/** The entropy for one entry: derived under `stableKey`, or drawn from `random`. */
function entropyFor(options: SealOptions, key: SealingKey, label: Uint8Array, meta: { namespace: string; name: string; entry: string }, plaintext: Uint8Array): SealEntropy {
  if (options.random) return { sessionKey: options.random(32), oaepSeed: options.random(32) };
  const input = (purpose: string) => lengthPrefixed([DOMAIN, purpose, key.fingerprint, label, meta.namespace, meta.name, meta.entry, plaintext]);
  const hmac = (purpose: string) => createHmac('sha256', options.stableKey!).update(input(purpose)).digest();
  return { sessionKey: hmac('session-key'), oaepSeed: hmac('oaep-seed') };
}

function entriesOf(unsealed: UnsealedEntries): [string, Uint8Array][] {
  const out = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries(unsealed.data ?? {})) out.set(k, Buffer.from(v, 'base64'));
  // stringData wins over data for the same key, as the API server merges them.
  for (const [k, v] of Object.entries(unsealed.stringData ?? {})) out.set(k, Buffer.from(v, 'utf8'));
  return [...out].sort(([a], [b]) => compareCodeUnits(a, b));
}

function sealOne(res: Resource, options: SealOptions, findings: Finding[]): Resource {
  const obj = res.object as KObject & SealedSecret;
  const finding = (code: string, message: string, hint: string, path: (string | number)[]) =>
    findings.push({ severity: 'error', code, message, hint, env: options.environment, component: res.component, object: refOf(obj), path, ...(res.source ? { source: res.source } : {}) });
  const unsealed = obj[UNSEALED_FIELD];
  const scope: SealingScope = scopeOf(obj.metadata.annotations);
  const { name } = obj.metadata;
  const namespace = obj.metadata.namespace ?? '';
  const spec = obj.spec ?? { encryptedData: {}, template: {} };
  const tmeta = spec.template?.metadata ?? {};
  const presealed = Object.keys(spec.encryptedData ?? {}).length > 0;
  const moved = (scope === 'strict' && tmeta.name !== undefined && tmeta.name !== name) || (scope !== 'cluster-wide' && tmeta.namespace !== undefined && tmeta.namespace !== namespace);
  if (presealed && moved) {
    const was = formatObjectRef({ kind: 'SealedSecret', name: tmeta.name ?? name, ...(tmeta.namespace ? { namespace: tmeta.namespace } : {}) });
    finding(
      'secrets/sealed-scope-mismatch',
      `expected ${formatObjectRef(refOf(obj))} to keep the name and namespace its encryptedData was sealed for (${was}), found it renamed by the overlay`,
      "seal the values with kasane's sealedSecret (sealed after renames), seal them namespace-wide or cluster-wide, or keep the object out of the name and namespace transforms",
      ['spec', 'encryptedData'],
    );
    return res;
  }
  if (!unsealed) return res;
  const pem = unsealed.certificate ?? options.certificate;
  if (options.placeholders && pem !== undefined && hasPlaceholder(pem)) {
    // The certificate file is missing: nothing can be sealed, each entry says what is missing.
    return withEncryptedData(
      res,
      obj,
      entriesOf(unsealed).map(([entry, plaintext]) => [entry, sealedPlaceholderOf(pem + Buffer.from(plaintext).toString('utf8'))]),
    );
  }
  if (pem === undefined) {
    finding(
      'secrets/missing-certificate',
      `expected a sealing certificate for ${formatObjectRef(refOf(obj))}, found none`,
      "pass certificate to sealedSecret (from the environment's values) or set the sealing certificate of the environment",
      [UNSEALED_FIELD, 'certificate'],
    );
    return res;
  }
  const key = readSealingKey(pem);
  if (typeof key === 'string') {
    const found = key === 'not-rsa' ? 'a key that is not RSA' : 'no PEM certificate or public key';
    finding('secrets/invalid-certificate', `expected the PEM certificate of the Sealed Secrets controller, found ${found}`, 'fetch it with `kubeseal --fetch-cert > sealing-cert.pem`', [
      UNSEALED_FIELD,
      'certificate',
    ]);
    return res;
  }
  if (scope !== 'cluster-wide' && namespace === '') {
    finding(
      'secrets/sealed-namespace-missing',
      `expected a namespace for ${scope} SealedSecret '${name}', found none`,
      "set the environment's namespace or namespace on sealedSecret, or use scope 'cluster-wide'",
      ['metadata', 'namespace'],
    );
    return res;
  }
  const label = sealingLabel(scope, namespace, name);
  const sealed = entriesOf(unsealed).map(([entry, plaintext]): [string, string] => {
    const text = Buffer.from(plaintext).toString('utf8');
    if (options.placeholders && (hasPlaceholder(text) || (!options.stableKey && !options.random))) return [entry, sealedPlaceholderOf(text)];
    const entropy = entropyFor(options, key, label, { namespace, name, entry }, plaintext);
    return [entry, hybridEncrypt(key, plaintext, label, entropy).toString('base64')];
  });
  return withEncryptedData(res, obj, sealed);
}

/** The SealedSecret with `entries` added to its encryptedData, its template named, and `unsealed` gone. */
function withEncryptedData(res: Resource, obj: KObject & SealedSecret, entries: readonly [string, string][]): Resource {
  const { name } = obj.metadata;
  const namespace = obj.metadata.namespace ?? '';
  const spec = obj.spec ?? { encryptedData: {}, template: {} };
  const encryptedData: Record<string, string> = { ...spec.encryptedData, ...Object.fromEntries(entries) };
  const template = { ...spec.template, metadata: { ...spec.template?.metadata, name, ...(namespace ? { namespace } : {}) } };
  const { [UNSEALED_FIELD]: _, ...rest } = obj;
  return { ...res, object: { ...rest, spec: { ...spec, encryptedData, template } } as KObject };
}

function optionFindings(options: SealOptions): Finding[] {
  const bad = (message: string, hint: string): Finding[] => [{ severity: 'error', code: 'secrets/invalid-seal-options', message, hint, env: options.environment }];
  if (options.placeholders && !options.stableKey && !options.random) return [];
  if (options.stableKey && options.random)
    return bad('expected either stableKey or random for sealing, found both', 'pass stableKey for reproducible output, or random for a fresh encryption on every render');
  if (!options.stableKey && !options.random)
    return bad('expected stableKey or random for sealing, found neither', 'pass stableKey for reproducible output, or random for a fresh encryption on every render');
  if (options.stableKey && options.stableKey.length < MIN_STABLE_KEY_BYTES) {
    return bad(
      `expected a sealing stable key of at least ${MIN_STABLE_KEY_BYTES} bytes, found ${options.stableKey.length}`,
      `generate one with \`openssl rand -base64 ${MIN_STABLE_KEY_BYTES}\` and keep it with the other CI secrets`,
    );
  }
  return [];
}

/**
 * Seals every SealedSecret that `sealedSecret` built, using its final namespace and name, and
 * checks that SealedSecrets sealed earlier (kubeseal output) were not renamed out of their
 * scope. Call it after the overlay and before validation. Objects with nothing to seal are
 * returned as they are; an object that cannot be sealed stays unsealed, with an error.
 *
 * Finding codes: `secrets/missing-certificate`, `secrets/invalid-certificate`,
 * `secrets/sealed-namespace-missing`, `secrets/sealed-scope-mismatch`,
 * `secrets/invalid-seal-options`.
 */
export function sealSecrets(resources: readonly Resource[], options: SealOptions): SealResult {
  // Options matter only when there is something to seal: environments without sealedSecret
  // render with any options.
  const pending = resources.some((r) => isSealedSecret(r.object) && r.object[UNSEALED_FIELD] !== undefined);
  const findings = pending ? optionFindings(options) : [];
  if (findings.length) return { resources: [...resources], findings };
  const out = resources.map((res) => (isSealedSecret(res.object) ? sealOne(res, options, findings) : res));
  return { resources: out, findings };
}
