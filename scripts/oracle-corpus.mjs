#!/usr/bin/env node
// Regenerates the kubectl output of the real-world Kustomize corpus (Kustomize v5.5.0 in
// kubectl 1.32). Each test/fixtures/kustomize-corpus/<tree>/ holds the files one build reads,
// copied from a public repository, and SOURCE.json:
//   { repository, commit, path (folder of the tree in the repository), build (the kustomization
//     folder to build, relative to the tree), license, notes }
// For every tree this runs `kubectl kustomize <tree>/<build>` and writes
//   <tree>/expected.yaml        what kubectl prints, when the build succeeds;
//   <tree>/kubectl-error.txt    kubectl's error, when it fails (remote bases, helmCharts, plugins);
// and test/fixtures/kustomize-corpus/INDEX.md, the list of trees and of the ones kubectl cannot
// build offline. The network is made unreachable (a proxy on a closed loopback port) so that
// remote bases fail the same way on every machine, online or not.
//
// Usage: node scripts/oracle-corpus.mjs [--check] [tree ...]
//   --check   write nothing; exit 1 when a committed file differs from what kubectl prints now
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { offlineKubectlEnv } from './kubectl-offline.mjs';

const corpus = join(import.meta.dirname, '..', 'test', 'fixtures', 'kustomize-corpus');
const check = process.argv.includes('--check');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
if (version.status !== 0) {
  console.error('kubectl not found: install kubectl 1.32 (Kustomize v5.5.0) to regenerate the corpus output');
  process.exit(2);
}
if (!version.stdout.includes('Kustomize Version: v5.5.0')) console.warn(`warning: expected Kustomize v5.5.0, found:\n${version.stdout}`);

const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const env = offlineKubectlEnv();

/** kubectl's error without klog's time/pid prefix, deprecation warnings and this machine's paths. */
function normalizeError(stderr, treeDir) {
  return stderr
    .split('\n')
    .filter((line) => !line.startsWith('# Warning:'))
    .map((line) => line.replace(/^E\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ run\.go:\d+\] /, ''))
    .join('\n')
    .split(treeDir)
    .join('<tree>')
    .replace(/\/tmp\/kustomize-\d+/g, '/tmp/kustomize-<random>')
    .replace(/'[^' ]*\/git fetch/g, "'git fetch")
    .trimEnd()
    .concat('\n');
}

function build(name) {
  const treeDir = join(corpus, name);
  const source = JSON.parse(readFileSync(join(treeDir, 'SOURCE.json'), 'utf8'));
  const run = spawnSync('kubectl', ['kustomize', join(treeDir, source.build)], { encoding: 'utf8', env, maxBuffer: 1 << 28, timeout: 120_000 });
  if (run.error) throw new Error(`kubectl kustomize ${name}: ${run.error.message}`);
  return run.status === 0
    ? { source, file: 'expected.yaml', stale: 'kubectl-error.txt', text: run.stdout }
    : { source, file: 'kubectl-error.txt', stale: 'expected.yaml', text: normalizeError(run.stderr, treeDir) };
}

const trees = readdirSync(corpus)
  .filter((n) => statSync(join(corpus, n)).isDirectory())
  .sort(byCode);
const problems = [];
const rows = [];
for (const name of trees) {
  if (only.length && !only.includes(name)) continue;
  const out = build(name);
  const path = join(corpus, name, out.file);
  rows.push({ name, ...out });
  if (check) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== out.text) problems.push(`${name}/${out.file} differs from what kubectl prints now`);
    if (existsSync(join(corpus, name, out.stale))) problems.push(`${name}/${out.stale} should not exist`);
    continue;
  }
  writeFileSync(path, out.text);
  rmSync(join(corpus, name, out.stale), { force: true });
  console.log(`${name}/${out.file}`);
}

function index() {
  const builds = rows.filter((r) => r.file === 'expected.yaml');
  const fails = rows.filter((r) => r.file !== 'expected.yaml');
  const objects = (text) => text.split(/^---$/m).filter((d) => d.trim()).length;
  const lines = [
    '# Real-world Kustomize corpus',
    '',
    'Trees copied from public repositories, with only the files their build reads. Each folder has',
    'SOURCE.json (repository, commit, path, the kustomization folder to build, license, notes) and',
    "kubectl's output for that build. Regenerate with `node scripts/oracle-corpus.mjs`; verify with",
    '`node scripts/oracle-corpus.mjs --check`. This file is generated.',
    '',
    `## Trees that kubectl builds offline (${builds.length})`,
    '',
    '| tree | repository | build | objects | notes |',
    '| --- | --- | --- | --- | --- |',
    ...builds.map((r) => `| ${r.name} | ${r.source.repository.replace('https://github.com/', '')} | ${r.source.build} | ${objects(r.text)} | ${r.source.notes} |`),
    '',
    `## Trees that kubectl cannot build offline (${fails.length})`,
    '',
    'Remote bases, helmCharts and plugins: kubectl-error.txt in each folder holds the exact error.',
    '',
    '| tree | repository | error |',
    '| --- | --- | --- |',
    ...fails.map(
      (r) =>
        `| ${r.name} | ${r.source.repository.replace('https://github.com/', '')} | ${r.text
          .split('\n')
          .find((l) => l.trim())
          .replace(/\|/g, '\\|')
          .slice(0, 200)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

if (!only.length) {
  const path = join(corpus, 'INDEX.md');
  if (!check) writeFileSync(path, index());
  else if (!existsSync(path) || readFileSync(path, 'utf8') !== index()) problems.push('INDEX.md differs from the generated list');
}
if (check) {
  for (const p of problems) console.error(p);
  console.log(problems.length ? `${problems.length} difference(s)` : `${rows.length} trees match kubectl`);
  process.exit(problems.length ? 1 : 0);
}
