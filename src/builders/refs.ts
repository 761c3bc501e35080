/**
 * References from a pod to ConfigMaps and Secrets, taking the objects themselves. The name
 * written is the object's current `metadata.name`; the overlay rewrites it when the object is
 * renamed or gets a hash suffix.
 */
import type { ConfigMap, EnvFromSource, EnvVarSource, Secret } from 'kubernetes-types/core/v1.js';
import { didYouMean } from '../errors.ts';
import { builderError, quoteList } from './builder-error.ts';

/** A source for `envFrom`: a ConfigMap or Secret object, or a literal `EnvFromSource`. */
export type EnvSource = ConfigMap | Secret | EnvFromSource;

/**
 * `EnvFromSource` entries for ConfigMap and Secret objects, in the order given; literal
 * `EnvFromSource` values are copied as they are.
 * @example
 * container({ name: 'api', image: 'api:1.0', envFrom: envFrom(settings, credentials) });
 */
export function envFrom(...sources: EnvSource[]): EnvFromSource[] {
  return sources.map(envFromSource);
}

/** One `EnvFromSource` for a ConfigMap, a Secret or a literal. */
export function envFromSource(source: EnvSource): EnvFromSource {
  if ('kind' in source && source.kind === 'ConfigMap') return { configMapRef: { name: nameOf(source) } };
  if ('kind' in source && source.kind === 'Secret') return { secretRef: { name: nameOf(source) } };
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

/**
 * `valueFrom` for one key of a ConfigMap.
 * @throws KasaneError `builder/unknown-key` when the ConfigMap has data and `key` is not in it.
 * @example
 * env: { LOG_LEVEL: fromConfigMap(settings, 'LOG_LEVEL') }
 */
export function fromConfigMap(cm: ConfigMap, key: string, options: KeyRefOptions = {}): EnvVarSource {
  checkKey(cm, key, [cm.data, cm.binaryData]);
  return { configMapKeyRef: { name: nameOf(cm), key, ...optional(options) } };
}

/**
 * `valueFrom` for one key of a Secret.
 * @throws KasaneError `builder/unknown-key` when the Secret has data and `key` is not in it.
 * @example
 * env: { MYSQL_ROOT_PASSWORD: fromSecret(mysqlSecret, 'password') }
 */
export function fromSecret(s: Secret, key: string, options: KeyRefOptions = {}): EnvVarSource {
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
