/**
 * Enum values and integer formats of the built-in kinds, for scripts/gen-schema.mjs.
 *
 * kubernetes-types carries neither, so they come from the validators that `kubernetes-models`
 * ships (one per OpenAPI definition, under `kubernetes-models/_schemas/` and
 * `@kubernetes-models/apimachinery/_schemas/`). The validators are used as black boxes: for
 * each string or number property of the type graph, the definition's validator is called with
 * an object holding a probe value at that property, and its errors say what the schema allows:
 *
 * - a string probe (`"\u0000kasane-probe"`) fails `enum` with the allowed values;
 * - the number 1.5 fails `type` with `integer` for integer properties, and `format` names
 *   `int32` or `int64`; the range of each format is then confirmed with in- and out-of-range
 *   probes.
 *
 * kubernetes-models may describe a newer Kubernetes than the graph (4.5.1 describes 1.33): its
 * enums may list values added since, and properties added since are absent from the graph, so
 * they are never probed.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const STRING_PROBE = '\u0000kasane-probe';
const INT32_MAX = 2147483647;

/** Sorts strings by code unit (never by locale), for generated files that are the same everywhere. */
export const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Modules whose OpenAPI definitions are not named `io.k8s.api.<module>`. */
const DEFINITION_PREFIXES = {
  'meta/v1': 'io.k8s.apimachinery.pkg.apis.meta.v1',
  runtime: 'io.k8s.apimachinery.pkg.runtime',
  'api/resource': 'io.k8s.apimachinery.pkg.api.resource',
  'util/intstr': 'io.k8s.apimachinery.pkg.util.intstr',
  version: 'io.k8s.apimachinery.pkg.version',
  'apiextensions/v1': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1',
  'apiregistration/v1': 'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1',
};

/** `core/v1.Container` → `io.k8s.api.core.v1.Container`. */
export function definitionOf(typeId) {
  const dot = typeId.lastIndexOf('.');
  const mod = typeId.slice(0, dot);
  const prefix = DEFINITION_PREFIXES[mod] ?? `io.k8s.api.${mod.replace(/\//g, '.')}`;
  return `${prefix}.${typeId.slice(dot + 1)}`;
}

/** `io.k8s.api.core.v1.Container` → `IoK8sApiCoreV1Container`, the validator's file name. */
function fileOf(definition) {
  return definition
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** The validator of each definition name, looked up in both packages, or undefined. */
function validatorFinder(root) {
  const require = createRequire(join(root, 'package.json'));
  const modelsDir = dirname(require.resolve('kubernetes-models/package.json'));
  const machineryDir = dirname(createRequire(join(modelsDir, 'package.json')).resolve('@kubernetes-models/apimachinery/package.json'));
  return (definition) => {
    for (const dir of [modelsDir, machineryDir]) {
      const file = join(dir, '_schemas', `${fileOf(definition)}.js`);
      if (existsSync(file)) return require(file).validate;
    }
    return undefined;
  };
}

/** JSON pointer escaping of one path segment. */
const pointer = (segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Wraps `probe` in the lists and maps of `prefixes` (`[]`, `{}`), giving the value and the
 * instance path suffix of the probe inside it.
 */
function wrap(prefixes, probe) {
  let value = probe;
  let path = '';
  for (let i = prefixes.length - 2; i >= 0; i -= 2) {
    if (prefixes.slice(i, i + 2) === '[]') {
      value = [value];
      path = `/0${path}`;
    } else {
      value = { k: value };
      path = `/k${path}`;
    }
  }
  return { value, path };
}

/** The errors of `validate` for `{ [name]: probe }` at the probe's own path. */
function errorsAt(validate, name, prefixes, probe) {
  const { value, path } = wrap(prefixes, probe);
  validate({ [name]: value });
  const at = `/${pointer(name)}${path}`;
  return (validate.errors ?? []).filter((e) => e.instancePath === at);
}

/**
 * An enum value as the encoding writes it: `%`, space, `,`, `|` and `#` percent-encoded
 * (`cert sign` → `cert%20sign`), so that values never hold a separator of the encoding.
 */
function encodeEnumValue(where, value) {
  if (typeof value !== 'string') throw new Error(`${where}: enum value ${JSON.stringify(value)} is not a string`);
  return value.replace(/[%\s,|#]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function stringFact(where, validate, name, prefixes) {
  const errors = errorsAt(validate, name, prefixes, STRING_PROBE);
  const wrongType = errors.find((e) => e.keyword === 'type');
  if (wrongType) return { note: `${where}: kubernetes-models expects ${wrongType.params.type}, the graph says string` };
  const enumError = errors.find((e) => e.keyword === 'enum');
  if (!enumError) return {};
  const values = [...enumError.params.allowedValues].sort(byCodeUnit);
  return { type: `=${values.map((v) => encodeEnumValue(where, v)).join(',')}` };
}

function numberFact(where, validate, name, prefixes) {
  const errors = errorsAt(validate, name, prefixes, 1.5);
  const wrongType = errors.find((e) => e.keyword === 'type');
  if (!wrongType) return {};
  if (wrongType.params.type !== 'integer') return { note: `${where}: kubernetes-models expects ${wrongType.params.type}, the graph says number` };
  const format = errors.find((e) => e.keyword === 'format')?.params.format;
  const fails = (probe) => errorsAt(validate, name, prefixes, probe).length > 0;
  if (format === 'int32' && !fails(INT32_MAX) && !fails(-INT32_MAX - 1) && fails(INT32_MAX + 1) && fails(-INT32_MAX - 2)) return { type: 'int32' };
  if (format === 'int64' && !fails(2 ** 40) && !fails(-(2 ** 40)) && !fails(INT32_MAX + 1)) return { type: 'int64' };
  throw new Error(`${where}: integer with format ${JSON.stringify(format)} does not behave as int32 or int64`);
}

/**
 * Probes every string and number property (also as list items and map values) of `props`
 * (type id → `[{ name, type }]`, types fully qualified as gen-schema.mjs encodes them). The
 * `apiVersion` and `kind` of the kind roots in `kindRoots` are left out: kubernetes-models
 * gives them a one-value enum of its own, and validation finds a kind's root by both fields.
 * @returns `types`: `typeId.prop` → the refined type (`int32`, `[]=ReadOnlyMany,...`);
 *   `missing`: type ids without a validator; `notes`: type disagreements left as they were;
 *   `enums`, `integers`: counts of refined properties.
 */
export function probeFacts(root, props, kindRoots) {
  const find = validatorFinder(root);
  const types = new Map();
  const missing = [];
  const notes = [];
  let enums = 0;
  let integers = 0;
  for (const typeId of Object.keys(props).sort(byCodeUnit)) {
    const validate = find(definitionOf(typeId));
    if (!validate) {
      missing.push(typeId);
      continue;
    }
    for (const { name, type } of props[typeId]) {
      if (kindRoots.has(typeId) && (name === 'apiVersion' || name === 'kind')) continue;
      const m = /^((?:\[\]|\{\})*)(string|number)$/.exec(type);
      if (!m) continue;
      const [, prefixes, base] = m;
      const where = `${typeId}.${name}`;
      const fact = base === 'string' ? stringFact(where, validate, name, prefixes) : numberFact(where, validate, name, prefixes);
      if (fact.note) notes.push(fact.note);
      if (!fact.type) continue;
      types.set(where, `${prefixes}${fact.type}`);
      if (base === 'string') enums++;
      else integers++;
    }
  }
  return { types, missing, notes, enums, integers };
}
