/**
 * Kustomize's `namePrefix` and `nameSuffix`: every object's name gets the prefix and suffix,
 * except the kinds Kustomize leaves alone (CustomResourceDefinition, APIService, Namespace), and
 * every reference to a renamed object follows it.
 */
import { KasaneError, errorFinding } from '../../errors.ts';
import { NAME_AFFIX_SKIPPED, maxNameLength } from '../../k8s/field-specs.ts';
import { parseApiVersion, refOf, type KObject } from '../../k8s/object.ts';
import type { Resource } from '../../k8s/resource.ts';
import { copyObject, withObject, type StepOptions } from './history.ts';
import { renameOf, rewriteReferences, type Rename } from './name-reference.ts';

/** Options of {@link addNameAffix}. */
export interface AddNameAffixOptions extends StepOptions {
  /** Put before every name. @default '' */
  prefix?: string;
  /** Put after every name. @default '' */
  suffix?: string;
}

/** The prefixes and suffixes of `resource` with this level's (empty ones are not recorded). */
function addedAffixes(resource: Resource, prefix: string, suffix: string): NonNullable<Resource['affixes']> {
  const { prefixes = [], suffixes = [] } = resource.affixes ?? {};
  return { prefixes: prefix === '' ? prefixes : [...prefixes, prefix], suffixes: suffix === '' ? suffixes : [...suffixes, suffix] };
}

function isSkipped(obj: KObject): boolean {
  const { group } = parseApiVersion(obj.apiVersion);
  return NAME_AFFIX_SKIPPED.some((s) => s.kind === obj.kind && (s.group === '*' || s.group === group));
}

/**
 * Returns `resources` with prefixed and suffixed names, the old names recorded in
 * `previousNames`, and every name reference rewritten (see `rewriteReferences`).
 *
 * @throws {KasaneError} `overlay/name-too-long` when a new name is longer than the API server accepts.
 */
export function addNameAffix(resources: readonly Resource[], options: AddNameAffixOptions): Resource[] {
  const prefix = options.prefix ?? '';
  const suffix = options.suffix ?? '';
  if (prefix === '' && suffix === '') return [...resources];
  const step = prefix !== '' ? 'namePrefix' : 'nameSuffix';
  const renames: Rename[] = [];
  const renamed = resources.map((resource) => {
    if (isSkipped(resource.object)) return resource;
    const object = copyObject(resource.object);
    const from = object.metadata.name;
    object.metadata.name = `${prefix}${from}${suffix}`;
    const limit = maxNameLength(object.kind);
    if (object.metadata.name.length > limit) {
      throw new KasaneError(
        errorFinding('overlay/name-too-long', `expected a name of at most ${limit} characters, found ${object.metadata.name.length} in '${object.metadata.name}'`, {
          hint: `shorten the ${step === 'namePrefix' ? 'prefix' : 'suffix'} or the object's name`,
          env: options.env,
          object: refOf(resource.object),
          path: ['metadata', 'name'],
          ...(options.source ? { source: options.source } : {}),
        }),
      );
    }
    renames.push(renameOf(object, from));
    const next = withObject(resource, object, step, options);
    // Kustomize's prefix and suffix are two renames, each recording the identity before it.
    const ns = object.metadata.namespace ? { namespace: object.metadata.namespace } : {};
    const before = [...(prefix !== '' ? [from] : []), ...(suffix !== '' ? [`${prefix}${from}`] : [])].map((name) => ({ kind: object.kind, name, ...ns }));
    return {
      ...next,
      previousNames: [...(resource.previousNames ?? []), from],
      previousIds: [...(resource.previousIds ?? []), ...before],
      affixes: addedAffixes(resource, prefix, suffix),
    };
  });
  return rewriteReferences(renamed, renames, step, options);
}
