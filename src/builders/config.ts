/**
 * Builders for the core configuration kinds: ConfigMap, Secret (generic, TLS, registry
 * credentials) and Namespace.
 */
import type { ConfigMap, Namespace, Secret } from '../k8s/api/core/v1.ts';
import { markGenerated } from '../k8s/generated-mark.ts';
import { containsSecretRef } from '../k8s/secret-ref-token.ts';
import { builderError } from './builder-error.ts';
import { freshCopy } from './fresh-copy.ts';
import { metaShape, objectMeta } from './object-meta.ts';
import type { MetaProps, StringMap } from './object-meta.ts';
import { checkProps, propShape } from './prop-check.ts';

/** Props of {@link configMap}. */
export interface ConfigMapProps extends MetaProps {
  /**
   * UTF-8 entries.
   * @default unset
   */
  data?: StringMap;
  /**
   * Binary entries, base64-encoded.
   * @default unset
   */
  binaryData?: StringMap;
  /**
   * Forbid changes to the data after creation.
   * @default unset (mutable)
   */
  immutable?: boolean;
  /**
   * Append Kustomize's content-hash suffix to the name at render time; every reference to this
   * ConfigMap follows the new name.
   * @default false
   */
  hashSuffix?: boolean;
}

/** The props {@link configMap} takes. */
export const configMapShape = propShape<ConfigMapProps>('ConfigMapProps', ['data', 'binaryData', 'immutable', 'hashSuffix'], {}, [metaShape]);

/**
 * A ConfigMap.
 * @throws KasaneError `builder/unknown-prop`; `builder/invalid-base64` when a `binaryData` value is not base64.
 * @example
 * const settings = configMap({ name: 'echo-settings', data: { LOG_LEVEL: 'info' }, hashSuffix: true });
 */
export function configMap(props: ConfigMapProps): ConfigMap {
  checkProps(props, configMapShape, { builder: 'configMap', object: { apiVersion: 'v1', kind: 'ConfigMap' } });
  const obj: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: objectMeta(props) };
  if (props.binaryData) checkBase64(props.binaryData, 'ConfigMap', props.name, 'binaryData');
  if (props.data !== undefined) obj.data = props.data;
  if (props.binaryData !== undefined) obj.binaryData = props.binaryData;
  if (props.immutable !== undefined) obj.immutable = props.immutable;
  return withHashMark(freshCopy(obj), props.hashSuffix);
}

/** Props of {@link secret}. */
export interface SecretProps extends MetaProps {
  /**
   * Plain-text entries; the API server stores them base64-encoded under `data`.
   * @default unset
   */
  stringData?: StringMap;
  /**
   * Base64-encoded entries; each value is checked.
   * @default unset
   */
  data?: StringMap;
  /**
   * `type`, e.g. `kubernetes.io/basic-auth`.
   * @default unset (the API server uses `Opaque`)
   */
  type?: string;
  /**
   * Forbid changes to the data after creation.
   * @default unset (mutable)
   */
  immutable?: boolean;
  /**
   * Append Kustomize's content-hash suffix to the name at render time; references follow it.
   * @default false
   */
  hashSuffix?: boolean;
}

/** The props {@link secret} takes. */
export const secretShape = propShape<SecretProps>('SecretProps', ['stringData', 'data', 'type', 'immutable', 'hashSuffix'], {}, [metaShape]);

/**
 * A Secret.
 * @throws KasaneError `builder/unknown-prop`; `builder/invalid-base64` when a `data` value is not base64.
 * @example
 * const db = secret({ name: 'mysql', stringData: { password: values.password } });
 */
export function secret(props: SecretProps): Secret {
  checkProps(props, secretShape, { builder: 'secret', object: { apiVersion: 'v1', kind: 'Secret' } });
  const obj: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: objectMeta(props) };
  if (props.data) checkBase64(props.data, 'Secret', props.name, 'data');
  if (props.data !== undefined) obj.data = props.data;
  if (props.stringData !== undefined) obj.stringData = props.stringData;
  if (props.type !== undefined) obj.type = props.type;
  if (props.immutable !== undefined) obj.immutable = props.immutable;
  return withHashMark(freshCopy(obj), props.hashSuffix);
}

/** Props of {@link tlsSecret}. */
export interface TlsSecretProps extends Omit<SecretProps, 'stringData' | 'data' | 'type'> {
  /** PEM certificate chain; stored base64-encoded as `tls.crt`. */
  cert: string;
  /** PEM private key; stored base64-encoded as `tls.key`. */
  key: string;
}

/** The props {@link tlsSecret} takes. */
export const tlsSecretShape = propShape<TlsSecretProps>('TlsSecretProps', ['cert', 'key'], { omit: ['stringData', 'data', 'type'] }, [secretShape]);

/**
 * A `kubernetes.io/tls` Secret, as `kubectl create secret tls` writes it (PEM not checked).
 * A `secretValue` reference as `cert` or `key` goes under `stringData`, where the render puts
 * the value in (the API server stores it base64-encoded under `data` all the same).
 * @throws KasaneError `builder/unknown-prop`.
 * @example
 * const tls = tlsSecret({ name: 'edge-tls', cert: values.cert, key: values.key });
 */
export function tlsSecret(props: TlsSecretProps): Secret {
  checkProps(props, tlsSecretShape, { builder: 'tlsSecret', object: { apiVersion: 'v1', kind: 'Secret' } });
  const { cert, key, ...rest } = props;
  if (containsSecretRef(cert) || containsSecretRef(key)) return secret({ ...rest, type: 'kubernetes.io/tls', stringData: { 'tls.crt': cert, 'tls.key': key } });
  return secret({ ...rest, type: 'kubernetes.io/tls', data: { 'tls.crt': base64(cert), 'tls.key': base64(key) } });
}

/** Props of {@link dockerConfigSecret}. */
export interface DockerConfigSecretProps extends Omit<SecretProps, 'stringData' | 'data' | 'type'> {
  /** Registry server, e.g. `registry.example.com`. */
  registry: string;
  username: string;
  password: string;
  /**
   * E-mail written into the registry entry.
   * @default unset
   */
  email?: string;
}

/** The props {@link dockerConfigSecret} takes. */
export const dockerConfigSecretShape = propShape<DockerConfigSecretProps>('DockerConfigSecretProps', ['registry', 'username', 'password', 'email'], { omit: ['stringData', 'data', 'type'] }, [
  secretShape,
]);

/**
 * A `kubernetes.io/dockerconfigjson` Secret for `imagePullSecrets`, byte-equal to what
 * `kubectl create secret docker-registry` writes.
 * @throws KasaneError `builder/unknown-prop`; `builder/secret-ref-unsupported` for a
 *   `secretValue` reference as username or password (it would be base64-encoded into `auth`
 *   before the render could put the value in).
 * @example
 * const pull = dockerConfigSecret({ name: 'registry', registry: 'registry.example.com', username: 'ci', password: values.token });
 */
export function dockerConfigSecret(props: DockerConfigSecretProps): Secret {
  checkProps(props, dockerConfigSecretShape, { builder: 'dockerConfigSecret', object: { apiVersion: 'v1', kind: 'Secret' } });
  const { registry, username, password, email, ...rest } = props;
  const ref = (['username', 'password'] as const).find((field) => containsSecretRef(props[field]));
  if (ref) {
    throw builderError(
      'builder/secret-ref-unsupported',
      `expected plain text as ${ref} of dockerConfigSecret(), found a secretValue reference: it would be base64-encoded into 'auth' before the render puts the value in`,
      {
        object: { apiVersion: 'v1', kind: 'Secret', name: props.name },
        path: [ref],
        hint: "keep the whole config as one value: secret({ name, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': secretValue.fromFile('secrets/registry.json') } }), inside a sealedSecret for GitOps",
      },
    );
  }
  // Field order as kubectl writes it: username, password, email, auth.
  const entry: Record<string, string> = { username, password };
  if (email !== undefined) entry.email = email;
  entry.auth = base64(`${username}:${password}`);
  const json = JSON.stringify({ auths: { [registry]: entry } });
  return secret({ ...rest, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': base64(json) } });
}

/** Props of {@link namespace}. */
export type NamespaceProps = Omit<MetaProps, 'namespace'>;

/** The props {@link namespace} takes. */
export const namespaceShape = propShape<NamespaceProps>('NamespaceProps', [], { omit: ['namespace'] }, [metaShape]);

/**
 * A Namespace.
 * @throws KasaneError `builder/unknown-prop`.
 * @example
 * const ns = namespace({ name: 'shop', labels: { env: 'prod' } });
 */
export function namespace(props: NamespaceProps): Namespace {
  checkProps(props, namespaceShape, { builder: 'namespace', object: { apiVersion: 'v1', kind: 'Namespace' } });
  return freshCopy({ apiVersion: 'v1', kind: 'Namespace', metadata: objectMeta(props) });
}

// Standard base64 with padding, as Go's encoding/base64 StdEncoding decodes Secret data.
const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function checkBase64(map: StringMap, kind: string, name: string, field: string): void {
  for (const [key, value] of Object.entries(map)) {
    if (!base64Pattern.test(value)) {
      throw builderError('builder/invalid-base64', `expected base64 in ${field} key '${key}', received ${JSON.stringify(value)}`, {
        object: { apiVersion: 'v1', kind, name },
        path: [field, key],
        hint: kind === 'Secret' ? `put plain text under stringData, or encode the value with base64` : 'encode the value with base64',
      });
    }
  }
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

function withHashMark<T extends object>(obj: T, hashSuffix: boolean | undefined): T {
  return hashSuffix ? markGenerated(obj, { hashSuffix: true }) : obj;
}
