/**
 * What ConfigMap and Secret generators take, and how their literals, files and env files turn
 * into key/value entries. File reading happens in the loader; here contents arrive as data.
 */
import { KasaneError, errorFinding, type SourceLocation } from '../../errors.ts';
import type { GeneratorBehavior, GeneratorOptions } from '../../project/generator.ts';
import { parseEnvFile } from './env-file.ts';

/** A file already read by the loader, under the key it gets in `data`. */
export interface GeneratorFile {
  key: string;
  content: Buffer | string;
}

/** An env file already read by the loader. */
export interface GeneratorEnvFile {
  /** The file's path, for error messages. @default unset */
  path?: string;
  content: string;
}

/** A ConfigMap generator with its files read: what {@link collectEntries} and the generators take. */
export interface ConfigMapGeneratorInput {
  name: string;
  /** @default unset (the environment's namespace transform may set it) */
  namespace?: string;
  /** `KEY=value` entries; quotes around the value are dropped. @default [] */
  literals?: readonly string[];
  /** @default [] */
  files?: readonly GeneratorFile[];
  /** @default [] */
  envs?: readonly GeneratorEnvFile[];
  /** @default 'create' */
  behavior?: GeneratorBehavior;
  /** @default {} */
  options?: GeneratorOptions;
  /** Written as a manifest in Kustomize's `resources:` was (see `GeneratorSpec.asResource`). @default false */
  asResource?: boolean;
}

/** A Secret generator: a ConfigMap generator with a Secret `type`. */
export interface SecretGeneratorInput extends ConfigMapGeneratorInput {
  /** @default 'Opaque', none when `asResource` */
  type?: string;
  /** Keys written as text under `stringData`. @default [] */
  stringDataKeys?: readonly string[];
}

/** Who generates: the environment, and the generator's place in its file. */
export interface GeneratorContext {
  env: string;
  /** The group (or component) whose generator it is. @default the environment's */
  scope?: string;
  /** @default unset */
  source?: SourceLocation;
  /** Values for bare `KEY` lines in env files (see `parseEnvFile`). @default `{}` */
  processEnv?: Readonly<Record<string, string>>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The text of `content`, or undefined when it is not valid UTF-8. */
export function asText(content: Buffer | string): string | undefined {
  if (typeof content === 'string') return content;
  try {
    return utf8.decode(content);
  } catch {
    return undefined;
  }
}

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) return value.slice(1, -1);
  return value;
}

/** Throws one finding about the generator `spec` of `kind`. */
export function fail(code: string, message: string, hint: string, spec: ConfigMapGeneratorInput, ctx: GeneratorContext, kind: string): never {
  throw new KasaneError(
    errorFinding(code, message, {
      hint,
      env: ctx.env,
      object: { apiVersion: 'v1', kind, name: spec.name },
      ...(ctx.source ? { source: ctx.source } : {}),
    }),
  );
}

/**
 * All entries of a generator in Kustomize's order (literals, files, env files) as
 * `[key, content]`.
 *
 * @throws {KasaneError} `overlay/invalid-literal` for a literal without `=`;
 * `overlay/generator-duplicate-key` when a key comes twice.
 */
export function collectEntries(spec: ConfigMapGeneratorInput, ctx: GeneratorContext, kind: string): [string, Buffer | string][] {
  const entries: [string, Buffer | string][] = [];
  for (const literal of spec.literals ?? []) {
    const eq = literal.indexOf('=');
    if (eq <= 0) fail('overlay/invalid-literal', `expected a literal KEY=value, found ${JSON.stringify(literal)}`, 'write the literal as KEY=value', spec, ctx, kind);
    entries.push([literal.slice(0, eq), unquote(literal.slice(eq + 1))]);
  }
  for (const file of spec.files ?? []) entries.push([file.key, file.content]);
  for (const envFile of spec.envs ?? []) {
    const options = { ...(envFile.path ? { file: envFile.path } : {}), ...(ctx.processEnv ? { env: ctx.processEnv } : {}) };
    entries.push(...parseEnvFile(envFile.content, options));
  }
  const seen = new Set<string>();
  for (const [key] of entries) {
    if (seen.has(key)) fail('overlay/generator-duplicate-key', `expected each key once in ${kind} '${spec.name}', found '${key}' twice`, `remove one of the '${key}' entries`, spec, ctx, kind);
    seen.add(key);
  }
  return entries;
}
