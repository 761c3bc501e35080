/**
 * Custom resources: CustomResourceDefinitions found among the objects (or registered from
 * files) validate their custom resources against the served version's `openAPIV3Schema`,
 * as the API server's structural schema does with strict field validation.
 *
 * Supported schema keywords: `type` (object, array, string, integer, number, boolean),
 * `properties`, `required`, `additionalProperties` (schema or boolean), `items`, `enum`,
 * `nullable`, `x-kubernetes-preserve-unknown-fields` (at any depth),
 * `x-kubernetes-int-or-string` and `x-kubernetes-embedded-resource`. Value validations
 * (`pattern`, `minimum`, CEL rules, ...) are not checked.
 */
import type { KObject } from '../k8s/object.ts';
import { isInteger, parseApiVersion } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { SchemaNode } from '../k8s/schema/load.ts';
import type { WalkContext } from './schema-walk.ts';
import { describeValue, report, reportMissing, reportUnknownField, walkValue } from './schema-walk.ts';
import { sameJson } from '../util/same-json.ts';

type JsonSchema = Record<string, unknown>;

/** One served or unserved version of a registered custom kind. */
export interface CrdVersion {
  served: boolean;
  schema?: JsonSchema;
}

/** A custom kind registered by a CustomResourceDefinition. */
export interface CrdKind {
  group: string;
  kind: string;
  /** The CRD's name, e.g. `widgets.example.com`. */
  crdName: string;
  versions: Map<string, CrdVersion>;
}

/** Registered custom kinds by `group/Kind`. */
export type CrdRegistry = Map<string, CrdKind>;

/** True for an `apiextensions.k8s.io` CustomResourceDefinition. */
export function isCrd(obj: { apiVersion?: unknown; kind?: unknown }): boolean {
  return typeof obj.apiVersion === 'string' && obj.apiVersion.startsWith('apiextensions.k8s.io/') && obj.kind === 'CustomResourceDefinition';
}

/** Collects the custom kinds that the CRDs among `objects` register; other objects are ignored. */
export function collectCrds(objects: readonly KObject[]): CrdRegistry {
  const registry: CrdRegistry = new Map();
  for (const obj of objects) {
    if (!isCrd(obj) || !isPlainObject(obj.spec)) continue;
    const { group, names, versions } = obj.spec;
    const kind = isPlainObject(names) ? names.kind : undefined;
    if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(versions)) continue;
    const entry: CrdKind = { group, kind, crdName: obj.metadata.name, versions: new Map() };
    for (const v of versions) {
      if (!isPlainObject(v) || typeof v.name !== 'string') continue;
      const schema = isPlainObject(v.schema) && isPlainObject(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : undefined;
      entry.versions.set(v.name, schema ? { served: v.served === true, schema } : { served: v.served === true });
    }
    registry.set(`${group}/${kind}`, entry);
  }
  return registry;
}

const TYPE_NAMES: Record<string, string> = { object: 'object', array: 'array', string: 'string', integer: 'integer', number: 'number', boolean: 'boolean' };

function fitsType(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isPlainObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return isInteger(value);
    case 'number':
      return typeof value === 'number' || typeof value === 'bigint';
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

function checkScalar(value: unknown, schema: JsonSchema, ctx: WalkContext): boolean {
  if (schema['x-kubernetes-int-or-string'] === true) {
    if (typeof value === 'string' || isInteger(value)) return true;
    report(ctx, 'schema/invalid-type', `expected integer or string, found ${describeValue(value)}`, 'set an integer or a string');
    return false;
  }
  const type = typeof schema.type === 'string' ? schema.type : undefined;
  if (type && !fitsType(type, value)) {
    report(ctx, 'schema/invalid-type', `expected ${TYPE_NAMES[type] ?? type}, found ${describeValue(value)}`, `set a value of type ${TYPE_NAMES[type] ?? type}`);
    return false;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => sameJson(e, value))) {
    const allowed = schema.enum.map((e) => JSON.stringify(e)).join(', ');
    report(ctx, 'schema/invalid-enum', `expected one of ${allowed}, found ${JSON.stringify(value)}`, `use one of ${allowed}`);
    return false;
  }
  return true;
}

function walkProperties(value: Record<string, unknown>, schema: JsonSchema, ctx: WalkContext): void {
  const props = isPlainObject(schema.properties) ? schema.properties : undefined;
  const additional = schema.additionalProperties;
  // x-kubernetes-preserve-unknown-fields keeps fields the schema does not name at this level;
  // named properties are still checked against their own schemas (the flag is not inherited).
  const keepUnknown = schema['x-kubernetes-preserve-unknown-fields'] === true || additional === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  const known = props ? Object.keys(props) : [];
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (child === undefined) continue;
    const sub = props?.[key] ?? (isPlainObject(additional) ? additional : undefined);
    if (isPlainObject(sub)) {
      ctx.path.push(key);
      walkCustom(child, sub, ctx);
      ctx.path.pop();
    } else if (!keepUnknown && !(embedded && (key === 'apiVersion' || key === 'kind' || key === 'metadata'))) {
      reportUnknownField(ctx, key, known, 'the schema');
    }
  }
}

/** Walks `value` against a CRD `openAPIV3Schema` node, reporting into `ctx`. */
export function walkCustom(value: unknown, schema: JsonSchema, ctx: WalkContext): void {
  if (value === null || value === undefined) return;
  if (!checkScalar(value, schema, ctx)) return;
  if (isPlainObject(value)) {
    if (Array.isArray(schema.required)) {
      for (const key of schema.required) {
        if (typeof key === 'string' && (value[key] === undefined || value[key] === null)) reportMissing(ctx, key);
      }
    }
    walkProperties(value, schema, ctx);
  } else if (Array.isArray(value) && isPlainObject(schema.items)) {
    for (let i = 0; i < value.length; i++) {
      ctx.path.push(i);
      walkCustom(value[i], schema.items, ctx);
      ctx.path.pop();
    }
  }
}

/**
 * Validates one custom resource against its registered CRD. Returns false when the kind is
 * not registered (the caller reports `schema/unknown-kind`).
 * @param metaNode the built-in `ObjectMeta` definition, which custom resources share.
 */
export function validateCustomResource(obj: KObject, registry: CrdRegistry, metaNode: SchemaNode, ctx: WalkContext): boolean {
  const { group, version } = parseApiVersion(obj.apiVersion);
  const entry = registry.get(`${group}/${obj.kind}`);
  if (!entry) return false;
  const served = [...entry.versions].filter(([, v]) => v.served).map(([name]) => name);
  const found = entry.versions.get(version);
  if (!found || !found.served) {
    const expected = served.map((v) => `'${group}/${v}'`).join(', ');
    report(
      ctx,
      'schema/unknown-api-version',
      `expected apiVersion ${expected} for ${obj.kind} (CRD '${entry.crdName}'), found ${JSON.stringify(obj.apiVersion)}`,
      `use a version the CRD serves: ${expected}`,
      ['apiVersion'],
    );
    return true;
  }
  ctx.path.push('metadata');
  walkValue(obj.metadata, metaNode, ctx);
  ctx.path.pop();
  if (!found.schema) return true;
  const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = obj;
  walkCustom(rest, found.schema, ctx);
  return true;
}
