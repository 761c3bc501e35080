/**
 * `sealedSecret(...)`: a Sealed Secrets SealedSecret (bitnami.com/v1alpha1) that kasane
 * encrypts itself, offline, with the controller's public certificate — the Secret can be
 * committed to git because only the controller in the cluster can decrypt it.
 *
 * Two steps, because the encryption is bound to the final namespace and name (strict scope)
 * and the environment's namespace and name-prefix transforms change them after the build:
 *   1. `sealedSecret` (in a component) returns the SealedSecret with its entries still in
 *      plain text under a top-level `unsealed` field, which never reaches the output;
 *   2. `sealSecrets` (in the pipeline, after the overlay and before validation) encrypts each
 *      entry with the object's final namespace and name and removes `unsealed`.
 */
import type { ObjectMeta } from '../k8s/api/meta/v1.ts';
import { errorFinding, KasaneError } from '../errors.ts';
import type { SealingScope } from './hybrid-encrypt.ts';
import { SEALED_SECRET, UNSEALED_FIELD } from './secret-fields.ts';
import { hasSecretRef } from './secret-value.ts';

/** Annotation that makes a SealedSecret namespace-wide. */
export const NAMESPACE_WIDE_ANNOTATION = 'sealedsecrets.bitnami.com/namespace-wide';
/** Annotation that makes a SealedSecret cluster-wide. */
export const CLUSTER_WIDE_ANNOTATION = 'sealedsecrets.bitnami.com/cluster-wide';

/** Entries waiting for `sealSecrets`. */
export interface UnsealedEntries {
  /** PEM certificate of the controller; `sealSecrets` falls back to its own option. */
  certificate?: string;
  stringData?: Record<string, string>;
  data?: Record<string, string>;
}

/** The Secret a SealedSecret becomes in the cluster. */
export interface SealedSecretTemplate {
  metadata?: Pick<ObjectMeta, 'name' | 'namespace' | 'labels' | 'annotations'>;
  type?: string;
  immutable?: boolean;
}

/** A Sealed Secrets SealedSecret. */
export interface SealedSecret {
  apiVersion: 'bitnami.com/v1alpha1';
  kind: 'SealedSecret';
  metadata: ObjectMeta & { name: string };
  spec: {
    /** Key → base64 of the hybrid ciphertext. */
    encryptedData: Record<string, string>;
    template: SealedSecretTemplate;
  };
  /** Plain-text entries until `sealSecrets` runs; never part of the output. */
  unsealed?: UnsealedEntries;
}

/** Props of {@link sealedSecret}. */
export interface SealedSecretProps {
  /** `metadata.name` of the SealedSecret and of the Secret it becomes. */
  name: string;
  /**
   * Namespace; usually left to the environment's namespace transform. Strict and
   * namespace-wide scopes need one by the time `sealSecrets` runs.
   * @default unset
   */
  namespace?: string;
  /**
   * PEM certificate of the controller (`kubeseal --fetch-cert`), or
   * `secretValue.fromFile('certs/prod.pem')` to read it at render time. Pass it (or the path)
   * through the environment's values, as each cluster has its own.
   * @default unset (the `certificate` option of `sealSecrets`)
   */
  certificate?: string;
  /**
   * Where the Secret may be unsealed: `strict` pins namespace and name; `namespace-wide` any
   * name in the namespace (use it when a name prefix or suffix is computed elsewhere and you
   * want the value to survive renames); `cluster-wide` anywhere.
   * @default 'strict'
   */
  scope?: SealingScope;
  /**
   * Plain-text entries, usually `secretValue.fromEnv(...)` references.
   * @default unset
   */
  stringData?: Record<string, string>;
  /**
   * Base64-encoded entries.
   * @default unset
   */
  data?: Record<string, string>;
  /**
   * Entries sealed already (e.g. copied from kubeseal output), kept as they are.
   * @default unset
   */
  encryptedData?: Record<string, string>;
  /**
   * `type` of the Secret, e.g. `kubernetes.io/basic-auth`.
   * @default unset (Opaque)
   */
  type?: string;
  /**
   * Make the Secret immutable.
   * @default unset
   */
  immutable?: boolean;
  /**
   * Labels of the Secret (`spec.template.metadata.labels`), as kubeseal copies them.
   * @default unset
   */
  labels?: Record<string, string>;
  /**
   * Annotations of the Secret (`spec.template.metadata.annotations`).
   * @default unset
   */
  annotations?: Record<string, string>;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function fail(code: string, message: string, name: string, path: (string | number)[], hint: string): never {
  throw new KasaneError(errorFinding(code, message, { hint, object: { ...SEALED_SECRET, name }, path }));
}

/** The scope annotations kubeseal writes for `scope`. */
export function scopeAnnotations(scope: SealingScope): Record<string, string> {
  if (scope === 'namespace-wide') return { [NAMESPACE_WIDE_ANNOTATION]: 'true' };
  if (scope === 'cluster-wide') return { [CLUSTER_WIDE_ANNOTATION]: 'true' };
  return {};
}

/** The scope a SealedSecret's annotations declare, as the controller reads them. */
export function scopeOf(annotations: Readonly<Record<string, string>> | undefined): SealingScope {
  if (annotations?.[CLUSTER_WIDE_ANNOTATION] === 'true') return 'cluster-wide';
  if (annotations?.[NAMESPACE_WIDE_ANNOTATION] === 'true') return 'namespace-wide';
  return 'strict';
}

/**
 * A SealedSecret whose entries kasane seals at render time, laid out as `kubeseal` writes it:
 * name and namespace on both the SealedSecret and `spec.template.metadata`, the scope
 * annotation on both, labels and annotations on the template, `type` and `immutable` on the
 * template. `sealSecrets` must run in the pipeline to encrypt the entries.
 * @throws KasaneError `secrets/sealed-secret-empty` when there is no entry,
 *   `secrets/invalid-base64` when a `data` value is not base64.
 * @example
 * sealedSecret({ name: 'db', scope: 'namespace-wide', certificate: values.sealingCert,
 *   stringData: { password: secretValue.fromEnv('DB_PASSWORD') } });
 */
export function sealedSecret(props: SealedSecretProps): SealedSecret {
  const { name } = props;
  const count = Object.keys({ ...props.stringData, ...props.data, ...props.encryptedData }).length;
  if (count === 0) fail('secrets/sealed-secret-empty', `expected at least one entry in SealedSecret '${name}', found none`, name, ['stringData'], 'add stringData, data or encryptedData entries');
  for (const [key, value] of Object.entries(props.data ?? {})) {
    if (!BASE64.test(value) && !hasSecretRef(value))
      fail('secrets/invalid-base64', `expected base64 in data key '${key}', received a value that is not`, name, ['data', key], 'put plain text under stringData, or encode the value with base64');
  }
  const scope = props.scope ?? 'strict';
  const scopeNotes = scopeAnnotations(scope);
  const ns = props.namespace !== undefined ? { namespace: props.namespace } : {};
  const metadata: SealedSecret['metadata'] = { name, ...ns, ...(Object.keys(scopeNotes).length ? { annotations: { ...scopeNotes } } : {}) };
  const templateAnnotations = { ...props.annotations, ...scopeNotes };
  const template: SealedSecretTemplate = {
    metadata: {
      name,
      ...ns,
      ...(props.labels && Object.keys(props.labels).length ? { labels: { ...props.labels } } : {}),
      ...(Object.keys(templateAnnotations).length ? { annotations: templateAnnotations } : {}),
    },
    ...(props.type !== undefined ? { type: props.type } : {}),
    ...(props.immutable !== undefined ? { immutable: props.immutable } : {}),
  };
  const unsealed: UnsealedEntries = {
    ...(props.certificate !== undefined ? { certificate: props.certificate } : {}),
    ...(props.stringData ? { stringData: { ...props.stringData } } : {}),
    ...(props.data ? { data: { ...props.data } } : {}),
  };
  const obj: SealedSecret = { ...SEALED_SECRET, metadata, spec: { encryptedData: { ...props.encryptedData }, template } };
  if (unsealed.stringData || unsealed.data) obj[UNSEALED_FIELD] = unsealed;
  return obj;
}
