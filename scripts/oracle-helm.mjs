#!/usr/bin/env node
/**
 * Regenerates test/fixtures/helm-charts/<chart>/expected/: what `helm template` prints for each
 * chart of the corpus, with its default values and with its values-override.yaml, under each
 * Helm release line of scripts/helm-binaries.mjs (run that first; it installs them all).
 *
 * Every run is `helm template platform ./chart --namespace platform-system --kube-version 1.30.0
 * --include-crds`, from the chart's corpus folder (so no absolute path reaches the output), with
 * HOME and Helm's config, cache and data folders pointed at an empty temporary folder. The
 * override run adds `-f values-override.yaml` and `--api-versions` for the Prometheus Operator,
 * VPA and cert-manager APIs, as a cluster that runs them reports. 1.30 is kasane's default
 * Kubernetes version.
 *
 * expected/ holds, for each case (default, override):
 * - <case>.yaml when every Helm line prints the same documents (random fields aside), else one
 *   <case>.helm-<line>.yaml per distinct output, named after the oldest line that prints it;
 * - <case>.error.txt instead when helm fails (its stderr), likewise per line if they differ;
 * - oracle.json: Helm versions, arguments, and per case the files, the random fields (each run
 *   is rendered twice, the second time in a later wall-clock second; fields whose value changed
 *   are random) and how each distinct output differs from the newest line's (documents moved,
 *   fields changed; a value missing on one side means the field is absent there).
 *
 * Usage: node scripts/oracle-helm.mjs [--check] [--corpus DIR] [chart ...]
 *   --check         render once more and compare with the committed files, random fields
 *                   masked; exit 1 on any difference, 2 when a Helm binary is missing
 *   --corpus DIR    a corpus folder other than test/fixtures/helm-charts (for tests)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HELM_LINES, helmPath, helmVersion } from './helm-binaries.mjs';
import { compareOutputs, movedDocuments, splitDocuments } from './helm-output.mjs';

const corpusArg = process.argv.indexOf('--corpus');
const corpus = corpusArg > 0 ? resolve(process.argv[corpusArg + 1] ?? '') : join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'helm-charts');
const RELEASE = 'platform';
const NAMESPACE = 'platform-system';
const KUBE_VERSION = '1.30.0';
const OVERRIDE_API_VERSIONS = [
  'monitoring.coreos.com/v1',
  'monitoring.coreos.com/v1/ServiceMonitor',
  'monitoring.coreos.com/v1/PodMonitor',
  'monitoring.coreos.com/v1/PrometheusRule',
  'autoscaling.k8s.io/v1',
  'autoscaling.k8s.io/v1/VerticalPodAutoscaler',
  'cert-manager.io/v1',
];
const CASES = {
  default: [],
  override: ['-f', 'values-override.yaml', ...OVERRIDE_API_VERSIONS.flatMap((v) => ['--api-versions', v])],
};

const helmHome = mkdtempSync(join(tmpdir(), 'kasane-oracle-helm-'));
const helmEnv = {
  PATH: process.env.PATH ?? '',
  HOME: helmHome,
  HELM_CACHE_HOME: join(helmHome, 'cache'),
  HELM_CONFIG_HOME: join(helmHome, 'config'),
  HELM_DATA_HOME: join(helmHome, 'data'),
};

function helmArgs(caseName) {
  return ['template', RELEASE, './chart', '--namespace', NAMESPACE, '--kube-version', KUBE_VERSION, '--include-crds', ...CASES[caseName]];
}

/** Runs one helm command in a chart's corpus folder; resolves with its status and output. */
function runHelm(line, chart, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(helmPath(line), args, { cwd: join(corpus, chart), env: helmEnv });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Renders twice, the second run starting in a later second, so `now` changes too. */
async function renderTwice(line, chart, args) {
  const first = await runHelm(line, chart, args);
  const ended = Math.floor(Date.now() / 1000);
  while (Math.floor(Date.now() / 1000) <= ended) await sleep(20);
  return { first, second: await runHelm(line, chart, args) };
}

/** Runs the tasks two at a time: the machines this runs on have two cores. */
async function inPairs(tasks) {
  const results = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

/** Random fields by document key: what changed between two renders of the same input. */
function randomFields(runs, into = new Map()) {
  for (const { first, second } of runs) {
    if (first.status !== 0) continue;
    for (const f of compareOutputs(first.stdout, second.stdout)) {
      if (f.type !== 'field') throw new Error(`helm printed different documents on two runs (${f.type} ${f.key ?? ''})`);
      into.set(f.key, [...new Set([...(into.get(f.key) ?? []), f.path])].sort());
    }
  }
  return into;
}

function describeRandom(random, output) {
  const docs = new Map(splitDocuments(output).map((d) => [d.key, d]));
  return [...random].map(([key, paths]) => ({ key, kind: docs.get(key)?.kind ?? '', name: docs.get(key)?.name ?? '', paths }));
}

/** Field and order differences of output `a` (Helm `lineA`) against `b` (`lineB`), random fields masked. */
function lineDifferences(lineA, a, lineB, b, random) {
  const fields = compareOutputs(a, b, random)
    .filter((f) => f.type !== 'order')
    .map(({ type, key, kind, name, path, a: va, b: vb }) => ({ type, key, kind, name, path, [lineA]: va, [lineB]: vb }));
  const moved = movedDocuments(a, b).map(({ key, afterA, afterB }) => ({ key, after: { [lineA]: afterA, [lineB]: afterB } }));
  return { fields, moved };
}

/** Groups the lines whose results are the same (by `same`), keeping the lines' order. */
function groupLines(results, same) {
  const groups = [];
  for (const [line, r] of results) {
    const group = groups.find((g) => same(g.result, r));
    if (group) group.lines.push(line);
    else groups.push({ lines: [line], result: r });
  }
  return groups;
}

/** Writes one file per group; returns the file of each line. */
function writeGroups(dir, caseName, groups, extension, content) {
  const outputs = {};
  for (const { lines, result } of groups) {
    const file = groups.length === 1 ? `${caseName}.${extension}` : `${caseName}.helm-${lines[0]}.${extension}`;
    writeFileSync(join(dir, file), content(result));
    for (const line of lines) outputs[line] = file;
  }
  return Object.fromEntries(HELM_LINES.map(({ line }) => [line, outputs[line]]));
}

/** Writes the files of one case and returns its oracle.json entry. */
function recordCase(chart, caseName, runsByLine) {
  const dir = join(corpus, chart, 'expected');
  const firsts = HELM_LINES.map(({ line }) => [line, runsByLine.get(line).first]);
  const args = helmArgs(caseName);
  const failed = firsts.filter(([, r]) => r.status !== 0);
  if (failed.length > 0) {
    if (failed.length !== firsts.length) throw new Error(`${chart} ${caseName}: helm fails under ${failed.map(([l]) => l).join(', ')} only`);
    const groups = groupLines(firsts, (a, b) => a.stderr === b.stderr);
    return { args, outputs: writeGroups(dir, caseName, groups, 'error.txt', (r) => r.stderr), failed: true };
  }
  const random = randomFields(HELM_LINES.map(({ line }) => runsByLine.get(line)));
  const groups = groupLines(firsts, (a, b) => compareOutputs(a.stdout, b.stdout, random).length === 0);
  const outputs = writeGroups(dir, caseName, groups, 'yaml', (r) => r.stdout);
  const newest = groups.find((g) => g.lines.includes(firsts.at(-1)[0]));
  const differences = groups
    .filter((g) => g !== newest)
    .map((g) => ({ lines: g.lines, against: newest.lines, ...lineDifferences(g.lines[0], g.result.stdout, newest.lines[0], newest.result.stdout, random) }));
  const documents = Object.fromEntries(firsts.map(([line, r]) => [line, splitDocuments(r.stdout).length]));
  return { args, outputs, failed: false, documents, random: describeRandom(random, newest.result.stdout), identical: groups.length === 1, differences };
}

async function regenerate(chart, versions) {
  const dir = join(corpus, chart, 'expected');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const cases = {};
  for (const caseName of Object.keys(CASES)) {
    const lines = HELM_LINES.map((l) => l.line);
    const runs = await inPairs(lines.map((line) => () => renderTwice(line, chart, helmArgs(caseName))));
    cases[caseName] = recordCase(chart, caseName, new Map(lines.map((line, i) => [line, runs[i]])));
  }
  const oracle = { chart, release: RELEASE, namespace: NAMESPACE, kubeVersion: KUBE_VERSION, helm: versions, cases };
  writeFileSync(join(dir, 'oracle.json'), `${JSON.stringify(oracle, null, 2)}\n`);
  const summary = Object.entries(cases).map(([name, c]) => `${name}: ${c.failed ? 'fails' : c.identical ? 'same' : 'differs'}${c.random?.length ? `, ${c.random.length} random` : ''}`);
  console.log(`${chart}: ${summary.join('; ')}`);
}

/** Problems found when rendering a chart again and comparing with its committed files. */
async function check(chart, versions) {
  const dir = join(corpus, chart, 'expected');
  if (!existsSync(join(dir, 'oracle.json'))) return [`${chart}: no expected/oracle.json (run node scripts/oracle-helm.mjs ${chart})`];
  const oracle = JSON.parse(readFileSync(join(dir, 'oracle.json'), 'utf8'));
  const problems = [];
  for (const [line, version] of Object.entries(versions)) {
    if (oracle.helm[line] !== version) problems.push(`${chart}: recorded with Helm ${oracle.helm[line]}, found ${version}`);
  }
  const jobs = Object.entries(oracle.cases).flatMap(([caseName, c]) => Object.keys(versions).map((line) => ({ caseName, c, line })));
  const results = await inPairs(
    jobs.map(
      ({ c, line }) =>
        () =>
          runHelm(line, chart, c.args),
    ),
  );
  jobs.forEach(({ caseName, c, line }, i) => {
    const r = results[i];
    const expected = readFileSync(join(dir, c.outputs[line]), 'utf8');
    const where = `${chart} ${caseName} (Helm ${line})`;
    if (c.failed) {
      if (r.status === 0 || r.stderr !== expected) problems.push(`${where}: expected helm to fail with ${JSON.stringify(expected.trim())}, got status ${r.status}: ${r.stderr.trim()}`);
      return;
    }
    if (r.status !== 0) return problems.push(`${where}: helm failed: ${r.stderr.trim()}`);
    const masked = new Map(c.random.map((d) => [d.key, d.paths]));
    for (const f of compareOutputs(expected, r.stdout, masked).slice(0, 5)) problems.push(`${where}: ${f.type} ${f.key ?? ''} ${f.path ?? ''}`.trimEnd());
  });
  return problems;
}

function installedVersions() {
  const versions = {};
  for (const { line } of HELM_LINES) {
    const version = helmVersion(helmPath(line));
    if (!version) {
      console.error(`Helm ${line} is not installed at ${helmPath(line)}: run node scripts/helm-binaries.mjs`);
      process.exit(2);
    }
    versions[line] = version;
  }
  return versions;
}

async function main(argv) {
  const versions = installedVersions();
  const named = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--corpus');
  const charts = readdirSync(corpus, { withFileTypes: true })
    .filter((e) => e.isDirectory() && (named.length === 0 || named.includes(e.name)))
    .map((e) => e.name)
    .sort();
  if (!argv.includes('--check')) {
    for (const chart of charts) await regenerate(chart, versions);
    return 0;
  }
  const problems = [];
  for (const chart of charts) problems.push(...(await check(chart, versions)));
  for (const p of problems) console.error(p);
  console.log(problems.length === 0 ? `${charts.length} charts match their expected output` : `${problems.length} differences`);
  return problems.length === 0 ? 0 : 1;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} finally {
  rmSync(helmHome, { recursive: true, force: true });
}
