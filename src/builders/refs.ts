/**
 * References from a pod to ConfigMaps and Secrets, taking the objects themselves. The name
 * written is the object's current `metadata.name`; the overlay rewrites it when the object is
 * renamed or gets a hash suffix.
 */
import type { ConfigMap, EnvFromSource, EnvVarSource, Secret } from '../k8s/api/core/v1.ts';
import { didYouMean } from '../errors.ts';
import { builderError, quoteList } from './builder-error.ts';
import { checkProps, checkRelation, isKubernetesObject, propShape } from './prop-check.ts';
import type { CallContext, RelationSpec } from './prop-check.ts';

/** A source for `envFrom`: a ConfigMap or Secret object, or a literal `EnvFromSource`. */
export type EnvSource = ConfigMap | Secret | EnvFromSource;

const envSourceRelation: RelationSpec = { kinds: ['ConfigMap', 'Secret'], literals: true, hint: 'pass a ConfigMap or Secret object, or an EnvFromSource literal' };

/**
 * `EnvFromSource` entries for ConfigMap and Secret objects, in the order given; literal
 * `EnvFromSource` values are copied as they are.
 * @throws KasaneError `builder/invalid-relation` for an object that is neither a ConfigMap nor a Secret.
 * @example
 * container({ name: 'api', image: 'api:1.0', envFrom: envFrom(settings, credentials) });
 */
export function envFrom(...sources: EnvSource[]): EnvFromSource[] {
  sources.forEach((source, i) => checkRelation(source, `sources[${i}]`, envSourceRelation, { builder: 'envFrom' }));
  return sources.map(envFromSource);
}

/**
 * One `EnvFromSource` for a ConfigMap, a Secret or a literal.
 * @throws KasaneError `builder/invalid-relation` for an object that is neither a ConfigMap nor a Secret.
 */
export function envFromSource(source: EnvSource): EnvFromSource {
  checkRelation(source, 'source', envSourceRelation, { builder: 'envFromSource' });
  if (isKubernetesObject(source) && source.kind === 'ConfigMap') return { configMapRef: { name: nameOf(source as ConfigMap) } };
  if (isKubernetesObject(source) && source.kind === 'Secret') return { secretRef: { name: nameOf(source as Secret) } };
  return structuredClone(source as EnvFromSource);
}

/** Options of {@link fromConfigMap} and {@link fromSecret}. */
export interface KeyRefOptions {
  /**
   * Start the container even when the key is missing.
   * @default unset (required)
   */
  optional?: boolean;
}

/** The options {@link fromConfigMap} and {@link fromSecret} take. */
export const keyRefShape = propShape<KeyRefOptions>('KeyRefOptions', ['optional']);

/**
 * `valueFrom` for one key of a ConfigMap.
 * @throws KasaneError `builder/invalid-relation` when `cm` is not a ConfigMap; `builder/unknown-key`
 *   when the ConfigMap has data and `key` is not in it; `builder/unknown-prop` for an unknown option.
 * @example
 * env: { LOG_LEVEL: fromConfigMap(settings, 'LOG_LEVEL') }
 */
export function fromConfigMap(cm: ConfigMap, key: string, options: KeyRefOptions = {}): EnvVarSource {
  return fromConfigMapAt(cm, key, options, { builder: 'fromConfigMap' });
}

/** {@link fromConfigMap} for a builder that passes its own call context on. */
export function fromConfigMapAt(cm: ConfigMap, key: string, options: KeyRefOptions, call: CallContext): EnvVarSource {
  checkRelation(cm, 'configMap', { kinds: ['ConfigMap'], literals: false }, call);
  checkProps(options, keyRefShape, call);
  checkKey(cm, key, [cm.data, cm.binaryData]);
  return { configMapKeyRef: { name: nameOf(cm), key, ...optional(options) } };
}

/**
 * `valueFrom` for one key of a Secret.
 * @throws KasaneError `builder/invalid-relation` when `s` is not a Secret; `builder/unknown-key`
 *   when the Secret has data and `key` is not in it; `builder/unknown-prop` for an unknown option.
 * @example
 * env: { MYSQL_ROOT_PASSWORD: fromSecret(mysqlSecret, 'password') }
 */
export function fromSecret(s: Secret, key: string, options: KeyRefOptions = {}): EnvVarSource {
  return fromSecretAt(s, key, options, { builder: 'fromSecret' });
}

/** {@link fromSecret} for a builder that passes its own call context on. */
export function fromSecretAt(s: Secret, key: string, options: KeyRefOptions, call: CallContext): EnvVarSource {
  checkRelation(s, 'secret', { kinds: ['Secret'], literals: false }, call);
  checkProps(options, keyRefShape, call);
  checkKey(s, key, [s.data, s.stringData]);
  return { secretKeyRef: { name: nameOf(s), key, ...optional(options) } };
}

/**
 * `valueFrom` for a field of the pod (downward API), e.g. `metadata.name` or `status.podIP`.
 * @example
 * env: { POD_IP: fromField('status.podIP') }
 */
export function fromField(fieldPath: string): EnvVarSource {
  return { fieldRef: { fieldPath } };
}

/** True for a ConfigMap or Secret object (as opposed to a literal reference). */
export function isConfigObject(value: unknown): value is ConfigMap | Secret {
  if (value === null || typeof value !== 'object') return false;
  const kind = (value as { kind?: unknown }).kind;
  return (kind === 'ConfigMap' || kind === 'Secret') && (value as { apiVersion?: unknown }).apiVersion === 'v1';
}

function nameOf(obj: ConfigMap | Secret): string {
  return obj.metadata?.name ?? '';
}

function optional(options: KeyRefOptions): { optional?: boolean } {
  return options.optional === undefined ? {} : { optional: options.optional };
}

// Keys are known only when the object carries data; an empty object may be filled by the
// environment's generators, so it is left to validation.
function checkKey(obj: ConfigMap | Secret, key: string, maps: (Record<string, string> | undefined)[]): void {
  if (maps.every((m) => m === undefined)) return;
  const keys = maps.flatMap((m) => Object.keys(m ?? {}));
  if (keys.includes(key)) return;
  const kind = obj.kind ?? 'ConfigMap';
  throw builderError('builder/unknown-key', `expected a key of ${kind} '${nameOf(obj)}', received '${key}'${didYouMean(key, keys)}`, {
    object: { apiVersion: 'v1', kind, name: nameOf(obj) },
    path: ['data', key],
    hint: `use one of ${quoteList(keys)}, or add '${key}' to the ${kind}`,
  });
}
