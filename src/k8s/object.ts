/**
 * The object model: a Kubernetes object is plain data with apiVersion, kind and metadata.
 * Identity helpers live here so every stage names objects the same way.
 */
import type { ObjectMeta } from './api/meta/v1.ts';
import type { ObjectRef } from '../errors.ts';

/** Any Kubernetes object: the typed kinds of ./api/ all fit this shape. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string };
  [field: string]: unknown;
}

/** Group, version and kind of an object. The core group is the empty string. */
export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

/** Parsed apiVersions: every stage asks for the group of every object, and projects use few. */
const API_VERSIONS = new Map<string, Readonly<{ group: string; version: string }>>();

/** Splits `apps/v1` into `{ group: 'apps', version: 'v1' }` and `v1` into the core group. */
export function parseApiVersion(apiVersion: string): Readonly<{ group: string; version: string }> {
  let parsed = API_VERSIONS.get(apiVersion);
  if (parsed === undefined) {
    const slash = apiVersion.indexOf('/');
    parsed = Object.freeze(slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) });
    if (API_VERSIONS.size < 1000) API_VERSIONS.set(apiVersion, parsed);
  }
  return parsed;
}

/** The GVK of an object. */
export function gvkOf(obj: { apiVersion: string; kind: string }): Gvk {
  return { ...parseApiVersion(obj.apiVersion), kind: obj.kind };
}

/** The reference a finding prints for an object. */
export function refOf(obj: KObject): ObjectRef {
  const ref: ObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name };
  if (obj.metadata.namespace) ref.namespace = obj.metadata.namespace;
  return ref;
}

/**
 * A key that is unique per object in one environment: `group/Kind/namespace/name`.
 * The version is left out on purpose: two versions of one kind are one object to the API server.
 */
export function objectKey(obj: { apiVersion: string; kind: string; metadata?: { name?: string; namespace?: string } }): string {
  const { group } = parseApiVersion(obj.apiVersion);
  return `${group}/${obj.kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

/** {@link objectKey} of the object an {@link ObjectRef} names. */
export function refKey(ref: ObjectRef): string {
  return `${parseApiVersion(ref.apiVersion ?? '').group}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** A JSON integer as kasane holds it: an integral number, or a bigint beyond 2^53 (read from YAML). */
export function isInteger(value: unknown): value is number | bigint {
  return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
}
