#!/usr/bin/env node
/**
 * Regenerates src/k8s/schema-graph.ts, the field graph that src/k8s/merge-keys.ts walks to
 * merge strategic merge patches and to reject fields a kind does not have.
 *
 * Source: the `kubernetes-types` package in node_modules (no network). The script reads its
 * `.d.ts` files with the TypeScript compiler API and keeps, for every kind (an interface with
 * literal `apiVersion` and `kind`, list kinds left out) and every interface reachable from a
 * kind, the field names with the type of their value:
 *
 *   name            a scalar, or a type alias such as Quantity or IntOrString (opaque)
 *   name:Type       an object of interface Type (no module prefix: the same module)
 *   name[]          a list of scalars;  name:Type[]  a list of objects
 *   name{}          a map with free keys;  name:Type{}  a map of objects
 *
 * Patch strategies and merge keys are not in the .d.ts files; they stay hand-written in
 * merge-keys.ts (STRATEGIES).
 *
 * Run after upgrading kubernetes-types:
 *
 *   node scripts/gen-merge-keys.mjs
 *
 * then review the diff of src/k8s/schema-graph.ts and commit it with the upgrade.
 * `node scripts/gen-merge-keys.mjs --check` writes nothing and exits 1 when the committed file
 * differs from what the installed kubernetes-types gives.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const pkgDir = dirname(require.resolve('kubernetes-types/package.json'));
const pkgVersion = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
const k8sVersion = pkgVersion.split('.').slice(0, 2).join('.');
const outFile = join(root, 'src', 'k8s', 'schema-graph.ts');

const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Module ids (`apps/v1`, `core/v1`, ...) of every .d.ts file, sorted. */
function listModules() {
  const modules = [];
  for (const group of readdirSync(pkgDir).sort(byCodeUnit)) {
    const dir = join(pkgDir, group);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort(byCodeUnit)) {
      if (file.endsWith('.d.ts')) modules.push(`${group}/${file.slice(0, -'.d.ts'.length)}`);
    }
  }
  return modules;
}

/**
 * Reads one module: its interfaces as `module.Name` → field specs with fully qualified type
 * references, and its kinds as [`apiVersion Kind`, `module.Name`].
 */
function readModule(mod, types, kinds) {
  const text = readFileSync(join(pkgDir, `${mod}.d.ts`), 'utf8');
  const src = ts.createSourceFile(mod, text, ts.ScriptTarget.ES2022, true);
  const imports = new Map();
  for (const st of src.statements) {
    if (!ts.isImportDeclaration(st)) continue;
    const from = posix.normalize(posix.join(posix.dirname(mod), st.moduleSpecifier.text));
    for (const el of st.importClause?.namedBindings?.elements ?? []) imports.set(el.name.text, `${from}.${el.name.text}`);
  }
  const local = new Set(src.statements.filter(ts.isInterfaceDeclaration).map((s) => s.name.text));
  const qualify = (name) => (local.has(name) ? `${mod}.${name}` : (imports.get(name) ?? null));
  // The suffix of a field spec for a type node, or null for a scalar or an alias (a leaf).
  const encode = (node) => {
    if (ts.isArrayTypeNode(node)) return `${encode(node.elementType) ?? ''}[]`;
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText();
      if (name === 'Array') return `${encode(node.typeArguments[0]) ?? ''}[]`;
      const q = qualify(name);
      return q ? `:${q}` : null;
    }
    if (ts.isTypeLiteralNode(node)) {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      if (index) return `${encode(index.type) ?? ''}{}`;
    }
    return null;
  };
  for (const st of src.statements) {
    if (!ts.isInterfaceDeclaration(st)) continue;
    const fields = [];
    let apiVersion;
    let kind;
    for (const member of st.members) {
      if (!ts.isPropertySignature(member)) continue;
      const name = member.name.text ?? member.name.getText();
      const literal = member.type && ts.isLiteralTypeNode(member.type) ? member.type.literal.text : undefined;
      if (name === 'apiVersion' && literal) apiVersion = literal;
      if (name === 'kind' && literal) kind = literal;
      fields.push(`${name}${(member.type && encode(member.type)) ?? ''}`);
    }
    const id = `${mod}.${st.name.text}`;
    types.set(id, fields);
    if (apiVersion && kind && !kind.endsWith('List')) kinds.push([`${apiVersion} ${kind}`, id]);
  }
}

/** Every type reachable from a kind. */
function reachable(types, kinds) {
  const seen = new Set();
  const visit = (id) => {
    if (seen.has(id) || !types.has(id)) return;
    seen.add(id);
    for (const field of types.get(id)) {
      const m = /:([^[{]+)/.exec(field);
      if (m) visit(m[1]);
    }
  };
  for (const [, id] of kinds) visit(id);
  return seen;
}

const moduleOf = (id) => id.slice(0, id.lastIndexOf('.'));

/** A field spec as the table stores it: same-module references shortened, unknown types made opaque. */
function compactField(typeId, field, types) {
  const m = /^([^:]+):([^[{]+)(.*)$/.exec(field);
  if (!m) return field;
  const [, name, ref, suffix] = m;
  if (!types.has(ref)) return name + suffix;
  const short = moduleOf(ref) === moduleOf(typeId) ? ref.slice(ref.lastIndexOf('.') + 1) : ref;
  return `${name}:${short}${suffix}`;
}

function render(types, kinds) {
  const reach = reachable(types, kinds);
  const typeLines = [...reach].sort(byCodeUnit).map((id) => `  '${id}': '${types.get(id).map((f) => compactField(id, f, types)).join(' ')}',`);
  const kindLines = kinds
    .filter(([, id]) => reach.has(id))
    .sort((a, b) => byCodeUnit(a[0], b[0]))
    .map(([k, id]) => `  '${k}': '${id}',`);
  return `/**
 * The field graph of the built-in Kubernetes kinds, generated from kubernetes-types ${pkgVersion}
 * (Kubernetes ${k8sVersion}). GENERATED FILE, DO NOT EDIT: regenerate with
 *
 *   node scripts/gen-merge-keys.mjs
 *
 * src/k8s/merge-keys.ts reads it and adds the patch strategies and merge keys.
 */

/** Built-in kinds (\`apiVersion Kind\`) and their root types. */
export const KINDS: Readonly<Record<string, string>> = {
${kindLines.join('\n')}
};

/**
 * Fields per type: \`name\` (scalar or opaque), \`name:Type\` (object), a \`[]\` suffix for a list
 * and \`{}\` for a map with free keys. A type without a module prefix lives in the same module as
 * the type that names it.
 */
export const TYPES: Readonly<Record<string, string>> = {
${typeLines.join('\n')}
};
`;
}

const types = new Map();
const kinds = [];
for (const mod of listModules()) readModule(mod, types, kinds);
const text = render(types, kinds);
if (process.argv.includes('--check')) {
  const same = readFileSync(outFile, 'utf8') === text;
  console.log(same ? `${outFile} is up to date` : `${outFile} differs from kubernetes-types ${pkgVersion}: run node scripts/gen-merge-keys.mjs`);
  process.exit(same ? 0 : 1);
}
writeFileSync(outFile, text);
console.log(`wrote ${outFile}: ${kinds.length} kinds, ${types.size} types read from kubernetes-types ${pkgVersion}`);
