/**
 * TypeScript types from a CRD's structural `openAPIV3Schema`: a type expression per schema
 * node, and a named interface per object that declares properties.
 *
 * Mapping: `string` → `string`; `integer`, `number` → `number`; `boolean` → `boolean`;
 * `array` → `T[]` (`unknown[]` without `items`); `enum` → a union of literals;
 * `x-kubernetes-int-or-string` → `number | string`; an object with `properties` → an interface
 * (optional unless `required`), plus `[key: string]: unknown` when
 * `x-kubernetes-preserve-unknown-fields` keeps undeclared fields; `additionalProperties: <schema>`
 * → `Record<string, T>`; an object with no properties that keeps unknown fields →
 * `{ [key: string]: unknown }`; an object that declares nothing and keeps nothing →
 * `Record<string, never>` (the API server prunes every field); no `type` with
 * `x-kubernetes-preserve-unknown-fields` → `unknown` (any JSON value is kept);
 * `x-kubernetes-embedded-resource` adds `apiVersion`, `kind` and `metadata`; `nullable` adds
 * `| null`. `oneOf`/`anyOf` become a union when the node has no `type` and every branch has one;
 * on a typed node they only constrain values, so the node's own type stands; anything else is
 * `unknown`.
 */
import { isPlainObject } from '../util/plain-object.ts';
import type { JsonSchema } from './crd-input.ts';
import { claimName, pascalCase, propertyKey, tsString } from './identifiers.ts';
import { docComment } from './tsdoc.ts';
import { compareCodeUnits } from '../util/code-unit.ts';

/** The declarations of one generated file, filled in while types are derived. */
export interface TypeContext {
  /** Names already used in the file. */
  taken: Set<string>;
  /** Interface declarations in the order they were named (parents before children). */
  declarations: string[];
  /** The resource type the interfaces belong to, for their one-line TSDoc. */
  owner: string;
}

/** One property of an object schema, ready to print. */
export interface Member {
  key: string;
  type: string;
  optional: boolean;
  doc: readonly (string | undefined)[];
}

const SCALARS: Record<string, string> = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean' };

function literal(value: unknown): string | undefined {
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean' || value === null) return String(value);
  return undefined;
}

function enumType(values: readonly unknown[]): string | undefined {
  const literals = values.map(literal);
  if (literals.length === 0 || literals.some((l) => l === undefined)) return undefined;
  return [...new Set(literals as string[])].join(' | ');
}

function withNull(type: string, schema: JsonSchema): string {
  return schema.nullable === true && type !== 'unknown' ? `${type} | null` : type;
}

function arrayOf(type: string): string {
  return type.includes('|') ? `(${type})[]` : `${type}[]`;
}

/** The `@default` line for a schema with a `default`. */
function defaultTag(schema: JsonSchema): string | undefined {
  return schema.default === undefined ? undefined : `@default ${JSON.stringify(schema.default)}`;
}

/** The members of an object schema, sorted by key (code unit order). */
export function objectMembers(schema: JsonSchema, name: string, path: string, ctx: TypeContext, skip: readonly string[] = []): Member[] {
  const props = isPlainObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  return Object.keys(props)
    .filter((key) => !skip.includes(key))
    .sort(compareCodeUnits)
    .map((key) => {
      const sub = isPlainObject(props[key]) ? props[key] : {};
      const type = schemaType(sub, name + (pascalCase(key) || 'Field'), path ? `${path}.${key}` : key, ctx);
      const description = typeof sub.description === 'string' ? sub.description : undefined;
      return { key, type, optional: !required.includes(key), doc: [description, defaultTag(sub)] };
    });
}

/** Members as interface body lines, two-space indented, each with its TSDoc. */
export function printMembers(members: readonly Member[]): string {
  return members.map((m) => `${docComment(m.doc, '  ')}  ${propertyKey(m.key)}${m.optional ? '?' : ''}: ${m.type};\n`).join('');
}

function keepsUnknown(schema: JsonSchema): boolean {
  return schema['x-kubernetes-preserve-unknown-fields'] === true || schema.additionalProperties === true;
}

function objectType(schema: JsonSchema, name: string, path: string, ctx: TypeContext): string {
  const hasProps = isPlainObject(schema.properties) && Object.keys(schema.properties).length > 0;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  const additional = isPlainObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
  if (!hasProps && !embedded) {
    if (additional) return `Record<string, ${schemaType(additional, `${name}Value`, `${path}.*`, ctx)}>`;
    return keepsUnknown(schema) ? '{ [key: string]: unknown }' : 'Record<string, never>';
  }
  const claimed = claimName(ctx.taken, name);
  const slot = ctx.declarations.push('') - 1;
  const members = objectMembers(schema, claimed, path, ctx);
  const declared = new Set(members.map((m) => m.key));
  const resourceFields: Member[] = [
    { key: 'apiVersion', type: 'string', optional: true, doc: [] },
    { key: 'kind', type: 'string', optional: true, doc: [] },
    { key: 'metadata', type: 'ObjectMeta', optional: true, doc: [] },
  ];
  const extra = embedded ? resourceFields.filter((m) => !declared.has(m.key)) : [];
  // Declared properties and a map of further keys are mutually exclusive in structural
  // schemas; when both appear anyway, the index type must admit every declared type.
  const index = keepsUnknown(schema) || additional ? '  [key: string]: unknown;\n' : '';
  const doc = docComment([`\`${path}\` of {@link ${ctx.owner}}.`]);
  ctx.declarations[slot] = `${doc}export interface ${claimed} {\n${printMembers([...extra, ...members])}${index}}\n`;
  return claimed;
}

function unionType(branches: readonly unknown[], name: string, path: string, ctx: TypeContext): string | undefined {
  if (branches.length === 0 || !branches.every((b) => isPlainObject(b) && (typeof b.type === 'string' || Array.isArray(b.enum)))) return undefined;
  const types = branches.map((b, i) => schemaType(b as JsonSchema, `${name}Option${i + 1}`, path, ctx));
  return [...new Set(types)].join(' | ');
}

/**
 * The TypeScript type of a schema node; interfaces for nested objects are added to `ctx`
 * under names built from `name` (e.g. `CertificateSpecPrivateKey`).
 * @param path the node's field path from the resource root, for the interfaces' TSDoc.
 */
export function schemaType(schema: JsonSchema, name: string, path: string, ctx: TypeContext): string {
  if (schema['x-kubernetes-int-or-string'] === true) return withNull('number | string', schema);
  const type = typeof schema.type === 'string' ? schema.type : undefined;
  if (Array.isArray(schema.enum)) {
    const union = enumType(schema.enum);
    if (union) return withNull(union, schema);
  }
  if (type && SCALARS[type]) return withNull(SCALARS[type], schema);
  if (type === 'array') return withNull(isPlainObject(schema.items) ? arrayOf(schemaType(schema.items, name, `${path}[]`, ctx)) : 'unknown[]', schema);
  if (type === 'object' || (!type && (isPlainObject(schema.properties) || isPlainObject(schema.additionalProperties)))) return withNull(objectType(schema, name, path, ctx), schema);
  if (!type) {
    const branches = Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : [];
    const union = unionType(branches, name, path, ctx);
    if (union) return withNull(union, schema);
  }
  return 'unknown';
}
