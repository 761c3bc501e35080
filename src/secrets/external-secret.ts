/**
 * `externalSecret(...)`: an External Secrets Operator ExternalSecret
 * (external-secrets.io/v1beta1). The repo holds only where a value lives in the secret store;
 * the operator in the cluster fetches it and writes the Secret.
 */
import type { ObjectMeta } from '../k8s/api/meta/v1.ts';
import { errorFinding, KasaneError } from '../errors.ts';

/** Conversion of the fetched value's bytes. */
export type ExternalSecretConversionStrategy = 'Default' | 'Unicode';
/** Decoding of the fetched value. */
export type ExternalSecretDecodingStrategy = 'Auto' | 'Base64' | 'Base64URL' | 'None';

/** A SecretStore or ClusterSecretStore by name. */
export interface SecretStoreRef {
  name: string;
  /** @default 'SecretStore' (when left out, the operator's default) */
  kind?: 'SecretStore' | 'ClusterSecretStore';
}

/** A generator custom resource (Password, ECRAuthorizationToken, ...). */
export interface GeneratorRef {
  /** @default 'generators.external-secrets.io/v1alpha1' (the operator's default) */
  apiVersion?: string;
  kind: string;
  name: string;
}

/** Where one value lives in the provider. */
export interface ExternalSecretRemoteRef {
  /** Key in the provider. */
  key: string;
  /** Property of a structured value. @default unset */
  property?: string;
  /** Version of the value. @default unset (latest) */
  version?: string;
  /** Fetch the provider's tags or labels. @default unset ('None') */
  metadataPolicy?: 'None' | 'Fetch';
  /** @default unset ('Default') */
  conversionStrategy?: ExternalSecretConversionStrategy;
  /** @default unset ('None') */
  decodingStrategy?: ExternalSecretDecodingStrategy;
}

/** One key of the target Secret. */
export interface ExternalSecretData {
  /** Key in the Secret. */
  secretKey: string;
  remoteRef: ExternalSecretRemoteRef;
  /** Another store for this key. @default unset */
  sourceRef?: { storeRef?: SecretStoreRef; generatorRef?: GeneratorRef };
}

/** Secrets found by path, name pattern or tags. */
export interface ExternalSecretFind {
  path?: string;
  name?: { regexp: string };
  tags?: Record<string, string>;
  conversionStrategy?: ExternalSecretConversionStrategy;
  decodingStrategy?: ExternalSecretDecodingStrategy;
}

/** One rewrite of the keys found: a regular expression or a template. */
export interface ExternalSecretRewrite {
  regexp?: { source: string; target: string };
  transform?: { template: string };
}

/** Many keys at once: extracted from one structured value, found, or generated. */
export interface ExternalSecretDataFrom {
  extract?: ExternalSecretRemoteRef;
  find?: ExternalSecretFind;
  rewrite?: ExternalSecretRewrite[];
  sourceRef?: { storeRef?: SecretStoreRef; generatorRef?: GeneratorRef };
}

/** A template source for `target.template.templateFrom`. */
export interface ExternalSecretTemplateFrom {
  configMap?: { name: string; items: { key: string; templateAs?: 'Values' | 'KeysAndValues' }[] };
  secret?: { name: string; items: { key: string; templateAs?: 'Values' | 'KeysAndValues' }[] };
  target?: 'Data' | 'Annotations' | 'Labels';
  literal?: string;
}

/** Blueprint of the Secret the operator writes. */
export interface ExternalSecretTemplate {
  type?: string;
  engineVersion?: 'v2';
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  mergePolicy?: 'Replace' | 'Merge';
  data?: Record<string, string>;
  templateFrom?: ExternalSecretTemplateFrom[];
}

/** The Secret the operator writes. */
export interface ExternalSecretTarget {
  /** @default unset (the ExternalSecret's name) */
  name?: string;
  /** @default unset ('Owner') */
  creationPolicy?: 'Owner' | 'Orphan' | 'Merge' | 'None';
  /** @default unset ('Retain') */
  deletionPolicy?: 'Delete' | 'Merge' | 'Retain';
  /** @default unset */
  template?: ExternalSecretTemplate;
  /** @default unset */
  immutable?: boolean;
}

/** `spec` of an ExternalSecret. */
export interface ExternalSecretSpec {
  secretStoreRef: SecretStoreRef;
  target?: ExternalSecretTarget;
  refreshInterval?: string;
  refreshPolicy?: 'CreatedOnce' | 'Periodic' | 'OnChange';
  data?: ExternalSecretData[];
  dataFrom?: ExternalSecretDataFrom[];
}

/** An External Secrets Operator ExternalSecret. */
export interface ExternalSecret {
  apiVersion: 'external-secrets.io/v1beta1';
  kind: 'ExternalSecret';
  metadata: ObjectMeta & { name: string };
  spec: ExternalSecretSpec;
}

/** Props of {@link externalSecret}. */
export interface ExternalSecretProps {
  /** `metadata.name`; also the Secret's name unless `target.name` is set. */
  name: string;
  /** @default unset (the environment's namespace transform sets it) */
  namespace?: string;
  /** @default unset */
  labels?: Record<string, string>;
  /** @default unset */
  annotations?: Record<string, string>;
  /** The store to read from: `{ name, kind? }` or the SecretStore / ClusterSecretStore object. */
  secretStore: SecretStoreRef | { kind: string; metadata: { name: string } };
  /** Go duration such as `1h`, `15m`, `0` (fetch once). @default unset ('1h') */
  refreshInterval?: string;
  /** @default unset ('Periodic') */
  refreshPolicy?: ExternalSecretSpec['refreshPolicy'];
  /** @default unset (a Secret named `name`, owned by the ExternalSecret) */
  target?: ExternalSecretTarget;
  /** Keys one by one. At least one of `data` and `dataFrom` is needed. @default unset */
  data?: ExternalSecretData[];
  /** Many keys at once. @default unset */
  dataFrom?: ExternalSecretDataFrom[];
}

const DURATION = /^(?:0|(?:[0-9]+(?:\.[0-9]+)?(?:ns|us|µs|ms|s|m|h))+)$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const API = { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret' } as const;

function fail(code: string, message: string, name: string, path: (string | number)[], hint: string): never {
  throw new KasaneError(errorFinding(code, message, { hint, object: { ...API, name }, path }));
}

function storeRef(store: ExternalSecretProps['secretStore']): SecretStoreRef {
  if ('metadata' in store) return { name: store.metadata.name, kind: store.kind as SecretStoreRef['kind'] };
  return { name: store.name, ...(store.kind !== undefined ? { kind: store.kind } : {}) };
}

/** A deep copy without `undefined` fields, so the result shares nothing with the props. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * An ExternalSecret.
 * @throws KasaneError `secrets/external-secret-no-data` without `data` and `dataFrom`,
 *   `secrets/invalid-duration` for a `refreshInterval` that is not a Go duration,
 *   `secrets/invalid-secret-key` for a `secretKey` that is not a valid Secret key.
 * @example
 * externalSecret({ name: 'db', secretStore: { name: 'vault', kind: 'ClusterSecretStore' },
 *   data: [{ secretKey: 'password', remoteRef: { key: 'prod/db', property: 'password' } }] });
 */
export function externalSecret(props: ExternalSecretProps): ExternalSecret {
  const { name } = props;
  if (!props.data?.length && !props.dataFrom?.length)
    fail(
      'secrets/external-secret-no-data',
      `expected data or dataFrom in ExternalSecret '${name}', found neither`,
      name,
      ['spec', 'data'],
      'add data: [{ secretKey, remoteRef: { key } }] or dataFrom: [{ extract: { key } }]',
    );
  if (props.refreshInterval !== undefined && !DURATION.test(props.refreshInterval)) {
    fail(
      'secrets/invalid-duration',
      `expected a Go duration such as '1h' or '15m', received ${JSON.stringify(props.refreshInterval)}`,
      name,
      ['spec', 'refreshInterval'],
      "use units ns, us, ms, s, m or h, e.g. '1h30m', or '0' to fetch once",
    );
  }
  props.data?.forEach((d, i) => {
    if (!SECRET_KEY.test(d.secretKey))
      fail(
        'secrets/invalid-secret-key',
        `expected a Secret key of letters, digits, '-', '_' and '.', received ${JSON.stringify(d.secretKey)}`,
        name,
        ['spec', 'data', i, 'secretKey'],
        'rename the key, e.g. replace / with _',
      );
  });
  const metadata: ExternalSecret['metadata'] = { name };
  if (props.namespace !== undefined) metadata.namespace = props.namespace;
  if (props.labels && Object.keys(props.labels).length) metadata.labels = { ...props.labels };
  if (props.annotations && Object.keys(props.annotations).length) metadata.annotations = { ...props.annotations };
  const spec: ExternalSecretSpec = { secretStoreRef: storeRef(props.secretStore) };
  if (props.refreshInterval !== undefined) spec.refreshInterval = props.refreshInterval;
  if (props.refreshPolicy !== undefined) spec.refreshPolicy = props.refreshPolicy;
  if (props.target !== undefined) spec.target = props.target;
  if (props.data?.length) spec.data = props.data;
  if (props.dataFrom?.length) spec.dataFrom = props.dataFrom;
  return { ...API, metadata, spec: plain(spec) };
}
