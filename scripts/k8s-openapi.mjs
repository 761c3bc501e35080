/**
 * Reads the Kubernetes OpenAPI v2 document (`api/openapi-spec/swagger.json` of a release) into
 * the type graph that src/k8s/schema/types.ts describes, for scripts/gen-k8s-versions.mjs.
 *
 * - Kinds: definitions with exactly one `x-kubernetes-group-version-kind`, list kinds left out.
 * - Types: every definition reachable from a kind, named by module as kasane's type ids are
 *   (`io.k8s.api.core.v1.Container` → `core/v1.Container`), with property types, required
 *   properties, enum values (where the document has them) and integer formats.
 * - Patch facts: `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key` and
 *   `x-kubernetes-list-type` / `x-kubernetes-list-map-keys` per `typeId.property`.
 *
 * Descriptions are dropped. Anything of a shape this reader does not know stops it with an
 * error naming the definition, so a new construct in a new release is never read wrongly.
 */

/** Sorts strings by code unit (never by locale), for generated files that are the same everywhere. */
export const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Definition name prefixes of modules that are not under `io.k8s.api.`. Quantity and
 * RawExtension are scalars of the graph (see SPECIAL); their modules name them in the
 * TypeScript types (./k8s-typescript.mjs), as the `kubernetes-types` package does.
 */
const MODULE_PREFIXES = [
  ['io.k8s.apimachinery.pkg.apis.meta.v1.', 'meta/v1'],
  ['io.k8s.apimachinery.pkg.api.resource.', 'api/resource'],
  ['io.k8s.apimachinery.pkg.runtime.', 'runtime'],
  ['io.k8s.apimachinery.pkg.version.', 'version'],
  ['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.', 'apiextensions/v1'],
  ['io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.', 'apiregistration/v1'],
];

const JSP = 'apiextensions/v1.JSONSchemaProps';

/**
 * Definitions that stand for a scalar or a JSON value of several shapes, written as the type
 * they hold (names as in kasane's type ids).
 */
const SPECIAL = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': 'quantity',
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'int-or-string',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': 'time',
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': 'time',
  // Opaque JSON: an embedded object, managed-fields sets, a patch, any JSON value of a CRD schema.
  'io.k8s.apimachinery.pkg.runtime.RawExtension': 'any',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1': 'any',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Patch': 'any',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON': 'any',
  // JSON Schema's "schema or boolean", "schema or list of schemas", "schema or list of names".
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool': `#${JSP}|boolean`,
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray': `#${JSP}|[]#${JSP}`,
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray': `#${JSP}|[]string`,
};

/** `io.k8s.api.core.v1.Container` → `core/v1.Container`. */
export function typeIdOf(definition) {
  for (const [prefix, mod] of MODULE_PREFIXES) {
    if (definition.startsWith(prefix)) return `${mod}.${definition.slice(prefix.length)}`;
  }
  const m = /^io\.k8s\.api\.([a-z0-9]+)\.(v[a-z0-9]+)\.([A-Za-z0-9]+)$/.exec(definition);
  if (!m) throw new Error(`definition ${definition} has no known module`);
  return `${m[1]}/${m[2]}.${m[3]}`;
}

/**
 * An enum value as the encoding writes it: `%`, whitespace, `,`, `|` and `#` percent-encoded
 * (`cert sign` → `cert%20sign`), so that values never hold a separator of the encoding.
 */
export function encodeEnumValue(value) {
  if (typeof value !== 'string') throw new Error(`enum value ${JSON.stringify(value)} is not a string`);
  return value.replace(/[%\s,|#]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `=A,B` from a list of enum values, sorted by code unit. */
export function encodeEnum(values) {
  return `=${[...new Set(values)].sort(byCodeUnit).map(encodeEnumValue).join(',')}`;
}

/** `group/version` as an object's apiVersion writes it (`v1` for the core group). */
function apiVersionOf({ group, version }) {
  return group === '' ? version : `${group}/${version}`;
}

const REF = '#/definitions/';

function scalarOf(where, schema) {
  if (schema.enum) {
    if (schema.type !== 'string') throw new Error(`${where}: enum of type ${schema.type}`);
    return encodeEnum(schema.enum);
  }
  switch (schema.type) {
    case 'string':
      return schema.format === 'date-time' ? 'time' : 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'integer':
      if (schema.format === 'int32' || schema.format === 'int64') return schema.format;
      throw new Error(`${where}: integer of format ${JSON.stringify(schema.format)}`);
    default:
      throw new Error(`${where}: unknown schema ${JSON.stringify(schema)}`);
  }
}

/**
 * The encoded type of a property schema; `reach` is called with every definition it names.
 */
function typeOf(where, schema, reach) {
  if (schema.$ref) {
    if (!schema.$ref.startsWith(REF)) throw new Error(`${where}: reference ${schema.$ref}`);
    const definition = schema.$ref.slice(REF.length);
    const special = SPECIAL[definition];
    if (special) {
      if (special.includes(JSP)) reach(`io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps`);
      return special;
    }
    reach(definition);
    return `#${typeIdOf(definition)}`;
  }
  if (schema.type === 'array') return `[]${typeOf(`${where}[]`, schema.items, reach)}`;
  if (schema.type === 'object') {
    if (schema.additionalProperties) return `{}${typeOf(`${where}{}`, schema.additionalProperties, reach)}`;
    throw new Error(`${where}: object without properties or additionalProperties`);
  }
  return scalarOf(where, schema);
}

/** `strategy` or `strategy:mergeKey`, the form of merge-keys.ts, or undefined. */
function patchOf(schema) {
  const strategy = schema['x-kubernetes-patch-strategy'];
  const key = schema['x-kubernetes-patch-merge-key'];
  if (!strategy && !key) return undefined;
  return key ? `${strategy ?? ''}:${key}` : strategy;
}

/** `atomic`, `set`, `map:key1,key2` (list types of server-side apply), or undefined. */
function listOf(schema) {
  const type = schema['x-kubernetes-list-type'];
  if (!type) return undefined;
  const keys = schema['x-kubernetes-list-map-keys'];
  return keys ? `${type}:${keys.join(',')}` : type;
}

/** The built-in kinds of a document: `apiVersion Kind` → definition name. */
function kindsOf(definitions) {
  const kinds = {};
  for (const [name, def] of Object.entries(definitions)) {
    const gvks = def['x-kubernetes-group-version-kind'];
    if (!gvks || gvks.length !== 1 || gvks[0].kind.endsWith('List') || !def.properties?.kind) continue;
    kinds[`${apiVersionOf(gvks[0])} ${gvks[0].kind}`] = name;
  }
  return kinds;
}

/**
 * Reads an OpenAPI v2 document into a type graph.
 * @returns `kinds` (`apiVersion Kind` → type id), `props` (type id → `[{ name, type, required }]`
 *   with fully qualified references), `patch` and `lists` (`typeId.prop` → fact).
 */
export function readOpenApi(doc) {
  const definitions = doc.definitions;
  const kindDefs = kindsOf(definitions);
  const queue = [];
  const seen = new Set();
  const reach = (definition) => {
    if (seen.has(definition)) return;
    if (!Object.hasOwn(definitions, definition)) throw new Error(`unknown definition ${definition}`);
    seen.add(definition);
    queue.push(definition);
  };
  const kinds = {};
  for (const [key, definition] of Object.entries(kindDefs)) {
    kinds[key] = typeIdOf(definition);
    reach(definition);
  }
  const props = {};
  const patch = {};
  const lists = {};
  while (queue.length > 0) {
    const definition = queue.shift();
    const def = definitions[definition];
    const id = typeIdOf(definition);
    const required = new Set(def.required ?? []);
    const list = [];
    for (const [name, schema] of Object.entries(def.properties ?? {})) {
      list.push({ name, type: typeOf(`${definition}.${name}`, schema, reach), required: required.has(name) });
      const p = patchOf(schema);
      if (p) patch[`${id}.${name}`] = p;
      const l = listOf(schema);
      if (l) lists[`${id}.${name}`] = l;
    }
    props[id] = list;
  }
  return { kinds, props, patch, lists };
}
