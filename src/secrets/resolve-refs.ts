/**
 * The resolve step: replaces every `secretValue` reference in the built objects with the value
 * read from the environment or a file. Pure: the CLI reads the variables and files and passes
 * them in. Findings name the variable or file, the environment, the object and the field path,
 * never a value.
 */
import { formatPath, type FieldPath, type Finding } from '../errors.ts';
import { refOf, type KObject } from '../k8s/object.ts';
import type { Resource } from '../k8s/resource.ts';
import { isSealedSecret, secretFieldAt, UNSEALED_FIELD, walkStrings, type SecretField } from './secret-fields.ts';
import { SECRET_REF_OPENING, describeSecretRef, parseSecretRefs, type ParsedSecretRef } from './secret-value.ts';
import { placeholderFor } from './placeholders.ts';
import { compareCodeUnits } from '../util/code-unit.ts';

/** Values the references point to, as read by the caller. */
export interface SecretSources {
  /** Environment variables (the CLI passes `io.env`). */
  env: Readonly<Record<string, string | undefined>>;
  /**
   * File contents keyed by the path exactly as written in `secretValue.fromFile` (a `Map`,
   * or a reader that loads a file when asked; `undefined` for a file that is not there).
   */
  files: Pick<ReadonlyMap<string, Uint8Array>, 'get'>;
}

/** What a set of objects needs resolved. */
export interface SecretNeeds {
  /** Environment variable names, sorted, no duplicates. */
  env: string[];
  /** File paths as written in `secretValue.fromFile`, sorted, no duplicates. */
  files: string[];
}

/** Options of {@link resolveSecretRefs}. */
export interface ResolveSecretsOptions {
  /** The environment being rendered; findings carry it. */
  environment: string;
  /**
   * Resolve a reference whose variable or file is missing to its placeholder (see
   * `placeholderFor`) instead of reporting `secrets/missing-env` or `secrets/missing-file`:
   * for commands that only check the project.
   * @default false
   */
  placeholders?: boolean;
}

/** Result of {@link resolveSecretRefs}. */
export interface ResolveSecretsResult {
  /** The objects with every resolvable reference replaced; untouched objects are the same. */
  resources: Resource[];
  /** `secrets/*` findings. */
  findings: Finding[];
  /**
   * Every value read, as text and base64-encoded, sorted, for `scrubSecretValues` of messages.
   * Keep it in memory only.
   */
  values: string[];
}

const sortUnique = (items: Iterable<string>): string[] => [...new Set(items)].sort(compareCodeUnits);

/**
 * The variables and files that `resources` reference, wherever the references are, so the CLI
 * can read exactly those files before {@link resolveSecretRefs}.
 */
export function listSecretRefs(resources: readonly Resource[]): SecretNeeds {
  const env: string[] = [];
  const files: string[] = [];
  // Runs on every render of every object: no paths, and the full parse only where the
  // token's opening appears at all.
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.includes(SECRET_REF_OPENING)) for (const ref of parseSecretRefs(value)) (ref.source === 'env' ? env : files).push(ref.name);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      for (const key in value) visit((value as Record<string, unknown>)[key]);
    }
  };
  for (const res of resources) visit(res.object);
  return { env: sortUnique(env), files: sortUnique(files) };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function textOf(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

function trimTrailingNewlines(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  return bytes.subarray(0, end);
}

interface Update {
  /** `certificate` is the PEM certificate of a `sealedSecret`, which may come from a file. */
  field: SecretField | 'certificate';
  key: string;
  /** Set for stringData. */
  text?: string;
  /** Set for data. */
  base64?: string;
}

interface ObjectScope {
  res: Resource;
  sources: SecretSources;
  environment: string;
  placeholders: boolean;
  findings: Finding[];
  updates: Update[];
  /** The values read, each as text and as base64. */
  values: string[];
}

function report(scope: ObjectScope, severity: Finding['severity'], code: string, message: string, hint: string, path: FieldPath): void {
  const { res } = scope;
  scope.findings.push({ severity, code, message, hint, env: scope.environment, component: res.component, object: refOf(res.object), path, ...(res.source ? { source: res.source } : {}) });
}

/** A value that was read, or the placeholder of a missing one. */
interface Read {
  bytes: Uint8Array;
  placeholder?: true;
}

function placeholder(ref: ParsedSecretRef): Read {
  return { bytes: new TextEncoder().encode(placeholderFor(ref)), placeholder: true };
}

function read(scope: ObjectScope, ref: ParsedSecretRef, path: FieldPath): Read | undefined {
  const where = formatPath(path);
  if (ref.source === 'env') {
    const value = scope.sources.env[ref.name];
    if (value === undefined) {
      if (scope.placeholders) return placeholder(ref);
      const hint = `set ${ref.name} in the environment that runs kasane render (in CI, add it to the job's secrets)`;
      report(scope, 'error', 'secrets/missing-env', `expected environment variable '${ref.name}' for ${where}, found it unset`, hint, path);
      return undefined;
    }
    if (value === '') {
      const hint = `set ${ref.name} to the secret value; CI systems pass an empty string for a secret that is not defined`;
      report(scope, 'warning', 'secrets/empty-env', `environment variable '${ref.name}' for ${where} is set but empty`, hint, path);
    }
    return { bytes: new TextEncoder().encode(value) };
  }
  const bytes = scope.sources.files.get(ref.name);
  if (bytes === undefined) {
    if (scope.placeholders) return placeholder(ref);
    const hint = `create '${ref.name}' (a relative path is relative to the project root) and keep it out of git`;
    report(scope, 'error', 'secrets/missing-file', `expected file '${ref.name}' for ${where}, found no such file`, hint, path);
    return undefined;
  }
  return { bytes: ref.source === 'file-trimmed' ? trimTrailingNewlines(bytes) : bytes };
}

/** Replaces each reference in `text` with its value as text; `undefined` after a finding. */
function fillText(scope: ObjectScope, text: string, refs: readonly ParsedSecretRef[], path: FieldPath, texts: readonly (string | undefined)[]): string | undefined {
  const bad = refs.find((_, i) => texts[i] === undefined);
  if (bad) {
    const hint = 'make the reference the whole value (kasane then stores the bytes under data), or store the file base64-encoded';
    report(scope, 'error', 'secrets/file-not-text', `expected UTF-8 text in ${describeSecretRef(bad)} for ${formatPath(path)}, found binary content inside a longer string`, hint, path);
    return undefined;
  }
  let out = '';
  let at = 0;
  refs.forEach((ref, i) => {
    out += text.slice(at, ref.index) + texts[i]!;
    at = ref.index + ref.token.length;
  });
  return out + text.slice(at);
}

function isCertificatePath(obj: KObject, path: FieldPath): boolean {
  return isSealedSecret(obj) && path.length === 2 && path[0] === UNSEALED_FIELD && path[1] === 'certificate';
}

function visit(scope: ObjectScope, text: string, path: FieldPath): void {
  const refs = parseSecretRefs(text);
  if (refs.length === 0) return;
  const field = secretFieldAt(scope.res.object, path);
  const where = formatPath(path);
  if (isCertificatePath(scope.res.object, path)) {
    // A public certificate: read from a file like a value, but not a secret to scrub.
    const reads = refs.map((ref) => read(scope, ref, path));
    if (reads.some((r) => r === undefined)) return;
    const filled = fillText(
      scope,
      text,
      refs,
      path,
      reads.map((r) => textOf(r!.bytes)),
    );
    if (filled !== undefined) scope.updates.push({ field: 'certificate', key: '', text: filled });
    return;
  }
  if (!field) {
    const names = refs.map((r) => describeSecretRef(r)).join(', ');
    report(
      scope,
      'error',
      'secrets/ref-outside-secret',
      `expected secret references only in a Secret's stringData or data, found ${names} in ${scope.res.object.kind} at ${where}`,
      "put the value in a Secret's stringData and point to it (envFrom, secretKeyRef or a secret volume): outside a Secret it would be written in plain text",
      path,
    );
    return;
  }
  const key = path[path.length - 1] as string;
  const whole = refs.length === 1 && refs[0]!.token === text;
  if (field === 'data' && !whole) {
    report(
      scope,
      'error',
      'secrets/ref-in-data',
      `expected a reference under data to be the whole value, found it inside a longer string at ${where}`,
      'move the entry to stringData, which takes plain text and can mix text and references',
      path,
    );
    return;
  }
  const reads = refs.map((ref) => read(scope, ref, path));
  if (reads.some((r) => r === undefined)) return;
  const bytes = reads.map((r) => r!.bytes);
  const texts = bytes.map((b) => textOf(b));
  // A placeholder names a missing source: nothing secret to scrub.
  reads.forEach((r, i) => {
    if (!r!.placeholder) scope.values.push(Buffer.from(bytes[i]!).toString('base64'), ...(texts[i] !== undefined ? [texts[i]] : []));
  });
  // Binary content cannot be written as stringData; data takes the same bytes base64-encoded.
  if (field === 'data' || (whole && texts[0] === undefined)) {
    scope.updates.push({ field: 'data', key, base64: Buffer.from(bytes[0]!).toString('base64') });
    return;
  }
  const filled = fillText(scope, text, refs, path, texts);
  if (filled !== undefined) scope.updates.push({ field: 'stringData', key, text: filled });
}

/** `obj` with its secret maps replaced by edited copies; the rest is shared. */
function applyUpdates(obj: KObject, updates: readonly Update[]): KObject {
  const out: KObject = { ...obj };
  const sealed = isSealedSecret(obj);
  const holder: Record<string, unknown> = sealed ? { ...(obj[UNSEALED_FIELD] as Record<string, unknown>) } : out;
  const maps = {
    stringData: { ...(holder.stringData as Record<string, string> | undefined) },
    data: { ...(holder.data as Record<string, string> | undefined) },
  };
  for (const u of updates) {
    if (u.field === 'certificate') holder.certificate = u.text;
    else if (u.text !== undefined) maps.stringData[u.key] = u.text;
    else {
      delete maps.stringData[u.key];
      maps.data[u.key] = u.base64!;
    }
  }
  for (const field of ['stringData', 'data'] as const) {
    if (Object.keys(maps[field]).length) holder[field] = maps[field];
    else delete holder[field];
  }
  if (sealed) out[UNSEALED_FIELD] = holder;
  return out;
}

/**
 * Replaces the `secretValue` references in `resources` with the values in `sources`.
 * Call it after the build stage and before the overlay, so generated-name hashes and patches
 * see the real values. References outside a Secret's `stringData`/`data` (or a `sealedSecret`'s
 * entries and its `certificate`, which may come from a file) are errors and stay in place.
 *
 * With `placeholders`, a missing variable or file becomes its placeholder instead of an error.
 *
 * Finding codes: `secrets/missing-env`, `secrets/missing-file`, `secrets/ref-outside-secret`,
 * `secrets/ref-in-data`, `secrets/file-not-text` (errors), `secrets/empty-env` (warning).
 */
export function resolveSecretRefs(resources: readonly Resource[], sources: SecretSources, options: ResolveSecretsOptions): ResolveSecretsResult {
  const findings: Finding[] = [];
  const values: string[] = [];
  const out = resources.map((res) => {
    const scope: ObjectScope = { res, sources, environment: options.environment, placeholders: options.placeholders === true, findings, updates: [], values };
    walkStrings(res.object, (text, path) => visit(scope, text, path));
    if (scope.updates.length === 0) return res;
    return { ...res, object: applyUpdates(res.object, scope.updates) };
  });
  return { resources: out, findings, values: sortUnique(values) };
}
