#!/usr/bin/env node
/**
 * Regenerates kasane's data of every supported Kubernetes minor from upstream sources:
 *
 * - src/k8s/schema/k8s-<newest>.ts: the type graph of the newest minor in full;
 * - src/k8s/schema/k8s-<minor>.ts for each older minor: a delta against the next newer one;
 * - src/k8s/schema/versions.ts: the list of minors and the imports of the files above;
 * - src/k8s/lifecycle-data.ts: when each alpha/beta API version of a kind was introduced,
 *   deprecated and removed, and what replaces it;
 * - src/k8s/api/<group>/<version>.ts (and meta/v1, api/resource, runtime, version): the
 *   TypeScript types of every definition of the newest minor, with their descriptions as TSDoc,
 *   in the module layout of the `kubernetes-types` package (./k8s-typescript.mjs); users import
 *   them as `kasane/api/<group>/<version>`.
 *
 * Encodings: src/k8s/schema/types.ts (graph and delta), src/k8s/lifecycle-data.ts (its header).
 *
 * Sources, pinned below and named in every generated file:
 *
 * - per minor, the OpenAPI v2 document of the release (`api/openapi-spec/swagger.json` of
 *   kubernetes/kubernetes at the release tag), as kept per minor by kubernetes-sigs/reference-docs
 *   under gen-apidocs/config/v1_<minor>/ (the Kubernetes API reference is built from them):
 *   property types, required properties, integer formats, int-or-string, quantity and time
 *   properties, patch strategies and merge keys, list types; enum values where the document
 *   has them (from 1.34; the ones published before were generated without enums);
 * - kubernetes/api (k8s.io/api) and kubernetes/apiextensions-apiserver at `kubernetes-<minor>.0`:
 *   the `+enum` Go types that give the enums of the older minors (./k8s-enums.mjs), and, with
 *   kubernetes/kube-aggregator, the prerelease-lifecycle files of every tag from 1.19 on
 *   (./k8s-lifecycle.mjs), with three replacements from the Deprecated API Migration Guide
 *   where the tags name none.
 *
 * The sources are git repositories read at pinned revisions, never the network. Give a folder
 * holding clones (or bare git directories) named reference-docs, api, apiextensions-apiserver
 * and kube-aggregator:
 *
 *   node scripts/gen-k8s-versions.mjs --repos DIR          (or KASANE_K8S_REPOS=DIR)
 *   node scripts/gen-k8s-versions.mjs --repos DIR --check  (exit 1 when a committed file differs,
 *                                                           or src/k8s/api/ has a file it would not write)
 *
 * To add a minor: add it to MINORS (and REFERENCE_DOCS.commit if the document is newer), run
 * the script, review the diff of src/k8s/, and update the tests that name the newest minor.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffGraph, encodeTypes, sectionLines, sortedRecord } from './k8s-delta.mjs';
import { enumTypesOf, enumValuesAt, goEnumsAt } from './k8s-enums.mjs';
import { gitRepo } from './k8s-git.mjs';
import { applyGuide, encodeLifecycle, GUIDE, lifecycleConflicts, readLifecycle } from './k8s-lifecycle.mjs';
import { byCodeUnit, encodeEnum, readOpenApi } from './k8s-openapi.mjs';
import { GENERATED, renderGraph, renderDelta, renderLifecycle, renderVersions } from './k8s-render.mjs';
import { loadCodegenHelpers, renderTypeModules, TYPES_DIR } from './k8s-typescript.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Supported minors, oldest first. The last one is stored in full and is the default. */
export const MINORS = ['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36'];

/** The reference-docs commit whose gen-apidocs/config/v1_<minor>/swagger.json files are read. */
const REFERENCE_DOCS = { repo: 'kubernetes-sigs/reference-docs', commit: '58cd75edc564e7ff9d47acd987be6ab0f466e7d8' };

/** The first minor with prerelease-lifecycle files, and so the first tag read for lifecycles. */
const FIRST_LIFECYCLE_MINOR = 19;

const tagOf = (minor) => `kubernetes-${minor}.0`;
const swaggerPath = (minor) => `gen-apidocs/config/v${minor.replace('.', '_')}/swagger.json`;

function repos() {
  const i = process.argv.indexOf('--repos');
  const dir = i >= 0 ? process.argv[i + 1] : process.env.KASANE_K8S_REPOS;
  const names = ['reference-docs', 'api', 'apiextensions-apiserver', 'kube-aggregator'];
  if (!dir || names.some((n) => !existsSync(join(dir, n)))) {
    process.stderr.write(`gen-k8s-versions: give --repos DIR (or KASANE_K8S_REPOS), a folder with git clones named ${names.join(', ')}\n`);
    process.exit(2);
  }
  return Object.fromEntries(names.map((n) => [n, gitRepo(join(dir, n))]));
}

/** The `+enum` types of k8s.io/api and apiextensions at a minor's tag. */
function goEnumsOf(r, minor) {
  const enums = goEnumsAt(r.api, tagOf(minor));
  const ext = goEnumsAt(r['apiextensions-apiserver'], tagOf(minor), { prefix: 'pkg/apis/apiextensions', moduleOf: (d) => d.replace(/^pkg\/apis\//, '') });
  for (const [mod, types] of ext) enums.set(mod, types);
  return enums;
}

const ENUM_TYPE = /^((?:\[\]|\{\})*)(=.*)$/;

/**
 * For each enum property of the documents that have enums (oldest first), the Go types that
 * give its values; the first document that has the property decides.
 */
function enumOrigins(r, docs) {
  const origins = new Map();
  for (const { minor, graph } of docs) {
    const go = goEnumsOf(r, minor);
    for (const [id, props] of Object.entries(graph.props)) {
      for (const p of props) {
        const m = ENUM_TYPE.exec(p.type);
        const key = `${id}.${p.name}`;
        if (!m || origins.has(key)) continue;
        const goTypes = enumTypesOf(go, id.slice(0, id.lastIndexOf('.')), m[2].slice(1).split(',').map(decodeURIComponent));
        if (!enumValuesAt(go, goTypes)) throw new Error(`${minor} ${key}: no +enum Go type has the values ${m[2]}`);
        origins.set(key, goTypes);
      }
    }
  }
  return origins;
}

/** Gives the string properties of an older graph the enum values of their Go types at that minor. */
function addEnums(graph, go, origins) {
  let count = 0;
  for (const [id, props] of Object.entries(graph.props)) {
    for (const p of props) {
      const goTypes = origins.get(`${id}.${p.name}`);
      const m = /^((?:\[\]|\{\})*)string$/.exec(p.type);
      if (!goTypes || !m) continue;
      const values = enumValuesAt(go, goTypes);
      if (!values?.length) continue;
      p.type = `${m[1]}${encodeEnum(values)}`;
      count++;
    }
  }
  return count;
}

function readMinors(r) {
  r['reference-docs'].resolve(REFERENCE_DOCS.commit);
  const docs = MINORS.map((minor) => {
    const doc = JSON.parse(r['reference-docs'].read(REFERENCE_DOCS.commit, swaggerPath(minor)));
    const graph = readOpenApi(doc);
    const hasEnums = Object.values(graph.props).some((list) => list.some((p) => ENUM_TYPE.test(p.type)));
    const source = `${REFERENCE_DOCS.repo}@${REFERENCE_DOCS.commit}:${swaggerPath(minor)}`;
    return { minor, graph, hasEnums, source, doc };
  });
  const origins = enumOrigins(
    r,
    docs.filter((d) => d.hasEnums),
  );
  for (const d of docs) {
    if (d.hasEnums) {
      d.valueSource = 'the same document';
      continue;
    }
    const tag = tagOf(d.minor);
    d.enums = addEnums(d.graph, goEnumsOf(r, d.minor), origins);
    d.valueSource = `kubernetes/api@${tag} (${r.api.resolve(tag)}) and kubernetes/apiextensions-apiserver@${tag} (${r['apiextensions-apiserver'].resolve(tag)}): +enum Go types`;
  }
  return docs;
}

function readLifecycles(r) {
  const newest = Number(MINORS[MINORS.length - 1].split('.')[1]);
  const tags = [];
  for (let m = FIRST_LIFECYCLE_MINOR; m <= newest; m++) tags.push(tagOf(`1.${m}`));
  const table = new Map();
  const sources = [];
  for (const name of ['api', 'apiextensions-apiserver', 'kube-aggregator']) {
    readLifecycle(r[name], tags, table);
    sources.push(`kubernetes/${name}@${tags[tags.length - 1]} (${r[name].resolve(tags[tags.length - 1])})`);
  }
  applyGuide(table);
  const entries = {};
  for (const [key, facts] of table) entries[key] = encodeLifecycle(facts);
  return { entries: sortedRecord(entries), table, sources, tags };
}

/** Every file under `dir` (relative to the repository), sorted by code unit. */
function filesUnder(dir) {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) =>
      relative(root, join(e.parentPath ?? e.path, e.name))
        .split(sep)
        .join('/'),
    )
    .sort(byCodeUnit);
}

async function generate() {
  const r = repos();
  const docs = readMinors(r);
  const graphs = docs.map((d) => ({ kinds: sortedRecord(d.graph.kinds), types: sortedRecord(encodeTypes(d.graph.props)), patch: sortedRecord(d.graph.patch), lists: sortedRecord(d.graph.lists) }));
  const files = new Map();
  const newest = docs.length - 1;
  files.set(`src/k8s/schema/k8s-${docs[newest].minor}.ts`, renderGraph(docs[newest], graphs[newest]));
  for (let i = newest - 1; i >= 0; i--) files.set(`src/k8s/schema/k8s-${docs[i].minor}.ts`, renderDelta(docs[i], docs[i + 1].minor, diffGraph(graphs[i], graphs[i + 1])));
  files.set('src/k8s/schema/versions.ts', renderVersions(MINORS));
  const lifecycle = readLifecycles(r);
  files.set('src/k8s/lifecycle-data.ts', renderLifecycle(lifecycle));
  const conflicts = lifecycleConflicts(lifecycle.table, new Map(docs.map((d, i) => [d.minor, new Set(Object.keys(graphs[i].kinds))])));
  const types = renderTypeModules(docs[newest], lifecycle.table, await loadCodegenHelpers(root), GENERATED);
  for (const [file, text] of types) files.set(file, text);
  // A module the newest document no longer has must go too, or users would keep importing it.
  const extra = filesUnder(TYPES_DIR).filter((f) => !types.has(f));
  return { files, docs, conflicts, lifecycle, extra, types };
}

const { files, docs, conflicts, lifecycle, extra, types } = await generate();
if (process.argv.includes('--check')) {
  const stale = [...files].filter(([file, text]) => !existsSync(join(root, file)) || readFileSync(join(root, file), 'utf8') !== text).map(([f]) => f);
  const problems = [...(stale.length ? [`differs from what the sources give: ${stale.join(', ')}`] : []), ...(extra.length ? [`not generated from the sources: ${extra.join(', ')}`] : [])];
  process.stdout.write(
    problems.length
      ? `${problems.join('; ')}; run node scripts/gen-k8s-versions.mjs\n`
      : `Kubernetes ${MINORS.join(', ')} data and the ${docs[docs.length - 1].minor} types (${types.size} modules) are up to date with their sources\n`,
  );
  process.exit(problems.length ? 1 : 0);
}
for (const file of extra) {
  rmSync(join(root, file));
  process.stdout.write(`removed ${file}: not generated from the sources\n`);
}
for (const [file, text] of files) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
  process.stdout.write(`wrote ${relative(root, join(root, file))}: ${Buffer.byteLength(text)} bytes\n`);
}
for (const d of docs) if (d.enums !== undefined) process.stdout.write(`${d.minor}: ${d.enums} enum properties from the Go source\n`);
process.stdout.write(`lifecycle: ${Object.keys(lifecycle.entries).length} kinds from ${lifecycle.tags[0]} to ${lifecycle.tags[lifecycle.tags.length - 1]}\n`);
for (const c of conflicts.sort(byCodeUnit)) process.stdout.write(`lifecycle and document disagree: ${c}\n`);
