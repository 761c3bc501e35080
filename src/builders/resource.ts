/**
 * The generic escape hatch: any typed object (including custom resources) as a fresh copy.
 */
import type { ObjectMeta } from '../k8s/api/meta/v1.ts';
import { builderError } from './builder-error.ts';
import { freshCopy } from './fresh-copy.ts';

/**
 * The least an object needs to be rendered. The fields are optional in the type because the
 * Kubernetes types declare them optional, as the API does; `resource()` checks them at run
 * time.
 */
export interface ObjectShape {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/**
 * A deep copy of `obj` without `undefined` fields, so later patches never touch the literal.
 * @throws KasaneError `builder/missing-name` when the object has no apiVersion, kind or metadata.name (untyped callers).
 * @example
 * const widget = resource<Widget>({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'demo' }, spec: { size: 3 } });
 */
export function resource<T extends ObjectShape>(obj: T): T {
  for (const [field, value] of [
    ['apiVersion', obj.apiVersion],
    ['kind', obj.kind],
    ['name', obj.metadata?.name],
  ] as const) {
    if (typeof value !== 'string' || value === '') {
      throw builderError('builder/missing-name', `expected a non-empty ${field}, received ${JSON.stringify(value)}`, {
        object: { apiVersion: String(obj.apiVersion ?? ''), kind: String(obj.kind ?? ''), name: String(obj.metadata?.name ?? '') },
        path: field === 'name' ? ['metadata', 'name'] : [field],
        hint: `set ${field === 'name' ? 'metadata.name' : field} on the object`,
      });
    }
  }
  return freshCopy(obj);
}
