/**
 * Enum values of Kubernetes releases whose OpenAPI document has none, for
 * scripts/gen-k8s-versions.mjs.
 *
 * The published `swagger.json` of a release lists enum values only when it was generated with
 * the `OpenAPIEnums` feature on; the OpenAPI generator takes them from the Go source of
 * k8s.io/api: a string type marked `// +enum` has the values of the constants of that type in
 * its package. This module reads those markers and constants at a release tag and carries the
 * enums of a newer document (which has them) back to an older release:
 *
 * 1. in the newer release, each enum property is matched to the `+enum` type of its package
 *    (or, failing that, of any package) whose constants are exactly the property's values;
 * 2. in the older release, the property gets the constants that type had then, if the type was
 *    already marked `+enum` (otherwise the older document had no enum for it either).
 *
 * Properties added after the newer release's oldest enum-bearing document, and enum types of
 * packages outside k8s.io/api, keep plain strings.
 */
import { byCodeUnit } from './k8s-openapi.mjs';

const STRING = '"((?:[^"\\\\]|\\\\.)*)"';
/** `Name Type = "v"`, `Name = Type("v")` and `Name = Type(pkg.Other)` constant declarations. */
const TYPED = new RegExp(`^\\s*(?:const\\s+)?(\\w+)\\s+([A-Za-z]\\w*)\\s*=\\s*${STRING}`, 'gm');
const CONVERTED = new RegExp(`^\\s*(?:const\\s+)?(\\w+)\\s*=\\s*([A-Za-z]\\w*)\\((?:${STRING}|(?:\\w+\\.)?(\\w+))\\)`, 'gm');

/**
 * The string constants of one package source: `byType` (type name → values, or `{ ref }` for
 * a constant converted from another constant) and `byName` (constant name → value).
 */
function constantsOf(source) {
  const byType = new Map();
  const byName = new Map();
  const add = (type, value) => {
    if (!byType.has(type)) byType.set(type, []);
    byType.get(type).push(value);
  };
  for (const m of source.matchAll(TYPED)) {
    const value = JSON.parse(`"${m[3]}"`);
    byName.set(m[1], value);
    add(m[2], value);
  }
  for (const m of source.matchAll(CONVERTED)) {
    if (m[3] !== undefined) {
      const value = JSON.parse(`"${m[3]}"`);
      byName.set(m[1], value);
      add(m[2], value);
    } else add(m[2], { ref: m[4] });
  }
  return { byType, byName };
}

/** Names of the string types marked `// +enum` in the comment block right above them. */
function markedTypesOf(source) {
  const names = new Set();
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^type\s+(\w+)\s+string\b/.exec(lines[i]);
    if (!m) continue;
    for (let j = i - 1; j >= 0 && lines[j].startsWith('//'); j--) {
      if (/^\/\/\s*\+enum\s*$/.test(lines[j])) names.add(m[1]);
    }
  }
  return names;
}

/**
 * The `+enum` types of every package of a k8s.io/api tree at `rev`.
 * @returns Map of module (`core/v1`) → Map of type name → sorted values.
 */
export function goEnumsAt(repo, rev, { prefix = '.', moduleOf = (dir) => dir } = {}) {
  const byDir = new Map();
  for (const path of repo.list(rev, prefix)) {
    if (!path.endsWith('.go') || /(_test\.go|\.pb\.go|\/zz_generated[^/]*)$/.test(path)) continue;
    const mod = moduleOf(path.slice(0, path.lastIndexOf('/')));
    if (!mod || !/^[a-z0-9]+\/v[a-z0-9]+$/.test(mod)) continue;
    if (!byDir.has(mod)) byDir.set(mod, []);
    byDir.get(mod).push(repo.read(rev, path));
  }
  const packages = [...byDir].map(([mod, sources]) => {
    const text = sources.join('\n');
    return { mod, names: markedTypesOf(text), ...constantsOf(text) };
  });
  // A constant converted from another (`AddressType(v1.IPv4Protocol)`) takes that constant's
  // value: from its own package, else from the one package that defines the name.
  const resolve = (own, name) => {
    if (own.byName.has(name)) return own.byName.get(name);
    const values = new Set(packages.filter((p) => p.byName.has(name)).map((p) => p.byName.get(name)));
    if (values.size !== 1) throw new Error(`${own.mod}: constant ${name} has ${values.size} values`);
    return [...values][0];
  };
  const result = new Map();
  for (const pkg of packages) {
    const enums = new Map();
    for (const name of pkg.names) {
      const values = (pkg.byType.get(name) ?? []).map((v) => (typeof v === 'string' ? v : resolve(pkg, v.ref)));
      enums.set(name, [...new Set(values)].sort(byCodeUnit));
    }
    if (enums.size) result.set(pkg.mod, enums);
  }
  return result;
}

const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The Go types (`module.Type`) whose `+enum` values equal `values`: those of `mod` if any,
 * else those of every package. Several types of one package may share their values
 * (`ServiceExternalTrafficPolicy` and `ServiceInternalTrafficPolicy`); {@link enumValuesAt}
 * then needs them to agree.
 */
export function enumTypesOf(goEnums, mod, values) {
  const sorted = [...values].sort(byCodeUnit);
  const own = [...(goEnums.get(mod) ?? new Map())].filter(([, v]) => same(v, sorted)).map(([n]) => `${mod}.${n}`);
  if (own.length > 0) return own;
  const all = [];
  for (const [m, enums] of goEnums) for (const [n, v] of enums) if (same(v, sorted)) all.push(`${m}.${n}`);
  return all;
}

/**
 * The values that the Go enum types `goTypes` have in `goEnums` (another release): those of the
 * types that are enums there, when they agree; otherwise undefined. A property has one of the
 * types, and a type it cannot have at that release is one that did not exist yet
 * (`AppArmorProfileType`, added in 1.30, shares its values with `SeccompProfileType`).
 */
export function enumValuesAt(goEnums, goTypes) {
  let values;
  for (const goType of goTypes) {
    const dot = goType.lastIndexOf('.');
    const v = goEnums.get(goType.slice(0, dot))?.get(goType.slice(dot + 1));
    if (!v) continue;
    if (values && !same(v, values)) return undefined;
    values = v;
  }
  return values;
}
