/**
 * TypeScript types of every definition of a Kubernetes OpenAPI v2 document, for
 * scripts/gen-k8s-versions.mjs: one module per group/version as the `kubernetes-types` package
 * lays them out (`core/v1`, `apps/v1`, `meta/v1`, `api/resource`, `runtime`, `version`), so an
 * import of `kubernetes-types/X` becomes one of `kasane/api/X`.
 *
 * Mapping:
 * - an object definition → an interface, its properties sorted by code unit, optional unless
 *   the definition lists them as required, each with its description as TSDoc;
 * - `apiVersion` and `kind` of a definition with exactly one group/version/kind → the literal
 *   (`'apps/v1'`, `'Deployment'`), optional as the document has them;
 * - `string`, `integer`, `number`, `boolean` → `string`, `number`, `number`, `boolean` (enum
 *   values stay `string`: which values are allowed depends on the minor, and validation checks
 *   them for the target minor); arrays → `T[]`; maps → `{ [key: string]: T }`;
 * - IntOrString → `number | string` inline; Quantity, Time and MicroTime → `string` aliases
 *   (`api/resource`, `meta/v1`); RawExtension, FieldsV1, Patch, JSON and objects that declare no
 *   properties → empty interfaces; JSONSchemaPropsOr* → the union they stand for;
 * - a description with a sentence `Deprecated: …` (or `Deprecated. …`) adds `@deprecated` with
 *   that paragraph; a kind whose API version is deprecated at this minor (the lifecycle table)
 *   adds `@deprecated` naming the minors and the replacement; a description that says
 *   `Read-only.` makes the property `readonly`.
 *
 * Anything of a shape this writer does not know stops it with an error naming the definition.
 */
import { posix } from 'node:path';
import { build } from 'esbuild';
import { byCodeUnit, typeIdOf } from './k8s-openapi.mjs';

/** Where the modules are written, relative to the repository. */
export const TYPES_DIR = 'src/k8s/api';

const REF = '#/definitions/';
const JSP = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps';

/** Definitions written as a type expression instead of a declaration of their own. */
const INLINE = { 'io.k8s.apimachinery.pkg.util.intstr.IntOrString': 'number | string' };

/** Definitions without properties that stand for a union (JSON Schema's "schema or ..."). */
const UNIONS = {
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray': [JSP, `[]${JSP}`],
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool': [JSP, 'boolean'],
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray': [JSP, '[]string'],
};

/** Definitions of any JSON value (no `type` in the document): an empty interface, as for opaque objects. */
const ANY_JSON = new Set(['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON']);

/** `io.k8s.api.core.v1.Container` → `['core/v1', 'Container']`. */
function moduleAndName(definition) {
  const id = typeIdOf(definition);
  const dot = id.lastIndexOf('.');
  return [id.slice(0, dot), id.slice(dot + 1)];
}

/**
 * `docComment` and `propertyKey` of src/codegen/, which the CRD types are written with too,
 * compiled for this script, so both generators quote keys and write TSDoc the same way.
 */
export async function loadCodegenHelpers(root) {
  const contents = `export { docComment } from './src/codegen/tsdoc.ts';\nexport { propertyKey } from './src/codegen/identifiers.ts';\n`;
  const out = await build({ stdin: { contents, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'error' });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/**
 * The paragraph of `description` from its `Deprecated:` (or `Deprecated.`) sentence on, or
 * undefined. The list of enum values the document appends is left out: a deprecated value
 * (`"Unknown"` of a pod's phase) does not make its field deprecated.
 */
export function deprecationOf(description) {
  const text = (description ?? '').split('\n\nPossible enum values:')[0];
  const m = /(?:^|[.!?]\s+|\n\s*)Deprecated[:.]\s*/.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m.index + m[0].length);
  const end = rest.indexOf('\n\n');
  return (end < 0 ? rest : rest.slice(0, end)).trim() || 'deprecated';
}

/** The `@deprecated` line of a kind whose API version the lifecycle table deprecates by `minor`. */
function kindDeprecation(facts, apiVersion, kind, minor) {
  if (!facts?.deprecated || !notAfter(facts.deprecated, minor)) return undefined;
  const removal = facts.removed ? ` and removed in ${facts.removed}` : '';
  const use = facts.replacement ? `: use ${facts.replacement}` : '';
  return `@deprecated ${apiVersion} ${kind} is deprecated since Kubernetes ${facts.deprecated}${removal}${use}`;
}

const minorNumber = (v) => Number(v.split('.')[1]);
const notAfter = (a, b) => minorNumber(a) <= minorNumber(b);

/** Writes the type expressions of one module, collecting the names it takes from other modules. */
function typeWriter(mod, definitions) {
  const imports = new Map();
  const refer = (definition) => {
    if (INLINE[definition]) return INLINE[definition];
    if (!Object.hasOwn(definitions, definition)) throw new Error(`unknown definition ${definition}`);
    const [other, name] = moduleAndName(definition);
    if (other !== mod) {
      if (!imports.has(other)) imports.set(other, new Set());
      imports.get(other).add(name);
    }
    return name;
  };
  const array = (t) => (/[| ]/.test(t) ? `(${t})[]` : `${t}[]`);
  const typeOf = (where, schema) => {
    if (schema.$ref) {
      if (!schema.$ref.startsWith(REF)) throw new Error(`${where}: reference ${schema.$ref}`);
      return refer(schema.$ref.slice(REF.length));
    }
    switch (schema.type) {
      case 'array':
        return array(typeOf(`${where}[]`, schema.items));
      case 'object':
        if (!schema.additionalProperties) throw new Error(`${where}: object without properties or additionalProperties`);
        return `{ [key: string]: ${typeOf(`${where}{}`, schema.additionalProperties)} }`;
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      default:
        throw new Error(`${where}: unknown schema ${JSON.stringify(schema)}`);
    }
  };
  /** `#`-free form of a {@link UNIONS} member: a definition, `[]definition` or a scalar. */
  const unionMember = (m) => (m.startsWith('[]') ? array(unionMember(m.slice(2))) : m.includes('.') ? refer(m) : m);
  return { imports, typeOf, unionMember };
}

/** `apiVersion` of a group/version/kind, `v1` for the core group. */
const apiVersionOf = ({ group, version }) => (group === '' ? version : `${group}/${version}`);

/** The declaration of one definition. */
function declaration(definition, def, ctx) {
  const { helpers, writer, lifecycle, minor } = ctx;
  const [, name] = moduleAndName(definition);
  const gvks = def['x-kubernetes-group-version-kind'] ?? [];
  const gvk = gvks.length === 1 ? gvks[0] : undefined;
  const ownDeprecation = deprecationOf(def.description);
  const kindDeprecated = gvk ? kindDeprecation(lifecycle.get(`${apiVersionOf(gvk)} ${gvk.kind}`), apiVersionOf(gvk), gvk.kind, minor) : undefined;
  const doc = helpers.docComment([def.description, ownDeprecation ? `@deprecated ${ownDeprecation}` : kindDeprecated]);
  if (UNIONS[definition]) return `${doc}export type ${name} = ${UNIONS[definition].map(writer.unionMember).join(' | ')};\n`;
  if (def.type === 'string') return `${doc}export type ${name} = string;\n`;
  if (!def.properties) {
    if (def.type !== 'object' && !ANY_JSON.has(definition)) throw new Error(`${definition}: a definition of type ${def.type} without properties`);
    return `${doc}export interface ${name} {}\n`;
  }
  if (def.type !== 'object') throw new Error(`${definition}: properties on a definition of type ${def.type}`);
  const required = new Set(def.required ?? []);
  const members = Object.keys(def.properties)
    .sort(byCodeUnit)
    .map((prop) => {
      const schema = def.properties[prop];
      let type = writer.typeOf(`${definition}.${prop}`, schema);
      if (gvk && prop === 'apiVersion' && type === 'string') type = `'${apiVersionOf(gvk)}'`;
      if (gvk && prop === 'kind' && type === 'string') type = `'${gvk.kind}'`;
      const deprecated = deprecationOf(schema.description);
      const readonly = /\bRead-only\./.test(schema.description ?? '') ? 'readonly ' : '';
      const optional = required.has(prop) ? '' : '?';
      return `${helpers.docComment([schema.description, deprecated && `@deprecated ${deprecated}`], '  ')}  ${readonly}${helpers.propertyKey(prop)}${optional}: ${type};\n`;
    });
  return `${doc}export interface ${name} {\n${members.join('')}}\n`;
}

/** `import type` lines of a module, relative to its file, sorted by module. */
function importLines(mod, imports, names) {
  const lines = [];
  for (const other of [...imports.keys()].sort(byCodeUnit)) {
    const taken = [...imports.get(other)].sort(byCodeUnit);
    for (const n of taken) if (names.has(n)) throw new Error(`${mod} defines ${n} and takes ${n} from ${other}: the writer has no aliases`);
    let path = posix.relative(posix.dirname(mod), other);
    if (!path.startsWith('.')) path = `./${path}`;
    lines.push(`import type { ${taken.join(', ')} } from '${path}.ts';\n`);
  }
  return lines.join('');
}

/**
 * The TypeScript modules of a document, by path under the repository.
 * @param doc the OpenAPI v2 document; `minor` and `source` name it in every file.
 * @param lifecycle `apiVersion Kind` → `{ deprecated, removed, replacement }` (./k8s-lifecycle.mjs).
 * @param helpers {@link loadCodegenHelpers}.
 * @param generated the line that says the file is generated.
 */
export function renderTypeModules({ doc, minor, source }, lifecycle, helpers, generated) {
  const byModule = new Map();
  for (const definition of Object.keys(doc.definitions).sort(byCodeUnit)) {
    if (INLINE[definition]) continue;
    const [mod] = moduleAndName(definition);
    if (!byModule.has(mod)) byModule.set(mod, []);
    byModule.get(mod).push(definition);
  }
  const files = new Map();
  for (const [mod, definitions] of byModule) {
    const writer = typeWriter(mod, doc.definitions);
    const ctx = { helpers, writer, lifecycle, minor };
    const body = definitions.map((d) => declaration(d, doc.definitions[d], ctx)).join('\n');
    const names = new Set(definitions.map((d) => moduleAndName(d)[1]));
    const header = `/**
 * The \`${mod}\` types of Kubernetes ${minor}: one declaration per OpenAPI definition, with its
 * description. Import them as \`kasane/api/${mod}\`.
 * ${generated}
 * Source: ${source}.
 * @packageDocumentation
 */
`;
    const imports = importLines(mod, writer.imports, names);
    files.set(posix.join(TYPES_DIR, `${mod}.ts`), `${header}${imports}${imports ? '\n' : ''}${body}`);
  }
  return files;
}
