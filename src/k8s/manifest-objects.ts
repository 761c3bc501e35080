/**
 * The Kubernetes objects of read YAML documents, as kubectl takes them from a file: empty
 * documents are skipped, a `List` (or any `*List` kind with `items`) stands for its items, and
 * anything else must be an object with apiVersion, kind and metadata.name. An item that is not
 * an object is an error, as it is for kubectl, never dropped.
 */
import type { KObject } from './object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { YamlDocument } from './yaml-read.ts';

/** An object and where it was read. */
export interface ManifestObject {
  object: KObject;
  /** 0-based index of its document. */
  document: number;
  /** 1-based line of its document. */
  line: number;
  /** Its document, for comments (undefined for list items). */
  yaml?: YamlDocument;
}

/** A document or list item that is not a Kubernetes object. */
export interface ManifestProblem {
  code: 'not-an-object' | 'invalid-list-item';
  message: string;
  document: number;
  line: number;
}

/** True for a value with apiVersion, kind and metadata.name, all strings. */
export function isManifestObject(value: unknown): value is KObject {
  return isPlainObject(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string' && isPlainObject(value.metadata) && typeof value.metadata.name === 'string';
}

function isList(value: unknown): value is { kind: string; items: unknown[] } {
  return isPlainObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'a map without apiVersion, kind and metadata.name';
  return `a ${typeof value}`;
}

/** The objects of `documents`, in order, and a problem for each document or item that is none. */
export function manifestObjects(documents: readonly YamlDocument[]): { objects: ManifestObject[]; problems: ManifestProblem[] } {
  const objects: ManifestObject[] = [];
  const problems: ManifestProblem[] = [];
  for (const doc of documents) {
    const at = { document: doc.index, line: doc.line };
    if (doc.value === null || doc.value === undefined) continue;
    if (isList(doc.value)) {
      doc.value.items.forEach((item, i) => {
        if (isManifestObject(item)) objects.push({ object: item, ...at });
        else
          problems.push({
            code: 'invalid-list-item',
            message: `expected items[${i}] of ${doc.value && (doc.value as { kind: string }).kind} to be a Kubernetes object (apiVersion, kind, metadata.name), found ${describe(item)}`,
            ...at,
          });
      });
      continue;
    }
    if (isManifestObject(doc.value)) objects.push({ object: doc.value, ...at, yaml: doc });
    else problems.push({ code: 'not-an-object', message: `expected document ${doc.index + 1} to be a Kubernetes object (apiVersion, kind, metadata.name), found ${describe(doc.value)}`, ...at });
  }
  return { objects, problems };
}
