/**
 * Secret values read at render time: `secretValue.fromEnv('DB_PASSWORD')` and
 * `secretValue.fromFile('secrets/db-password.txt')` return a *reference*, never the value.
 *
 * Builders are pure, so a component cannot read the environment or files itself. A reference is
 * a short string token such as `<<kasane-secret:env:DB_PASSWORD>>`: it fits every builder prop
 * typed `string` (`secret({ stringData: { password: ref } })`), survives spreads, patches and
 * `structuredClone`, and can be embedded in a longer string
 * (`` `postgres://app:${ref}@db:5432/app` ``). The pipeline replaces tokens with the values
 * right after the build stage (see `resolveSecretRefs`). A token that reaches the output by
 * mistake carries only the variable or file name, never a value.
 */
import { errorFinding, KasaneError } from '../errors.ts';
import { SECRET_REF_OPENING } from '../k8s/secret-ref-token.ts';

/**
 * A reference to a secret value. At run time a plain string token; the brand keeps a reference
 * from being mistaken for a value in TypeScript while still fitting `string` props.
 */
export type SecretRef = string & { readonly __kasaneSecretRef: true };

/** Where a referenced value comes from. */
export type SecretRefSource =
  /** An environment variable of the process that runs kasane. */
  | 'env'
  /** A file, its bytes as they are. */
  | 'file'
  /** A file without its trailing line breaks (`echo secret > file` adds one). */
  | 'file-trimmed';

/** A reference taken apart. */
export interface ParsedSecretRef {
  source: SecretRefSource;
  /** Variable name, or file path as written (relative paths are relative to the project root). */
  name: string;
  /** The whole token. */
  token: string;
  /** Offset of the token in the string it was found in. */
  index: number;
}

/** Options of {@link secretValue}`.fromFile`. */
export interface FromFileOptions {
  /**
   * Drop trailing `\n` and `\r\n` from the file's content.
   * @default false (the bytes as they are, like `kubectl create secret --from-file`)
   */
  trimTrailingNewline?: boolean;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// encodeURIComponent never produces `<` or `>`, so a name cannot end a token early.
export { SECRET_REF_OPENING };

const TOKEN = /<<kasane-secret:(env|file|file-trimmed):([^<>]*)>>/g;

function token(source: SecretRefSource, name: string): SecretRef {
  return `<<kasane-secret:${source}:${encodeURIComponent(name)}>>` as SecretRef;
}

function invalid(code: string, message: string, hint: string): KasaneError {
  return new KasaneError(errorFinding(code, message, { hint }));
}

/**
 * Secret values that are read when kasane renders, not when the component is written.
 * Use them in `stringData` of a Secret (or of a `sealedSecret`); anywhere else is an error,
 * because the value would end up in an object that is not a Secret.
 *
 * A plain Secret is written to the output with the value in it: fine for
 * `kasane render --stdout | kubectl apply -f -`, not for output committed to git (the
 * `plaintext-secret` policy says so). For GitOps put the reference into `sealedSecret`, which
 * encrypts it, or keep the value in a secret store and use `externalSecret`.
 * @example
 * secret({ name: 'db', stringData: { password: secretValue.fromEnv('DB_PASSWORD') } });
 * secret({ name: 'tls-key', stringData: { 'key.pem': secretValue.fromFile('secrets/key.pem') } });
 */
export const secretValue = {
  /**
   * The value of environment variable `name` when `kasane render` runs.
   * @throws KasaneError `secrets/invalid-env-name` when `name` is not a variable name.
   */
  fromEnv(name: string): SecretRef {
    if (!ENV_NAME.test(name)) {
      throw invalid(
        'secrets/invalid-env-name',
        `expected an environment variable name like 'DB_PASSWORD', received ${JSON.stringify(name)}`,
        'use letters, digits and underscores, not starting with a digit',
      );
    }
    return token('env', name);
  },
  /**
   * The content of file `path` when `kasane render` runs; a relative path is relative to the
   * project root. Keep the file out of git (e.g. list it in `.gitignore`).
   * @throws KasaneError `secrets/invalid-file-path` when `path` is empty.
   */
  fromFile(path: string, options: FromFileOptions = {}): SecretRef {
    if (path === '') throw invalid('secrets/invalid-file-path', 'expected a file path, received an empty string', "pass a path such as 'secrets/db-password.txt'");
    return token(options.trimTrailingNewline ? 'file-trimmed' : 'file', path);
  },
} as const;

/** Every reference in `text`, in order. */
export function parseSecretRefs(text: string): ParsedSecretRef[] {
  const refs: ParsedSecretRef[] = [];
  for (const m of text.matchAll(TOKEN)) {
    let name: string;
    try {
      name = decodeURIComponent(m[2]!);
    } catch {
      continue;
    }
    refs.push({ source: m[1] as SecretRefSource, name, token: m[0], index: m.index });
  }
  return refs;
}

/** True when `text` contains at least one secret reference. */
export function hasSecretRef(text: string): boolean {
  return parseSecretRefs(text).length > 0;
}

/** `environment variable 'X'` or `file 'p'`, for messages. */
export function describeSecretRef(ref: Pick<ParsedSecretRef, 'source' | 'name'>): string {
  return ref.source === 'env' ? `environment variable '${ref.name}'` : `file '${ref.name}'`;
}
