/**
 * Kustomize's deprecated `vars`. A level's vars are bound to the object their `objref` names
 * when the level ends (by any identity the object had), and resolved once, after the last
 * level and the hash suffixes: `$(NAME)` in the var reference fields becomes the bound
 * object's field as it is then, so prefixes, namespaces and hashes are already in it.
 */
import { KasaneError, errorFinding } from '../errors.ts';
import { fieldSpecApplies, type FieldSpec } from '../k8s/field-specs.ts';
import { parseApiVersion } from '../k8s/object.ts';
import type { Resource } from '../k8s/resource.ts';
import { VAR_REFERENCE_FIELDS } from '../k8s/var-references.ts';
import type { Var } from '../project/vars.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { idsOf, idSelected } from './object-ids.ts';
import { lookup, parseFieldPath, type PathSegment } from './replacements/field-path.ts';
import { updatedField } from './transforms/field-path.ts';
import { withObject, type StepOptions } from './transforms/history.ts';

/** Options of {@link resolveVars}. */
export interface ResolveVarsOptions extends StepOptions {
  /** Var reference fields besides Kustomize's (from `configurations`). @default none */
  fields?: readonly FieldSpec[];
}

/** The selector an objref stands for: the namespace counts only when given. */
function objrefSelector(v: Var): { kind: string; name: string; group?: string; version?: string; namespace?: string } {
  const { kind, name, apiVersion, namespace } = v.objref;
  const gv = apiVersion ? parseApiVersion(apiVersion) : undefined;
  return { kind, name, ...(gv ? { group: gv.group, version: gv.version } : {}), ...(namespace ? { namespace } : {}) };
}

/**
 * Returns `resources` with each var of `vars` bound to the one object it names (recorded in
 * `varNames`); a var that names no object stays unbound and fails at the end.
 * @throws {KasaneError} `overlay/var-ambiguous` when a var names several objects,
 * `overlay/var-duplicate` when a var name is declared twice.
 */
export function bindVars(resources: readonly Resource[], vars: readonly Var[], declared: readonly Var[], options: StepOptions): Resource[] {
  let current = [...resources];
  for (const v of vars) {
    if (declared.some((d) => d.name === v.name)) {
      throw new KasaneError(errorFinding('overlay/var-duplicate', `expected each var name once, found '${v.name}' twice`, { hint: 'rename one of the vars', env: options.env }));
    }
    const selector = objrefSelector(v);
    const hits = current.filter((r) => idsOf(r).some((id) => idSelected(id, selector)));
    if (hits.length > 1) {
      throw new KasaneError(
        errorFinding('overlay/var-ambiguous', `expected var '${v.name}' to name one object, found ${hits.length}: ${hits.map((h) => `${h.object.kind}/${h.object.metadata.name}`).join(', ')}`, {
          hint: 'give the var objref a namespace or apiVersion that tells the objects apart',
          env: options.env,
        }),
      );
    }
    if (hits.length === 1) current = current.map((r) => (r === hits[0] ? { ...r, varNames: [...(r.varNames ?? []), v.name] } : r));
  }
  return current;
}

/** Reads `metadata.name`, `spec.ports[0].port` or `spec.containers.[name=x].image` into segments. */
function fieldrefSegments(path: string): PathSegment[] {
  return parseFieldPath(path.replace(/\[([0-9]+)\]/g, '.$1'));
}

/** Each var's value, read from the object it is bound to. */
function varValues(resources: readonly Resource[], vars: readonly Var[], options: StepOptions): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const v of vars) {
    const bound = resources.find((r) => r.varNames?.includes(v.name));
    const fieldpath = v.fieldref?.fieldpath || 'metadata.name';
    const value = bound ? lookup(bound.object, fieldrefSegments(fieldpath)) : undefined;
    if (!bound || value === undefined) {
      const { kind, name } = v.objref;
      throw new KasaneError(
        errorFinding('overlay/var-unresolved', `expected var '${v.name}' to read '${fieldpath}' of ${kind}/${name}, found ${bound ? 'no such field' : 'no such object'}`, {
          hint: bound ? 'fix fieldref.fieldpath' : 'fix the objref (kind, name, apiVersion as written in the resource) or remove the var',
          env: options.env,
        }),
      );
    }
    values.set(v.name, value);
  }
  return values;
}

/** `text` with every `$(NAME)` of `values` replaced (`$$` is a literal `$`); the value itself when the text is exactly one var. */
export function expandVars(text: string, values: ReadonlyMap<string, unknown>): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '$' || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[i + 1]!;
    const close = next === '(' ? text.indexOf(')', i + 2) : -1;
    if (next === '$') {
      out += '$';
      i++;
    } else if (close >= 0) {
      const name = text.slice(i + 2, close);
      const value = values.get(name);
      const primitive = value !== undefined && value !== null && typeof value !== 'object';
      if (primitive && text === `$(${name})`) return value;
      out += primitive ? String(value) : `$(${name})`;
      i = close;
    } else out += ch;
  }
  return out;
}

/** A field value with its strings expanded: a string, the strings of a list, or the string values of a map. */
function expandValue(value: unknown, values: ReadonlyMap<string, unknown>): unknown {
  if (typeof value === 'string') return expandVars(value, values);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? expandVars(v, values) : v));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? expandVars(v, values) : v]));
  return value;
}

/**
 * Returns `resources` with every var resolved in Kustomize's var reference fields and those of
 * `options.fields`.
 * @throws {KasaneError} `overlay/var-unresolved` when a var is bound to no object or its field is missing.
 */
export function resolveVars(resources: readonly Resource[], vars: readonly Var[], options: ResolveVarsOptions): Resource[] {
  const values = varValues(resources, vars, options);
  const fields = [...VAR_REFERENCE_FIELDS, ...(options.fields ?? [])];
  return resources.map((resource) => {
    let object: Record<string, unknown> = resource.object;
    for (const fs of fields) {
      if (!fieldSpecApplies(fs, resource.object)) continue;
      object = updatedField(object, fs.path, false, (value) => expandValue(value, values)) ?? object;
    }
    return object === resource.object ? resource : withObject(resource, object as Resource['object'], 'vars', options);
  });
}
