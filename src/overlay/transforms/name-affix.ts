/**
 * Kustomize's `namePrefix` and `nameSuffix`: every object's name gets the prefix and suffix,
 * except the kinds Kustomize leaves alone (CustomResourceDefinition, APIService, Namespace), and
 * every reference to a renamed object follows it.
 */
import { KasaneError, errorFinding } from '../../errors.ts';
import { NAME_AFFIX_SKIPPED, fieldSpecApplies, maxNameLength, type FieldSpec } from '../../k8s/field-specs.ts';
import { parseApiVersion, refOf, type KObject } from '../../k8s/object.ts';
import type { Resource } from '../../k8s/resource.ts';
import { updatedField } from './field-path.ts';
import { copyObject, withObject } from './history.ts';
import { renameOf, rewriteReferences, type Rename, type RewriteOptions } from './name-reference.ts';

/** Options of {@link addNameAffix}. */
export interface AddNameAffixOptions extends RewriteOptions {
  /** Put before every name. @default '' */
  prefix?: string;
  /** Put after every name. @default '' */
  suffix?: string;
  /**
   * The fields that take the prefix, in place of Kustomize's `metadata/name`: a `metadata/name`
   * spec renames the objects it applies to (references follow), any other field has the prefix
   * put before its value. @default metadata.name of every object
   */
  prefixFields?: readonly FieldSpec[];
  /** The same for the suffix. @default metadata.name of every object */
  suffixFields?: readonly FieldSpec[];
  /** `prefixFields` and `suffixFields` add to `metadata/name` instead of replacing it. @default true */
  withName?: boolean;
}

const NAME_PATH = 'metadata/name';
const isNameSpec = (fs: FieldSpec): boolean => fs.path.join('/') === NAME_PATH;

/** Whether `fields` rename `obj` (a `metadata/name` spec that applies to it); unset fields do. */
function renames(fields: readonly FieldSpec[] | undefined, withName: boolean, obj: KObject): boolean {
  if (withName || fields === undefined) return true;
  return fields.some((fs) => isNameSpec(fs) && fieldSpecApplies(fs, obj));
}

/** `object` with `affix` put before (or after) the string values at the non-name `fields`. */
function affixFields(object: KObject, fields: readonly FieldSpec[] | undefined, affix: string, before: boolean): KObject {
  if (affix === '' || !fields) return object;
  let current: Record<string, unknown> = object;
  for (const fs of fields) {
    if (isNameSpec(fs) || !fieldSpecApplies(fs, object)) continue;
    current = updatedField(current, fs.path, fs.create, (value) => (typeof value === 'string' ? (before ? affix + value : value + affix) : undefined)) ?? current;
  }
  return current as KObject;
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
  const withName = options.withName !== false;
  const renameList: Rename[] = [];
  const renamed = resources.map((resource) => {
    const affixed = affixFields(affixFields(resource.object, options.prefixFields, prefix, true), options.suffixFields, suffix, false);
    const p = renames(options.prefixFields, withName, resource.object) ? prefix : '';
    const s = renames(options.suffixFields, withName, resource.object) ? suffix : '';
    if (isSkipped(resource.object) || (p === '' && s === '')) return affixed === resource.object ? resource : withObject(resource, affixed, step, options);
    const object = copyObject(affixed);
    const from = object.metadata.name;
    object.metadata.name = `${p}${from}${s}`;
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
    renameList.push(renameOf(object, from));
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
  return rewriteReferences(renamed, renameList, step, options);
}
