/**
 * Appends the content-hash suffix to generated ConfigMaps and Secrets and makes references
 * follow. `kubectl kustomize` does this once, after the last overlay: the hash covers the
 * final data, and the suffix goes after any prefix and suffix (`prod-cfg-<hash>`).
 */
import type { Resource } from '../../k8s/resource.ts';
import { withChange } from '../transforms/history.ts';
import { renameOf, rewriteReferences, type Rename, type RewriteOptions } from '../transforms/name-reference.ts';
import { contentHash } from './content-hash.ts';

/**
 * Returns `resources` with `-<hash>` appended to the name of every resource whose
 * `generated.hashSuffix` is set (then cleared unless `keepPending`, so a second call changes nothing), the old
 * name recorded in `previousNames`, and every name reference rewritten.
 *
 * @throws {KasaneError} `overlay/ambiguous-reference` (see `rewriteReferences`).
 */
export function applyHashSuffixes(resources: readonly Resource[], options: RewriteOptions & { keepPending?: boolean }): Resource[] {
  const renames: Rename[] = [];
  const hashed = resources.map((resource) => {
    if (!resource.generated?.hashSuffix) return resource;
    const from = resource.object.metadata.name;
    // Only the name changes: a new object and metadata, everything else shared.
    const object = { ...resource.object, metadata: { ...resource.object.metadata, name: `${from}-${contentHash(resource.object)}` } };
    renames.push(renameOf(object, from));
    const next = withChange(resource, object, 'hashSuffix', options);
    // A HashTransformer among a level's transformers hashes early and leaves the final pass to
    // hash again, as Kustomize does (the name then carries the hash twice).
    return { ...next, previousNames: [...(resource.previousNames ?? []), from], generated: { hashSuffix: options.keepPending === true } };
  });
  return rewriteReferences(hashed, renames, 'hashSuffix', options);
}
