#!/usr/bin/env node
// What rendering a vendored chart through kasane costs over running `helm template` alone, for
// every chart and case of the corpus (test/fixtures/helm-charts/).
//
//   node bench/charts.mjs [--runs 5] [--helm 4.1] [chart ...]
//
// Both sides run the same helm binary with the same arguments and values (on stdin), in this
// process, alternating round by round after one warm-up round: `helm` spawns helm and collects
// its output; the others are renderChart (src/charts/render-chart.ts, bundled with esbuild into
// bench/work/): helm, reading the output into objects with their templates, the hook policy, and
// the random check (a second helm run for charts whose templates name a random or clock
// function). `warm` keeps the document cache a render keeps in node_modules/.cache/kasane
// between rounds (as after any earlier render with the same values); `cold` starts each round
// with an empty cache (the first render with new values); `cold, no random check` also leaves
// the random check out. `helm ×2` runs two helm processes at once, as the random check does: the
// floor of a cold render of a chart the check runs helm twice for. Prints min/median/max wall
// times in ms, each median over helm's, the median CPU time kasane's own process spent (helm's
// CPU is not in it), and the load average before and after, as Markdown.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { parse } from 'yaml';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.join(REPO, 'test/fixtures/helm-charts');
const { values: flags, positionals } = parseArgs({ options: { runs: { type: 'string', default: '5' }, helm: { type: 'string', default: '4.1' } }, allowPositionals: true });
const RUNS = Number(flags.runs);

const work = path.join(REPO, 'bench/work/charts');
mkdirSync(work, { recursive: true });
await build({
  entryPoints: { charts: path.join(REPO, 'bench/charts-entry.ts') },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outdir: work,
  outExtension: { '.js': '.mjs' },
  logLevel: 'error',
  external: ['yaml', 'zod'],
});
const lib = await import(pathToFileURL(path.join(work, 'charts.mjs')).href);
const env = {
  PATH: process.env.PATH ?? '',
  HOME: work,
  HELM_CACHE_HOME: path.join(work, 'h/cache'),
  HELM_CONFIG_HOME: path.join(work, 'h/config'),
  HELM_DATA_HOME: path.join(work, 'h/data'),
  KASANE_HELM: path.join(REPO, 'node_modules/.cache/kasane-helm', flags.helm, 'helm'),
};
const helm = await lib.findHelm({ env, cwd: REPO });

/** Spawns helm and collects its output, as a user's own `helm template` would. */
function rawHelm(args, stdin) {
  return new Promise((resolve) => {
    const child = spawn(helm.binary, args, { env });
    const out = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.resume();
    child.on('close', () => resolve(Buffer.concat(out).toString('utf8')));
    child.stdin.end(stdin);
  });
}

/** Wall and CPU milliseconds of `fn` (CPU of this process only). */
async function timed(fn) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s.at(-1) };
};
const fmt = ({ min, median, max }) => `${min.toFixed(0)} / ${median.toFixed(0)} / ${max.toFixed(0)}`;

const charts = (
  positionals.length
    ? positionals
    : readdirSync(CORPUS, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
).sort();
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
console.log(`Helm ${helm.version.text}, ${RUNS} runs each after one warm-up, wall ms min / median / max, load average ${load()}\n`);
console.log('| chart | case | output KB | helm template | helm ×2 | overhead | warm | overhead | cold | overhead | cold, no random check | overhead | kasane CPU ms, warm / cold |');
console.log('| --- | --- | ---: | --- | --- | ---: | --- | ---: | --- | ---: | --- | ---: | ---: |');
for (const name of charts) {
  const oracle = JSON.parse(readFileSync(path.join(CORPUS, name, 'expected/oracle.json'), 'utf8'));
  const dir = path.join(CORPUS, name, 'chart');
  const chart = { name, dir, files: (await lib.readChartFolder(dir)).files };
  for (const [caseName, c] of Object.entries(oracle.cases)) {
    if (c.failed) continue;
    const at = c.args.indexOf('-f');
    const values = at < 0 ? {} : parse(readFileSync(path.join(CORPUS, name, c.args[at + 1]), 'utf8'), { version: '1.1' });
    const apiVersions = c.args.flatMap((a, i) => (c.args[i - 1] === '--api-versions' ? [a] : []));
    const options = { release: oracle.release, namespace: oracle.namespace, kubeVersion: oracle.kubeVersion, values, apiVersions };
    const args = lib.helmTemplateArgs(chart, options, oracle.kubeVersion);
    const stdin = args.includes('-') ? JSON.stringify(values) : '';
    const cacheDir = path.join(work, 'cache', `${name}-${caseName}`);
    const coldDir = path.join(work, 'cache', `${name}-${caseName}-cold`);
    rmSync(cacheDir, { recursive: true, force: true });
    const digest = lib.treeDigest(chart.files);
    const render = async (dir, extra) => {
      const cache = await lib.openDocumentCache(dir, digest);
      await lib.renderChart(chart, { ...options, ...extra, cache }, helm);
      await cache.save();
    };
    const cold = (extra) => {
      rmSync(coldDir, { recursive: true, force: true });
      return render(coldDir, extra);
    };
    let size = 0;
    const sides = {
      helm: async () => {
        size = (await rawHelm(args, stdin)).length;
      },
      twice: () => Promise.all([rawHelm(args, stdin), rawHelm(args, stdin)]),
      warm: () => render(cacheDir, {}),
      cold: () => cold({}),
      plain: () => cold({ randomCheck: 'off' }),
    };
    const times = Object.fromEntries(Object.keys(sides).map((side) => [side, []]));
    for (let round = 0; round <= RUNS; round++) {
      for (const [side, fn] of Object.entries(sides)) {
        const t = await timed(fn);
        if (round > 0) times[side].push(t);
      }
    }
    const wall = (side) => stats(times[side].map((t) => t.wall));
    const cpu = (side) => stats(times[side].map((t) => t.cpu)).median.toFixed(0);
    const h = wall('helm');
    const pct = (x) => `${x.median >= h.median ? '+' : ''}${(((x.median - h.median) / h.median) * 100).toFixed(0)} %`;
    const cells = ['twice', 'warm', 'cold', 'plain'].map((side) => `${fmt(wall(side))} | ${pct(wall(side))}`);
    console.log(`| ${name} | ${caseName} | ${(size / 1024).toFixed(0)} | ${fmt(h)} | ${cells.join(' | ')} | ${cpu('warm')} / ${cpu('cold')} |`);
  }
}
console.log(`\nload average at the end: ${load()}`);
