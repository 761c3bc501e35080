/**
 * Secret values never go into generated code: a Secret object or a secretGenerator's literals
 * become a generator that reads git-ignored files under `environments/<env>/secrets/`. Names and
 * keys become file names there, so each is checked against the API server's grammar first.
 */
import { isKasaneError, type Finding } from '../errors.ts';
import { decodeBase64, isConfigKey, isDns1123Label, isDns1123Subdomain } from '../k8s/grammar.ts';
import type { KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { sameJson } from '../util/same-json.ts';
import { parseEnvFile } from '../overlay/generators/env-file.ts';
import { collectEntries } from '../overlay/generators/generator-input.ts';
import type { GeneratorDecl } from './kustomization.ts';

/** Where secret files of an environment live, relative to its environment file. */
export function secretsDir(env: string): string {
  return `${env}/secrets`;
}

/** Where a finding about a Secret points. */
interface SecretPlace {
  file: string;
  name: string;
}

function secretFinding(code: string, message: string, hint: string, at: SecretPlace, path: (string | number)[]): Finding {
  return { severity: 'error', code, message, hint, source: { file: at.file }, object: { apiVersion: 'v1', kind: 'Secret', name: at.name }, path };
}

/** A finding when Secret name `name` cannot name a file, which only a DNS-1123 subdomain can. */
function nameProblem(at: SecretPlace, path: (string | number)[]): Finding | undefined {
  if (isDns1123Subdomain(at.name)) return undefined;
  return secretFinding(
    'import/invalid-name',
    `cannot import Secret ${JSON.stringify(at.name)}: expected a DNS-1123 subdomain (lowercase letters, digits, '-' and '.'), which the API server requires`,
    'rename the Secret',
    at,
    path,
  );
}

/** A namespace that is not a DNS-1123 label: the API server refuses it, and it may name a values file. */
function namespaceProblem(namespace: string | undefined, at: SecretPlace): Finding | undefined {
  if (namespace === undefined || isDns1123Label(namespace)) return undefined;
  return secretFinding(
    'import/invalid-name',
    `cannot import Secret ${JSON.stringify(at.name)}: expected its namespace ${JSON.stringify(namespace)} to be a DNS-1123 label (lowercase letters, digits and '-'), which the API server requires`,
    'fix metadata.namespace',
    at,
    ['metadata', 'namespace'],
  );
}

/** Findings for keys that are not valid Secret keys (and so cannot name a file). */
function keyProblems(keys: readonly string[], at: SecretPlace, field: string): Finding[] {
  return keys
    .filter((k) => !isConfigKey(k))
    .map((k) =>
      secretFinding(
        'import/invalid-key',
        `cannot import Secret '${at.name}': key ${JSON.stringify(k)} is not a valid Secret key (letters, digits, '-', '_' and '.', not '.' or starting with '..', at most 253 characters)`,
        'rename the key; the API server rejects it too',
        at,
        [field, k],
      ),
    );
}

/** A generator's entries as files: one env file when every value survives it, else a file per key. */
function entryFiles(env: string, name: string, entries: readonly [string, Uint8Array][], files: Map<string, Uint8Array>): { envs?: string[]; files?: string[] } {
  const dir = secretsDir(env);
  const texts = entries.map(([k, v]) => [k, Buffer.from(v).toString('utf8')] as const);
  const envText = texts.map(([k, v]) => `${k}=${v}\n`).join('');
  const safe =
    entries.length > 0 && entries.every(([, v], i) => Buffer.from(texts[i]![1], 'utf8').equals(Buffer.from(v))) && texts.every(([, v]) => !/[\r\n]/.test(v)) && sameJson(parseEnvFile(envText), texts);
  if (safe) {
    files.set(`${dir}/${name}.env`, Buffer.from(envText, 'utf8'));
    return { envs: [`${dir}/${name}.env`] };
  }
  const list: string[] = [];
  for (const [k, v] of entries) {
    files.set(`${dir}/${name}/${k}`, v);
    list.push(`${k}=${dir}/${name}/${k}`);
  }
  return list.length ? { files: list } : {};
}

/**
 * The stem of the files that hold a Secret's values: its name, or, when an earlier Secret of
 * the same name (in another namespace) took it, its name and namespace.
 */
function fileStem(env: string, o: KObject, files: ReadonlyMap<string, Uint8Array>): string {
  const dir = secretsDir(env);
  const taken = (stem: string) => files.has(`${dir}/${stem}.env`) || [...files.keys()].some((f) => f.startsWith(`${dir}/${stem}/`));
  const name = o.metadata.name;
  if (!taken(name)) return name;
  const base = `${name}.${o.metadata.namespace ?? 'default'}`;
  let stem = base;
  for (let i = 2; taken(stem); i++) stem = `${base}-${i}`;
  return stem;
}

/** The values of a Secret as the API server stores them, with a finding for each it would reject. */
function secretValues(o: KObject, at: SecretPlace): { values: Map<string, Uint8Array>; findings: Finding[] } {
  const values = new Map<string, Uint8Array>();
  const findings: Finding[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const map = isPlainObject(o[field]) ? o[field] : {};
    findings.push(...keyProblems(Object.keys(map), at, field));
    for (const [k, v] of Object.entries(map)) {
      // Values are never printed: only their type or the kind of problem.
      if (typeof v !== 'string') {
        findings.push(
          secretFinding('import/invalid-secret-value', `cannot import Secret '${at.name}': expected a string at ${field}.${k}, found ${v === null ? 'null' : typeof v}`, 'quote the value', at, [
            field,
            k,
          ]),
        );
        continue;
      }
      const bytes = field === 'data' ? decodeBase64(v) : new Uint8Array(Buffer.from(v, 'utf8'));
      if (bytes === undefined) {
        findings.push(
          secretFinding(
            'import/invalid-base64',
            `cannot import Secret '${at.name}': data.${k} is not valid base64 (the API server rejects it)`,
            'encode the value with base64, or move it to stringData as plain text',
            at,
            [field, k],
          ),
        );
        continue;
      }
      values.set(k, bytes);
    }
  }
  return { values, findings };
}

function unsupportedField(at: SecretPlace, what: string, hint: string, path: string[]): Finding {
  return { severity: 'error', code: 'import/unsupported-secret-field', message: `cannot import Secret '${at.name}': ${what}`, hint, source: { file: at.file }, path };
}

/**
 * Fields a generator cannot write as the manifest has them: a `type` or `immutable` of another
 * JSON type, a key under both `data` and `stringData` (a generator holds one value per key).
 */
function unwritableFields(o: KObject, at: SecretPlace): Finding[] {
  const findings: Finding[] = [];
  if (o.type !== undefined && typeof o.type !== 'string')
    findings.push(unsupportedField(at, `expected type to be a string, found ${jsonType(o.type)}`, 'write the type as a string, or remove it (Opaque)', ['type']));
  if (o.immutable !== undefined && typeof o.immutable !== 'boolean') {
    findings.push(unsupportedField(at, `expected immutable to be true or false, found ${jsonType(o.immutable)}`, 'write immutable: true or false', ['immutable']));
  }
  const data = isPlainObject(o.data) ? o.data : {};
  for (const key of Object.keys(isPlainObject(o.stringData) ? o.stringData : {}).filter((k) => Object.hasOwn(data, k))) {
    findings.push(
      unsupportedField(at, `key '${key}' is under both data and stringData, and a generator holds one value per key`, 'keep the key in one of them (the API server keeps the stringData value)', [
        'stringData',
        key,
      ]),
    );
  }
  return findings;
}

function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a map' : `a ${typeof value}`;
}

/** A SOPS-encrypted Secret (which Flux decrypts when it applies it) holds ciphertext, not values. */
const SOPS_HINT =
  'the Secret is encrypted with SOPS: decrypt it (`sops --decrypt`) and import the plain Secret, whose values kasane keeps in git-ignored files, or leave the encrypted file out of the tree and deliver it beside the rendered output';

function unsupportedFields(o: KObject, at: SecretPlace): Finding[] {
  const findings: Finding[] = unwritableFields(o, at);
  for (const key of Object.keys(o.metadata)) {
    if (!['name', 'namespace', 'labels', 'annotations'].includes(key)) {
      findings.push({
        severity: 'error',
        code: 'import/unsupported-secret-field',
        message: `cannot import Secret '${at.name}': metadata.${key} has no generator option`,
        hint: 'remove the field, or add it with a patch after the import',
        source: { file: at.file },
        path: ['metadata', key],
      });
    }
  }
  for (const key of Object.keys(o)) {
    if (!['apiVersion', 'kind', 'metadata', 'data', 'stringData', 'type', 'immutable'].includes(key)) {
      findings.push({
        severity: 'error',
        code: 'import/unsupported-secret-field',
        message: `cannot import Secret '${at.name}': field '${key}' has no generator option`,
        hint: key === 'sops' ? SOPS_HINT : 'remove the field',
        source: { file: at.file },
        path: [key],
      });
    }
  }
  return findings;
}

/**
 * A Secret object as a generator of environment `env`; its files are added to `files` (paths
 * relative to environments/). No generator (and no file) when its name, a key or a value is invalid.
 */
export function secretObjectGenerator(o: KObject, file: string, env: string, files: Map<string, Uint8Array>): { generator?: GeneratorDecl; findings: Finding[] } {
  const at = { file, name: o.metadata.name };
  const invalidName = nameProblem(at, ['metadata', 'name']) ?? namespaceProblem(o.metadata.namespace, at);
  if (invalidName) return { findings: [invalidName] };
  const { values, findings } = secretValues(o, at);
  findings.unshift(...unsupportedFields(o, at));
  if (findings.some((f) => f.code !== 'import/unsupported-secret-field')) return { findings };
  const sorted = [...values].sort((a, b) => compareCodeUnits(a[0], b[0]));
  const options: NonNullable<GeneratorDecl['options']> = {};
  if (o.metadata.labels) options.labels = o.metadata.labels;
  if (o.metadata.annotations) options.annotations = o.metadata.annotations;
  if (typeof o.immutable === 'boolean') options.immutable = o.immutable;
  // Written as the manifest was: `type` and `immutable` only where it has them, no hash suffix.
  const generator: GeneratorDecl = {
    kind: 'Secret',
    name: o.metadata.name,
    configuredIn: { file },
    literals: [],
    files: [],
    envs: [],
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    ...(typeof o.type === 'string' ? { type: o.type } : {}),
    asResource: true,
    options,
  };
  // kubectl keeps stringData as written; the API server merges it over data for the same key.
  const stringDataKeys = isPlainObject(o.stringData) ? Object.keys(o.stringData).filter((k) => values.has(k)) : [];
  if (stringDataKeys.length) generator.stringDataKeys = stringDataKeys.sort(compareCodeUnits);
  Object.assign(generator, entryFiles(env, fileStem(env, o, files), sorted, files));
  return { generator, findings };
}

/**
 * A secretGenerator whose literals move into a git-ignored file; other fields stay. A generator
 * whose name or literal keys cannot name a file keeps its literals out and gets a finding.
 */
export function secretLiteralsToFiles(g: GeneratorDecl, env: string, files: Map<string, Uint8Array>, source: string): { generator: GeneratorDecl; findings: Finding[] } {
  if (g.kind !== 'Secret' || g.literals.length === 0) return { generator: g, findings: [] };
  const at = { file: source, name: g.name };
  const invalidName = nameProblem(at, ['secretGenerator', 'name']);
  if (invalidName) return { generator: g, findings: [invalidName] };
  // The literal itself is never printed: it holds the secret value.
  const malformed = g.literals.findIndex((l) => l.indexOf('=') <= 0);
  if (malformed >= 0) {
    return {
      generator: g,
      findings: [
        secretFinding('import/invalid-literal', `cannot import secretGenerator '${g.name}': literal ${malformed + 1} is not KEY=value`, 'write each literal as KEY=value', at, ['literals', malformed]),
      ],
    };
  }
  let entries: [string, Uint8Array][];
  try {
    entries = collectEntries({ name: g.name, literals: g.literals }, { env }, 'Secret').map(([k, v]) => [k, new Uint8Array(Buffer.from(v))]);
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    return { generator: g, findings: error.findings.map((f) => ({ ...f, source: { file: source } })) };
  }
  const invalidKeys = keyProblems(
    entries.map(([k]) => k),
    at,
    'literals',
  );
  if (invalidKeys.length) return { generator: g, findings: invalidKeys };
  const moved = entryFiles(env, `${g.name}-literals`, entries, files);
  return { generator: { ...g, literals: [], envs: [...(moved.envs ?? []), ...g.envs], files: [...(moved.files ?? []), ...g.files] }, findings: [] };
}
