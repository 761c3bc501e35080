#!/usr/bin/env node
/**
 * Regenerates src/k8s/schema/k8s-<version>.ts, the one type graph of the built-in Kubernetes
 * kinds. Two consumers read it:
 *
 * - src/k8s/schema/load.ts compiles it for strict schema validation (src/validate/schema*.ts):
 *   property types, required fields, scalar formats (quantity, time, int-or-string), enum
 *   values and integer sizes (int32, int64);
 * - src/k8s/merge-keys.ts derives the field graph of strategic merge patches from it (kind
 *   roots, list and map shapes) and adds its hand-written patch strategies and merge keys.
 *
 * Source: the `kubernetes-types` package in node_modules (the same package kasane's object
 * types come from; it is generated from the Kubernetes OpenAPI document of its version; no
 * network). This script reads its `.d.ts` files with the TypeScript compiler API and keeps, for
 * every kind (an interface with literal `apiVersion` and `kind`, list kinds left out) and every
 * interface reachable from a kind, the property names, their types and which are required.
 * Descriptions are dropped. The encoding is described in src/k8s/schema/types.ts.
 *
 * Second source: the `kubernetes-models` package (a dev dependency), whose JSON schema
 * validators give the enum values and integer sizes that kubernetes-types lacks
 * (./gen-schema-facts.mjs probes them). It describes a newer Kubernetes version than the graph:
 * enums of the newer version are applied to the older graph (values are added over versions
 * and, in practice, not removed), and properties only the newer version has are never looked at.
 *
 * Run after upgrading kubernetes-types or kubernetes-models:
 *
 *   node scripts/gen-schema.mjs
 *
 * then review the diff of src/k8s/schema/ and commit it with the upgrade.
 *
 *   node scripts/gen-schema.mjs --check
 *
 * writes nothing and exits 1 when the committed file differs from what the installed
 * kubernetes-types and kubernetes-models give (test/k8s/schema/k8s-1.30.test.ts runs it).
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { byCodeUnit, probeFacts } from './gen-schema-facts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const pkgDir = dirname(require.resolve('kubernetes-types/package.json'));
const pkgVersion = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
const k8sVersion = pkgVersion.split('.').slice(0, 2).join('.');
const modelsVersion = JSON.parse(readFileSync(require.resolve('kubernetes-models/package.json'), 'utf8')).version;
const source = `kubernetes-types@${pkgVersion}`;
const valueSource = `kubernetes-models@${modelsVersion}`;
/**
 * The Kubernetes version each known kubernetes-models release describes. Its README does not
 * say; the newest fields of 4.5.1 (PodStatus.observedGeneration, Lifecycle.stopSignal) are
 * those of 1.33. Add a line after checking a new release the same way.
 */
const MODELS_K8S = { '4.5.1': '1.33' };
const modelsK8s = MODELS_K8S[modelsVersion];
if (!modelsK8s) throw new Error(`unknown ${valueSource}: add the Kubernetes version it describes to MODELS_K8S`);
const outFile = join(root, 'src', 'k8s', 'schema', `k8s-${k8sVersion}.ts`);


/** Aliases whose meaning the validator knows by name, keyed `module.Name`. */
const SPECIAL = {
  'api/resource.Quantity': 'quantity',
  'meta/v1.Time': 'time',
  'meta/v1.MicroTime': 'time',
};

/**
 * Properties the Kubernetes OpenAPI document has but kubernetes-types leaves out (it drops
 * property names starting with `x-`), added back so CRDs using them are neither reported by
 * validation nor rejected by patches. The names and types are those of JSONSchemaProps in
 * apiextensions.k8s.io/v1.
 */
const SUPPLEMENT = {
  'apiextensions/v1.JSONSchemaProps': {
    'x-kubernetes-embedded-resource': 'boolean',
    'x-kubernetes-int-or-string': 'boolean',
    'x-kubernetes-list-map-keys': '[]string',
    'x-kubernetes-list-type': 'string',
    'x-kubernetes-map-type': 'string',
    'x-kubernetes-preserve-unknown-fields': 'boolean',
    'x-kubernetes-validations': '[]apiextensions/v1.ValidationRule',
  },
};

function listDts(dir) {
  const out = [];
  for (const entry of readdirSync(dir).sort(byCodeUnit)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listDts(full));
    else if (entry.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** `core/v1.d.ts` → `core/v1`. */
function moduleOf(file) {
  return relative(pkgDir, file).replace(/\\/g, '/').replace(/\.d\.ts$/, '');
}

const interfaces = new Map(); // 'core/v1.Container' → { mod, node }
const aliases = new Map(); // 'api/resource.Quantity' → { mod, node: ts.TypeNode }
const imports = new Map(); // module → Map(localName → 'module.Name')

for (const file of listDts(pkgDir)) {
  const mod = moduleOf(file);
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const local = new Map();
  imports.set(mod, local);
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && stmt.importClause?.namedBindings && ts.isNamedImports(stmt.importClause.namedBindings)) {
      const from = posix.normalize(posix.join(posix.dirname(mod), stmt.moduleSpecifier.text));
      for (const el of stmt.importClause.namedBindings.elements) local.set(el.name.text, `${from}.${el.name.text}`);
    } else if (ts.isInterfaceDeclaration(stmt)) {
      interfaces.set(`${mod}.${stmt.name.text}`, { mod, node: stmt });
    } else if (ts.isTypeAliasDeclaration(stmt)) {
      aliases.set(`${mod}.${stmt.name.text}`, { mod, node: stmt.type });
    }
  }
}

const resolveName = (mod, name) => imports.get(mod)?.get(name) ?? `${mod}.${name}`;

const reachable = new Set();
const queue = [];

function reach(full) {
  if (reachable.has(full)) return;
  reachable.add(full);
  queue.push(full);
}

/** Encodes a type node as a type string with fully qualified references (`#core/v1.Container`). */
function encode(mod, node) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.LiteralType:
      return 'string';
    case ts.SyntaxKind.NumberKeyword:
      return 'number';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return 'any';
    case ts.SyntaxKind.ArrayType:
      return `[]${encode(mod, node.elementType)}`;
    case ts.SyntaxKind.ParenthesizedType:
      return encode(mod, node.type);
    case ts.SyntaxKind.UnionType: {
      const parts = node.types.map((t) => encode(mod, t));
      if (parts.length === 2 && parts.includes('number') && parts.includes('string')) return 'int-or-string';
      return parts.join('|');
    }
    case ts.SyntaxKind.TypeLiteral: {
      const index = node.members.find((m) => ts.isIndexSignatureDeclaration(m));
      if (index && node.members.length === 1) return `{}${encode(mod, index.type)}`;
      throw new Error(`unsupported type literal in ${mod}`);
    }
    case ts.SyntaxKind.TypeReference: {
      const name = node.typeName.getText();
      if (name === 'Array') return `[]${encode(mod, node.typeArguments[0])}`;
      const full = resolveName(mod, name);
      if (SPECIAL[full]) return SPECIAL[full];
      const alias = aliases.get(full);
      if (alias) return encode(alias.mod, alias.node);
      const iface = interfaces.get(full);
      if (!iface) throw new Error(`unknown type ${full}`);
      // An interface without members (RawExtension, JSON, FieldsV1) holds any JSON value.
      if (iface.node.members.length === 0) return 'any';
      reach(full);
      return `#${full}`;
    }
    default:
      throw new Error(`unsupported type node ${ts.SyntaxKind[node.kind]} in ${mod}`);
  }
}

/** Encodes a SUPPLEMENT type: scalars as they are, `[]` prefixes, or a `module.Name` reference. */
function supplementType(type) {
  if (type.startsWith('[]')) return `[]${supplementType(type.slice(2))}`;
  if (!type.includes('.')) return type;
  if (!interfaces.has(type)) throw new Error(`unknown supplement type ${type}`);
  reach(type);
  return `#${type}`;
}

function literalOf(iface, prop) {
  const member = iface.node.members.find((m) => ts.isPropertySignature(m) && m.name.getText() === prop);
  const t = member?.type;
  return t && ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : undefined;
}

const kinds = {};
for (const [full, iface] of interfaces) {
  const apiVersion = literalOf(iface, 'apiVersion');
  const kind = literalOf(iface, 'kind');
  if (!apiVersion || !kind || kind.endsWith('List')) continue;
  kinds[`${apiVersion} ${kind}`] = full;
  reach(full);
}

/** Shortens `#mod.Name` to `#Name` when `mod` is the module of the type being written. */
function shorten(type, mod) {
  return type.replace(/#([^|]+)/g, (ref, full) => (full.slice(0, full.lastIndexOf('.')) === mod ? `#${full.slice(mod.length + 1)}` : ref));
}

/** One property as the data file stores it: `name`, `!` when required, `:type` unless string. */
function propSpec(name, type, required, mod) {
  if (/[\s:!]/.test(name)) throw new Error(`property name ${JSON.stringify(name)} cannot be encoded`);
  const t = shorten(type, mod);
  return `${name}${required ? '!' : ''}${t === 'string' ? '' : `:${t}`}`;
}

const props = {}; // type id → [{ name, type, required }], types fully qualified
while (queue.length > 0) {
  const full = queue.shift();
  const { mod, node } = interfaces.get(full);
  const list = [];
  for (const member of node.members) {
    if (!ts.isPropertySignature(member)) continue;
    const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
    list.push({ name, type: encode(mod, member.type), required: !member.questionToken });
  }
  for (const [name, type] of Object.entries(SUPPLEMENT[full] ?? {})) list.push({ name, type: supplementType(type), required: false });
  props[full] = list;
}

const facts = probeFacts(root, props, new Set(Object.values(kinds)));
const types = {};
for (const [full, list] of Object.entries(props)) {
  const mod = full.slice(0, full.lastIndexOf('.'));
  types[full] = list.map((p) => propSpec(p.name, facts.types.get(`${full}.${p.name}`) ?? p.type, p.required, mod)).join(' ');
}

const entries = (obj) => Object.keys(obj).sort(byCodeUnit).map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(obj[k])},`);
const text = `/**
 * The type graph of the built-in kinds of Kubernetes ${k8sVersion}: every kind's root type and every
 * type reachable from it, with property types, required properties, enum values and integer
 * formats (encoding: ./types.ts). Read by ./load.ts (schema validation) and ../merge-keys.ts
 * (strategic merge patches).
 * GENERATED by scripts/gen-schema.mjs. DO NOT EDIT: rerun the script. Sources:
 * - types and required properties: ${source};
 * - enum values and integer sizes: ${valueSource}, which describes Kubernetes ${modelsK8s}.
 *   An enum may list a value added after ${k8sVersion} (an API server of ${k8sVersion} rejects it);
 *   properties added after ${k8sVersion} are not in this graph, so their facts are not used.
 */
import type { TypeGraphData } from './types.ts';

/** Kinds and types of Kubernetes ${k8sVersion}, in the compact form of {@link TypeGraphData}. */
export const graph: TypeGraphData = {
  kubernetesVersion: ${JSON.stringify(k8sVersion)},
  source: ${JSON.stringify(source)},
  valueSource: ${JSON.stringify(valueSource)},
  kinds: {
${entries(kinds).join('\n')}
  },
  types: {
${entries(types).join('\n')}
  },
};
`;

const shown = relative(root, outFile);
if (process.argv.includes('--check')) {
  const same = existsSync(outFile) && readFileSync(outFile, 'utf8') === text;
  const both = `${source} and ${valueSource}`;
  process.stdout.write(same ? `${shown} is up to date with ${both}\n` : `${shown} differs from what ${both} give: run node scripts/gen-schema.mjs\n`);
  process.exit(same ? 0 : 1);
}
writeFileSync(outFile, text);
process.stdout.write(`wrote ${shown}: ${Object.keys(kinds).length} kinds, ${Object.keys(types).length} types, ${facts.enums} enum and ${facts.integers} integer properties\n`);
if (facts.missing.length) process.stdout.write(`no validator in ${valueSource} (no enums, integers as number): ${facts.missing.join(', ')}\n`);
for (const note of facts.notes) process.stdout.write(`left as it is: ${note}\n`);
