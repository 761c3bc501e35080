/**
 * A chart's value shape from its values.schema.json (JSON Schema draft 4 to 2020-12), merged
 * with what its values.yaml shows. Mapping: `type` (or a list of types, `null` left out: null
 * always removes a default), `enum`, `properties`, `additionalProperties`, `items`, local
 * `$ref`s (`#/$defs/…`, `#/definitions/…`), `description` and `default`. An object with
 * `properties` is closed unless `additionalProperties` opens it: JSON Schema would let any other
 * key through, but no template reads a key the chart neither declares nor defaults, and a
 * misspelt one is far likelier (keys the values.yaml has are added). Anything else the schema
 * says (`oneOf`, `pattern`, `minimum`) is left to Helm's own validation.
 */
import { isPlainObject } from '../util/plain-object.ts';
import { commentDoc, inferValuesShape, type ValueShape } from './values-shape.ts';

type Schema = Record<string, unknown>;

const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

/** The schema a local `$ref` points to, or undefined. */
function resolveRef(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined;
  let at: unknown = root;
  for (const raw of ref
    .slice(1)
    .split('/')
    .filter((p) => p !== '')) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    at = isPlainObject(at) ? at[part] : undefined;
  }
  return isPlainObject(at) ? at : undefined;
}

function withDoc(shape: ValueShape, schema: Schema): ValueShape {
  const doc = typeof schema.description === 'string' ? commentDoc(schema.description) : undefined;
  return { ...shape, ...(doc ? { doc } : {}), ...(schema.default !== undefined ? { default: schema.default } : {}) };
}

function typeShape(type: string, schema: Schema, root: Schema, depth: number): ValueShape {
  if (SCALAR_TYPES.has(type)) {
    const values = Array.isArray(schema.enum) ? schema.enum.filter((v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v)) : [];
    return { kind: type as 'string', ...(values.length ? { enum: values } : {}) };
  }
  if (type === 'array') return { kind: 'array', items: isPlainObject(schema.items) ? schemaShape(schema.items, root, depth + 1) : { kind: 'unknown' } };
  if (type === 'object') {
    const props = isPlainObject(schema.properties) ? schema.properties : undefined;
    const extra = schema.additionalProperties;
    if (!props || Object.keys(props).length === 0) return { kind: 'record', values: isPlainObject(extra) ? schemaShape(extra, root, depth + 1) : { kind: 'unknown' } };
    const fields = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, isPlainObject(v) ? schemaShape(v, root, depth + 1) : ({ kind: 'unknown' } as ValueShape)]));
    return { kind: 'object', fields, open: extra === true || isPlainObject(extra) };
  }
  return { kind: 'unknown' };
}

/** The shape one schema node describes. */
export function schemaShape(schema: Schema, root: Schema, depth = 0): ValueShape {
  if (depth > 50) return { kind: 'unknown' };
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(root, schema.$ref);
    return target ? withDoc(schemaShape(target, root, depth + 1), schema) : { kind: 'unknown' };
  }
  const declared = Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : [];
  let types = declared.filter((t): t is string => typeof t === 'string' && t !== 'null');
  if (types.length === 0 && isPlainObject(schema.properties)) types = ['object'];
  if (types.length === 0) return withDoc({ kind: 'unknown' }, schema);
  const shapes = types.map((t) => typeShape(t, schema, root, depth));
  return withDoc(shapes.length === 1 ? shapes[0]! : { kind: 'union', of: shapes }, schema);
}

/** The schema's shape, with the keys and documentation values.yaml adds where the schema has none. */
function merge(schema: ValueShape, inferred: ValueShape): ValueShape {
  const doc = schema.doc ?? inferred.doc;
  const base = { ...schema, ...(doc ? { doc } : {}), ...(schema.default === undefined && inferred.default !== undefined ? { default: inferred.default } : {}) };
  if (base.kind === 'object' && inferred.kind === 'object') {
    const fields = { ...base.fields };
    for (const [k, v] of Object.entries(inferred.fields)) fields[k] = fields[k] ? merge(fields[k], v) : v;
    return { ...base, fields };
  }
  return base;
}

/** A chart's value shape: from values.schema.json when the chart has one, merged with values.yaml; else from values.yaml alone. */
export function chartValuesShape(valuesYaml: string, schemaJson?: string): ValueShape {
  const inferred = inferValuesShape(valuesYaml);
  if (schemaJson === undefined) return inferred;
  const root = JSON.parse(schemaJson) as unknown;
  if (!isPlainObject(root)) return inferred;
  const fromSchema = schemaShape(root, root);
  return fromSchema.kind === 'object' ? merge(fromSchema, inferred) : inferred;
}
