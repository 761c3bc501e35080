/**
 * Plain-text Secrets in the output: which Secrets would be written with their values in the
 * clear, where each value came from, and the finding that refuses to write one into a folder
 * git tracks, with the code that replaces it (a SealedSecret when kasane reads the values at
 * render time, an ExternalSecret when they sit in the repository). Pure: the CLI asks git.
 */
import type { Finding, ObjectRef, SourceLocation } from '../errors.ts';
import { allowsPlaintextCommit, COMMIT_PLAINTEXT_ANNOTATION } from '../k8s/annotations.ts';
import { refOf } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { Resource } from '../k8s/resource.ts';
import { isSecret, type SecretField } from './secret-fields.ts';
import { parseSecretRefs, type ParsedSecretRef } from './secret-value.ts';

/** One entry of a plain-text Secret. */
export interface PlaintextEntry {
  field: SecretField;
  key: string;
  /** The `secretValue` references the value was read from; empty for a value in the project (code, a generator's input). */
  refs: Pick<ParsedSecretRef, 'source' | 'name'>[];
}

/** A Secret whose values the output would hold in plain text, without the opt-in annotation. */
export interface PlaintextSecret {
  object: ObjectRef;
  /** Name the component or generator gave it (before prefix, suffix and hash). */
  builtName: string;
  component: string;
  /** Made by a secretGenerator of the environment. */
  generated: boolean;
  source?: SourceLocation;
  entries: PlaintextEntry[];
}

/** The references of each Secret entry as built, keyed by {@link entryKey}; read before the values replace them. */
export type SecretEntryRefs = ReadonlyMap<string, PlaintextEntry['refs']>;

function builtNameOf(res: Resource): string {
  return res.previousNames?.[0] ?? res.object.metadata.name;
}

function entryKey(res: Resource, field: string, key: string): string {
  return [res.component, builtNameOf(res), field, key].join('\u0000');
}

function entriesOf(res: Resource): { field: SecretField; key: string; value: unknown }[] {
  return (['stringData', 'data'] as const).flatMap((field) => {
    const map = res.object[field];
    return isPlainObject(map) ? Object.entries(map).map(([key, value]) => ({ field, key, value })) : [];
  });
}

/** The `secretValue` references in the entries of every Secret of `resources` (call it before they are resolved). */
export function secretEntryRefs(resources: readonly Resource[]): SecretEntryRefs {
  const out = new Map<string, PlaintextEntry['refs']>();
  for (const res of resources) {
    if (!isSecret(res.object)) continue;
    for (const { field, key, value } of entriesOf(res)) {
      const refs = typeof value === 'string' ? parseSecretRefs(value) : [];
      if (refs.length)
        out.set(
          entryKey(res, field, key),
          refs.map(({ source, name }) => ({ source, name })),
        );
    }
  }
  return out;
}

/**
 * The Secrets of `resources` that hold values and do not carry the
 * `kasane.dev/commit-plaintext: "true"` annotation, with the references of each entry;
 * `sourceOf` says where each was written (default: the resource's `source`).
 */
export function plaintextSecretsOf(resources: readonly Resource[], refs: SecretEntryRefs, sourceOf: (res: Resource) => SourceLocation | undefined = (res) => res.source): PlaintextSecret[] {
  const out: PlaintextSecret[] = [];
  for (const res of resources) {
    if (!isSecret(res.object) || allowsPlaintextCommit(res.object)) continue;
    const entries = entriesOf(res).map(({ field, key }) => ({ field, key, refs: refs.get(entryKey(res, field, key)) ?? [] }));
    if (entries.length === 0) continue;
    const source = sourceOf(res);
    out.push({ object: refOf(res.object), builtName: builtNameOf(res), component: res.component, generated: res.generated !== undefined, ...(source ? { source } : {}), entries });
  }
  return out;
}

/** Why a file counts as one git tracks: git says so, or git cannot say. */
export type TrackedReason = 'not-ignored' | 'no-repository' | 'no-git' | 'git-failed';

const WHY: Record<TrackedReason, string> = {
  'not-ignored': 'which git does not ignore',
  'no-repository': 'which is in no git repository yet (git would track it once there is one)',
  'no-git': 'and git, which would tell whether it is ignored, is not installed',
  'git-failed': 'and git could not tell whether it is ignored',
};

const quote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const property = (key: string): string => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : quote(key));

function envName(entry: PlaintextEntry, secret: PlaintextSecret): string {
  return `${secret.builtName}_${entry.key}`
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^(?=[0-9])/, '_');
}

function refCode(ref: PlaintextEntry['refs'][number]): string {
  return ref.source === 'env' ? `secretValue.fromEnv(${quote(ref.name)})` : `secretValue.fromFile(${quote(ref.name)}${ref.source === 'file-trimmed' ? ', { trimTrailingNewline: true }' : ''})`;
}

function what(secret: PlaintextSecret): string {
  return secret.generated ? 'secretGenerator with this object, built by a component,' : 'Secret';
}

/** The sealedSecret call that replaces a Secret whose values kasane reads at render time. */
function sealedCode(secret: PlaintextSecret, env: string): string[] {
  const entries = secret.entries.map((e) => `${property(e.key)}: ${e.refs.length === 1 ? refCode(e.refs[0]!) : `secretValue.fromEnv(${quote(envName(e, secret))})`}`);
  return [
    `seal it (the values stay in your CI secrets; git gets ciphertext only the cluster can open): replace the ${what(secret)} with`,
    `  sealedSecret({ name: ${quote(secret.builtName)}, certificate: secretValue.fromFile(${quote(`certs/${env}.pem`)}), stringData: { ${entries.join(', ')} } })`,
    `with the controller's certificate from \`kubeseal --fetch-cert > certs/${env}.pem\` and KASANE_SEAL_KEY set where kasane renders (docs/secrets.md);`,
  ];
}

/** The externalSecret call that replaces a Secret whose values are in the repository. */
function externalCode(secret: PlaintextSecret, env: string): string[] {
  const data = secret.entries.map((e) => `{ secretKey: ${quote(e.key)}, remoteRef: { key: ${quote(`${env}/${secret.builtName}`)}, property: ${quote(e.key)} } }`);
  return [
    `move the values to your secret store and commit only where they live: replace the ${what(secret)} with`,
    `  externalSecret({ name: ${quote(secret.builtName)}, secretStore: { name: 'my-store', kind: 'ClusterSecretStore' }, data: [${data.join(', ')}] })`,
    `and list 'Secret/${secret.builtName}' in external of kasane.config.ts (docs/secrets.md);`,
  ];
}

/**
 * The error for a plain-text Secret that would be written to `file` (as the user sees the
 * path), which git tracks for `reason` (`detail`: what git said when it failed).
 */
export function plaintextInGitFinding(secret: PlaintextSecret, env: string, file: string, reason: TrackedReason, detail?: string): Finding {
  const fromRefs = secret.entries.some((e) => e.refs.length > 0);
  const keys = secret.entries.map((e) => `${e.field}.${e.key}`).join(', ');
  const hint = [
    ...(fromRefs ? sealedCode(secret, env) : externalCode(secret, env)),
    `or print it for kubectl instead of writing it: kasane render ${env} --stdout | kubectl apply -f -;`,
    `or write it in plain text on purpose: add annotations: { '${COMMIT_PLAINTEXT_ANNOTATION}': 'true' } to the Secret, or have git ignore the output file`,
  ];
  return {
    severity: 'error',
    code: 'secrets/plaintext-in-git',
    message: `expected Secret values in plain text only in a file git ignores, found ${keys} bound for '${file}', ${WHY[reason]}${detail ? ` (${detail})` : ''}`,
    hint: hint.join('\n'),
    env,
    component: secret.component,
    object: secret.object,
    ...(secret.source ? { source: secret.source } : {}),
  };
}
