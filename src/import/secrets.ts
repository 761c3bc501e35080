/**
 * Secret values never go into generated code: a Secret object or a secretGenerator's literals
 * become a generator that reads git-ignored files under `environments/<env>/secrets/`.
 */
import type { Finding } from '../errors.ts';
import { isPlainObject, type KObject } from '../k8s/object.ts';
import { parseEnvFile } from '../overlay/generators/env-file.ts';
import { collectEntries } from '../overlay/generators/generator-input.ts';
import type { GeneratorDecl } from './kustomization.ts';

/** Where secret files of an environment live, relative to its environment file. */
export function secretsDir(env: string): string {
  return `${env}/secrets`;
}

const KEY = /^[-._a-zA-Z0-9]+$/;

/** A generator's entries as files: one env file when every value survives it, else a file per key. */
function entryFiles(env: string, name: string, entries: readonly [string, Uint8Array][], files: Map<string, Uint8Array>): { envs?: string[]; files?: string[] } {
  const dir = secretsDir(env);
  const texts = entries.map(([k, v]) => [k, Buffer.from(v).toString('utf8')] as const);
  const envText = texts.map(([k, v]) => `${k}=${v}\n`).join('');
  const safe =
    entries.length > 0 &&
    entries.every(([k, v], i) => KEY.test(k) && Buffer.from(texts[i]![1], 'utf8').equals(Buffer.from(v))) &&
    texts.every(([, v]) => !/[\r\n]/.test(v)) &&
    JSON.stringify(parseEnvFile(envText)) === JSON.stringify(texts);
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

/** A Secret object as a generator of environment `env`; its files are added to `files` (paths relative to environments/). */
export function secretObjectGenerator(o: KObject, file: string, env: string, files: Map<string, Uint8Array>): { generator: GeneratorDecl; findings: Finding[] } {
  const findings: Finding[] = [];
  const meta = o.metadata as unknown as Record<string, unknown>;
  for (const key of Object.keys(meta)) {
    if (!['name', 'namespace', 'labels', 'annotations'].includes(key)) {
      findings.push({ severity: 'error', code: 'import/unsupported-secret-field', message: `cannot import Secret '${o.metadata.name}': metadata.${key} has no generator option`, hint: 'remove the field, or add it with a patch after the import', source: { file }, path: ['metadata', key] });
    }
  }
  for (const key of Object.keys(o)) {
    if (!['apiVersion', 'kind', 'metadata', 'data', 'stringData', 'type', 'immutable'].includes(key)) {
      findings.push({ severity: 'error', code: 'import/unsupported-secret-field', message: `cannot import Secret '${o.metadata.name}': field '${key}' has no generator option`, hint: 'remove the field', source: { file }, path: [key] });
    }
  }
  const values = new Map<string, Uint8Array>();
  for (const [k, v] of Object.entries(isPlainObject(o.data) ? o.data : {})) values.set(k, Buffer.from(String(v), 'base64'));
  for (const [k, v] of Object.entries(isPlainObject(o.stringData) ? o.stringData : {})) values.set(k, Buffer.from(String(v), 'utf8'));
  const sorted = [...values].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const options: NonNullable<GeneratorDecl['options']> = { disableNameSuffixHash: true };
  if (o.metadata.labels) options.labels = o.metadata.labels;
  if (o.metadata.annotations) options.annotations = o.metadata.annotations;
  if (o.immutable === true) options.immutable = true;
  const generator: GeneratorDecl = {
    kind: 'Secret',
    name: o.metadata.name,
    literals: [],
    files: [],
    envs: [],
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    ...(typeof o.type === 'string' && o.type !== 'Opaque' ? { type: o.type } : {}),
    options,
  };
  Object.assign(generator, entryFiles(env, o.metadata.name, sorted, files));
  return { generator, findings };
}

/** A secretGenerator whose literals move into a git-ignored file; other fields stay. */
export function secretLiteralsToFiles(g: GeneratorDecl, env: string, files: Map<string, Uint8Array>): GeneratorDecl {
  if (g.kind !== 'Secret' || g.literals.length === 0) return g;
  const entries = collectEntries({ name: g.name, literals: g.literals }, { env }, 'Secret').map(([k, v]) => [k, Buffer.from(v)] as [string, Uint8Array]);
  const moved = entryFiles(env, `${g.name}-literals`, entries, files);
  return { ...g, literals: [], envs: [...(moved.envs ?? []), ...g.envs], files: [...(moved.files ?? []), ...g.files] };
}
