#!/usr/bin/env node
/**
 * Regenerates src/k8s/schema/k8s-<version>.ts, the compact schema data that
 * src/validate/schema.ts walks objects against.
 *
 * Source: the `kubernetes-types` package in node_modules (the same package kasane's object
 * types come from; it is generated from the Kubernetes OpenAPI document of its version). This
 * script reads its `.d.ts` files with the TypeScript compiler API and keeps, for every kind and
 * every definition reachable from a kind, the property names, their types and which are
 * required. Descriptions are dropped.
 *
 * Run after upgrading kubernetes-types:
 *
 *   node scripts/gen-schema.mjs
 *
 * then review the diff of src/k8s/schema/ and commit it with the upgrade.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const pkgDir = dirname(require.resolve('kubernetes-types/package.json'));
const pkgVersion = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
const k8sVersion = pkgVersion.split('.').slice(0, 2).join('.');

/** Aliases whose meaning the validator knows by name, keyed `module.Name`. */
const SPECIAL = {
  'api/resource.Quantity': 'quantity',
  'meta/v1.Time': 'time',
  'meta/v1.MicroTime': 'time',
};

/**
 * Properties the Kubernetes OpenAPI document has but kubernetes-types leaves out (it drops
 * property names starting with `x-`), added back so CRDs using them are not reported. The
 * names and types are those of JSONSchemaProps in apiextensions.k8s.io/v1.
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
  for (const entry of readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
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

const interfaces = new Map(); // 'core/v1.Container' → { props: Map, required: [] , literal: {apiVersion, kind} }
const aliases = new Map(); // 'api/resource.Quantity' → ts.TypeNode + module
const imports = new Map(); // module → Map(localName → 'module.Name')

for (const file of listDts(pkgDir)) {
  const mod = moduleOf(file);
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const local = new Map();
  imports.set(mod, local);
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && stmt.importClause?.namedBindings && ts.isNamedImports(stmt.importClause.namedBindings)) {
      const from = join(dirname(mod), stmt.moduleSpecifier.text).replace(/\\/g, '/');
      for (const el of stmt.importClause.namedBindings.elements) local.set(el.name.text, `${from}.${el.name.text}`);
    } else if (ts.isInterfaceDeclaration(stmt)) {
      interfaces.set(`${mod}.${stmt.name.text}`, { mod, node: stmt });
    } else if (ts.isTypeAliasDeclaration(stmt)) {
      aliases.set(`${mod}.${stmt.name.text}`, { mod, node: stmt.type });
    }
  }
}

function resolveName(mod, name) {
  return imports.get(mod)?.get(name) ?? `${mod}.${name}`;
}

/** Definition names in the output: `core/v1.Container` → `core.v1.Container`. */
function defName(full) {
  return full.replace(/\//g, '.');
}

const reachable = new Set();
const queue = [];

/** Encodes a type node as the compact type string the validator reads. */
function encode(mod, node) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return 'string';
    case ts.SyntaxKind.NumberKeyword:
      return 'number';
    case ts.SyntaxKind.BooleanKeyword:
      return 'boolean';
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return 'any';
    case ts.SyntaxKind.LiteralType:
      return 'string';
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
      if (iface.node.members.length === 0) return 'any';
      if (!reachable.has(full)) {
        reachable.add(full);
        queue.push(full);
      }
      return `#${defName(full)}`;
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
  if (!reachable.has(type)) {
    reachable.add(type);
    queue.push(type);
  }
  return `#${defName(type)}`;
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
  kinds[`${apiVersion}/${kind}`] = defName(full);
  if (!reachable.has(full)) {
    reachable.add(full);
    queue.push(full);
  }
}

const defs = {};
while (queue.length > 0) {
  const full = queue.shift();
  const { mod, node } = interfaces.get(full);
  const props = {};
  const required = [];
  for (const member of node.members) {
    if (!ts.isPropertySignature(member)) continue;
    const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
    props[name] = encode(mod, member.type);
    if (!member.questionToken) required.push(name);
  }
  for (const [name, type] of Object.entries(SUPPLEMENT[full] ?? {})) props[name] = supplementType(type);
  defs[defName(full)] = required.length > 0 ? { props, required } : { props };
}

const sortKeys = (obj) => Object.fromEntries(Object.keys(obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((k) => [k, obj[k]]));
const data = { kubernetesVersion: k8sVersion, source: `kubernetes-types@${pkgVersion}`, kinds: sortKeys(kinds), defs: sortKeys(defs) };

const out = join(root, 'src', 'k8s', 'schema', `k8s-${k8sVersion}.ts`);
const body = [
  '/**',
  ` * Schema data for Kubernetes ${k8sVersion}: kinds, and the definitions reachable from them.`,
  ` * GENERATED by scripts/gen-schema.mjs from ${data.source}. DO NOT EDIT: rerun the script.`,
  ' */',
  "import type { SchemaData } from './types.ts';",
  '',
  '/** Kinds and definitions of this Kubernetes version, in the compact form of {@link SchemaData}. */',
  `export const schema: SchemaData = ${JSON.stringify(data, null, 1)};`,
  '',
].join('\n');
writeFileSync(out, body);
process.stdout.write(`wrote ${relative(root, out)}: ${Object.keys(kinds).length} kinds, ${Object.keys(defs).length} definitions\n`);
