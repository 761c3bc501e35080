#!/usr/bin/env node
// Measures how far kasane gets on the real-world Kustomize corpus (test/fixtures/kustomize-corpus,
// see scripts/oracle-corpus.mjs), as a new user would, through the command line:
//   1. `kasane import <build folder> --out <project> --json` on a copy of the tree;
//   2. `kasane render --stdout` in the new project (validation on; again with --no-validate
//      when validation refuses, so that the objects can still be compared);
//   3. the rendered objects against the tree's expected.yaml (kubectl's output): object for
//      object and field for field (src/import/compare.ts, as the import tests do), and in
//      document order;
//   4. `kasane validate -f expected.yaml --json`: findings on manifests that kubectl built.
// With --bench N, also the benchmark's Kustomize layout (../shared/bench/gen-kustomize.mjs N,
// styles lean and idiomatic): import of the whole tree, then each overlay against kubectl.
//
// It changes nothing in the repository. Results go to stdout as a Markdown table, or as JSON
// with --json FILE. The output is deterministic: no timings, temporary paths replaced.
// Run `npm run build` first: it uses bin/kasane.js.
//
// Usage: node scripts/corpus-status.mjs [--json FILE] [--bench N] [tree ...]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { parseAllDocuments } from 'yaml';

const REPO = join(import.meta.dirname, '..');
const CORPUS = join(REPO, 'test', 'fixtures', 'kustomize-corpus');
const KASANE = join(REPO, 'bin', 'kasane.js');
const GEN = join(REPO, '..', 'shared', 'bench', 'gen-kustomize.mjs');
const NOT_TREE_FILES = new Set(['SOURCE.json', 'expected.yaml', 'kubectl-error.txt']);
const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

const { values: opts, positionals: only } = parseArgs({ allowPositionals: true, options: { json: { type: 'string' }, bench: { type: 'string' } } });

const entry = `export { diffObjects, formatDiffs } from './src/import/compare.ts'; export { explainKustomizeScope } from './src/import/kustomize-scope.ts';`;
const bundled = await build({ stdin: { contents: entry, resolveDir: REPO, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node' });
const { diffObjects, formatDiffs, explainKustomizeScope } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);

/** Runs kasane with `args` in `cwd`; temporary paths in its output become `<tmp>`. */
function kasane(args, cwd, tmp) {
  const run = spawnSync(process.execPath, [KASANE, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 600_000, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  const clean = (s) => (s ?? '').split(tmp).join('<tmp>');
  return { code: run.status ?? (run.signal ? `signal ${run.signal}` : 'timeout'), stdout: clean(run.stdout), stderr: clean(run.stderr) };
}

function parseObjects(text) {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((o) => o !== null && typeof o === 'object');
}

/** Findings of a `--json` run (none when it prints nothing), or undefined when stdout is not JSON (a crash). */
function findings(stdout) {
  if (!stdout.trim()) return [];
  try {
    const parsed = JSON.parse(stdout);
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const where = (f) => [f.source?.file, f.env, f.object ? `${f.object.kind}/${f.object.name}` : undefined, f.path].filter(Boolean).join(' ');
const firstError = (list) => list.find((f) => f.severity === 'error');
const errorText = (f) => `${f.code}: ${f.message}${where(f) ? ` (${where(f)})` : ''}`;
/** The first meaningful line of a crash's stderr (the message, not the stack). */
const crashText = (stderr) => stderr.split('\n').find((l) => l.trim() && !l.trim().startsWith('at ')) ?? '(no output)';

/** True when the output holds a JavaScript stack trace: an internal error, not a finding. */
const hasStack = (text) => /^\s+at .+:\d+:\d+\)?$/m.test(text);

const refKey = (o) => `${o.apiVersion} ${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

/**
 * Compares kasane's objects with kubectl's: field diffs, then document order when the sets agree,
 * with the namespaces Kustomize gives cluster-scoped kinds it does not know set aside (as the
 * import's zero-diff check does), each named in `notes`.
 */
function compare(kubectl, actual, env) {
  const { expected, notes } = explainKustomizeScope(kubectl, actual);
  const diffs = diffObjects(expected, actual);
  if (diffs.length) return { equal: false, detail: formatDiffs(env, diffs) };
  const want = expected.map(refKey);
  const got = actual.map(refKey);
  const at = want.findIndex((k, i) => k !== got[i]);
  if (at < 0 && want.length === got.length) return notes.length ? { equal: true, notes } : { equal: true };
  return { equal: false, detail: `${env}: same objects, other order: document ${at + 1} is ${got[at]} in kasane, ${want[at]} in kubectl\n` };
}

/** Renders every environment of the project in `dir` and returns the objects of each, in stream order. */
function render(dir, tmp, envs) {
  const out = {};
  for (const env of envs) {
    const run = kasane(['render', env, '--stdout'], dir, tmp);
    const result = { code: run.code };
    if (run.code !== 0) {
      result.error = crashText(run.stderr);
      if (hasStack(run.stderr)) result.crashed = true;
      const again = kasane(['render', env, '--stdout', '--no-validate'], dir, tmp);
      result.noValidateCode = again.code;
      if (again.code !== 0) result.noValidateError = crashText(again.stderr);
      else result.objects = parseObjects(again.stdout);
    } else result.objects = parseObjects(run.stdout);
    out[env] = result;
  }
  return out;
}

/** The environments of the project that render (`kasane list`), or every environment file when listing fails. */
function environments(dir, tmp) {
  const list = findings(kasane(['list', '--json'], dir, tmp).stdout);
  if (list) return list.filter((e) => !e.abstract).map((e) => e.name);
  return readdirSync(join(dir, 'environments'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort(byCode);
}

/** Import, render and compare one tree; `targets` maps each kustomization folder to its kubectl output. */
function importAndCompare(srcDir, importArgs, targets, tmp) {
  const proj = join(tmp, 'project');
  const imp = kasane(['import', ...importArgs, '--out', proj, '--json'], srcDir, tmp);
  const impFindings = findings(imp.stdout);
  const row = { importCode: imp.code, importErrors: (impFindings ?? []).filter((f) => f.severity === 'error').map(errorText) };
  // The zero-diff check prints its findings and its diff as text, even with --json.
  if (!row.importErrors.length) row.importErrors = [...imp.stderr.matchAll(/^(?:error: |zero-diff check .*failed: )(.*)$/gm)].map((m) => m[0]);
  if (!impFindings && imp.code === 1) row.importDiff = imp.stdout.split('\n').slice(0, 12).join('\n');
  const failedQuietly = imp.code !== 0 && !row.importErrors.length;
  if (hasStack(imp.stderr) || failedQuietly || (!impFindings && imp.code !== 1)) row.importCrash = crashText(imp.stderr);
  if (!existsSync(join(proj, 'kasane.config.ts'))) return row;
  const envs = environments(proj, tmp);
  const rendered = render(proj, tmp, envs);
  row.render = {};
  for (const [env, r] of Object.entries(rendered))
    row.render[env] = {
      code: r.code,
      ...(r.error ? { error: r.error } : {}),
      ...(r.crashed ? { crashed: true } : {}),
      ...(r.noValidateCode !== undefined ? { noValidateCode: r.noValidateCode } : {}),
      ...(r.noValidateError ? { noValidateError: r.noValidateError } : {}),
    };
  row.compare = {};
  for (const [target, expected] of Object.entries(targets)) {
    const env = envs.length === 1 ? envs[0] : envs.find((e) => target.endsWith(e));
    const r = env ? rendered[env] : undefined;
    row.compare[target] = !r?.objects ? { equal: false, detail: env ? 'not rendered' : `no environment for ${target}` } : compare(expected, r.objects, env);
  }
  return row;
}

function copyTree(from, to) {
  cpSync(from, to, { recursive: true, filter: (src) => !NOT_TREE_FILES.has(src.slice(from.length + 1)) });
}

function validateExpected(file, tmp) {
  const run = kasane(['validate', '-f', file, '--json'], REPO, tmp);
  const list = findings(run.stdout);
  if (!list) return { code: run.code, crash: crashText(run.stderr), errors: [], warnings: [] };
  const strip = (f) => ({ code: f.code, message: f.message, object: f.object ? `${f.object.kind}/${f.object.name}` : undefined, path: f.path });
  return { code: run.code, errors: list.filter((f) => f.severity === 'error').map(strip), warnings: list.filter((f) => f.severity === 'warning').map(strip) };
}

function corpusRow(name) {
  const dir = join(CORPUS, name);
  const source = JSON.parse(readFileSync(join(dir, 'SOURCE.json'), 'utf8'));
  const expectedFile = join(dir, 'expected.yaml');
  const tmp = mkdtempSync(join(tmpdir(), 'kasane-corpus-'));
  try {
    copyTree(dir, join(tmp, 'src'));
    // kubectl cannot build it offline: only kasane's own refusal is of interest.
    if (!existsSync(expectedFile)) return { tree: name, offline: false, ...importAndCompare(join(tmp, 'src'), [source.build], {}, tmp) };
    const expected = parseObjects(readFileSync(expectedFile, 'utf8'));
    const row = importAndCompare(join(tmp, 'src'), [source.build], { [source.build]: expected }, tmp);
    return { tree: name, offline: true, objects: expected.length, ...row, validate: validateExpected(`test/fixtures/kustomize-corpus/${name}/expected.yaml`, tmp) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function benchRow(n, style) {
  const tmp = mkdtempSync(join(tmpdir(), 'kasane-corpus-'));
  try {
    const src = join(tmp, 'src');
    const gen = spawnSync(process.execPath, [GEN, String(n), src, '--style', style], { encoding: 'utf8' });
    if (gen.status !== 0) return { tree: `bench-${style}-${n}`, offline: false, importCrash: gen.stderr };
    const targets = {};
    for (const env of ['dev', 'staging', 'prod']) {
      const run = spawnSync('kubectl', ['kustomize', join(src, 'overlays', env)], { encoding: 'utf8', maxBuffer: 1 << 30 });
      targets[`overlays/${env}`] = parseObjects(run.stdout);
    }
    return { tree: `bench-${style}-${n}`, offline: true, objects: targets['overlays/prod'].length, ...importAndCompare(src, ['.'], targets, tmp) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const outcome = (r) => {
  if (!r.offline) return `needs network or plugins (kasane import exit ${r.importCode})`;
  if (r.importCrash) return 'import crashed';
  if (r.importCode === 2) return 'import refused';
  if (!r.render) return `import exit ${r.importCode}, nothing written`;
  const renders = Object.values(r.render);
  if (renders.some((x) => x.crashed)) return 'render crashed';
  if (renders.some((x) => x.code !== 0 && x.noValidateCode !== 0)) return 'render failed';
  const equal = Object.values(r.compare).every((c) => c.equal);
  if (renders.some((x) => x.code !== 0)) return equal ? 'equal, but render validation refused' : 'differs, and render validation refused';
  if (!equal) return 'differs';
  // Kustomize namespaces cluster-scoped kinds it does not know; the import names each such object.
  return Object.values(r.compare).some((c) => c.notes) ? 'equal apart from the namespaces Kustomize gives cluster-scoped kinds it does not know' : 'equal';
};

function markdown(rows) {
  const cell = (s) =>
    String(s ?? '')
      .replace(/\|/g, '\\|')
      .replace(/\n/g, ' ')
      .slice(0, 300);
  const lines = ['| tree | objects | outcome | import exit | render exit | first error | validate -f errors |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const renders = Object.values(r.render ?? {});
    const renderExit = renders.map((x) => `${x.code}${x.noValidateCode !== undefined ? `/${x.noValidateCode}` : ''}`).join(', ');
    const diff = Object.values(r.compare ?? {})
      .find((c) => !c.equal)
      ?.detail?.split('\n')[0];
    const first = r.importCrash ?? r.importErrors?.[0] ?? renders.find((x) => x.error)?.error ?? diff ?? '';
    lines.push(`| ${r.tree} | ${r.objects ?? ''} | ${outcome(r)} | ${r.importCode ?? ''} | ${renderExit} | ${cell(first)} | ${r.validate ? r.validate.errors.length : ''} |`);
  }
  const counts = {};
  for (const r of rows) counts[outcome(r)] = (counts[outcome(r)] ?? 0) + 1;
  return `${lines.join('\n')}\n\n${Object.entries(counts)
    .sort(([a], [b]) => byCode(a, b))
    .map(([k, v]) => `- ${k}: ${v}`)
    .join('\n')}\n`;
}

const trees = readdirSync(CORPUS)
  .filter((n) => statSync(join(CORPUS, n)).isDirectory() && (!only.length || only.includes(n)))
  .sort(byCode);
const rows = [];
for (const name of trees) {
  rows.push(corpusRow(name));
  process.stderr.write(`${name}: ${outcome(rows.at(-1))}\n`);
}
if (opts.bench)
  for (const style of ['lean', 'idiomatic']) {
    rows.push(benchRow(Number(opts.bench), style));
    process.stderr.write(`bench ${style}: ${outcome(rows.at(-1))}\n`);
  }
if (opts.json) writeFileSync(opts.json, `${JSON.stringify(rows, null, 2)}\n`);
process.stdout.write(markdown(rows));
