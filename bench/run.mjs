#!/usr/bin/env node
// kasane's rendering benchmark: the reference workload of ../shared/bench/WORKLOAD.md (N
// components x dev, staging, prod) rendered by kasane, by the cdk8s app, by the Node floor
// (floor.mjs, the `yaml` package's emitter) and by `kubectl kustomize`.
//
//   npm run bench -- [--sizes 10,100,1000] [--runs 5] [--kustomize-1000] [--skip-prepare]
//
// 1. builds dist/ and prepares bench/work/ (git-ignored): the Kustomize trees, the cdk8s app
//    and its dependencies (../shared/bench/prepare.sh, which also checks cdk8s and the floor
//    against Kustomize at N <= 100), and the kasane project (bench/gen-kasane.mjs);
// 2. checks that kasane's output equals Kustomize's, object for object, at every N <= 100
//    (../shared/bench/compare.mjs); any difference stops the run;
// 3. times, alternating round by round, at least 5 counted runs each after one warm-up:
//    kasane render of all three environments (full pipeline, validation on) into an empty
//    folder (the old one moved aside, not deleted: see moveAside in harness.mjs) and into an
//    empty folder in memory, both from scratch (--no-cache); with the render cache (see
//    bench/incremental.mjs for the edits of the incremental render),
//    into an up-to-date folder and over the output of a project one line away (one
//    Deployment of prod changes), cdk8s synth, the floor, and `kubectl kustomize` (idiomatic
//    tree) at N <= 100; with --kustomize-1000, Kustomize at N = 1000 once, on the lean tree;
// 4. prints the stage table (`--timings`) at the largest N, the example platform's cold start
//    against bare `node -e ''` and against npx starting a bin that does nothing, and what `render --check` costs with and without the compile cache.
// Everything is printed as Markdown; the raw samples go to bench/work/last-run.json.
import { existsSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { alternate, emptyTrash, moveAside, pairedRatio, requireGnuTime, sh, spread, stats, table, timeOnce } from './harness.mjs';
import { writeKasaneProject } from './gen-kasane.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(REPO, '..', 'shared', 'bench');
const WORK = path.join(REPO, 'bench', 'work');
const DEPS = path.join(WORK, 'deps');
const OUT = path.join(WORK, 'out');
/** Earlier outputs, moved aside before each timed run and deleted at the end (harness.mjs moveAside). */
const TRASH = path.join(WORK, 'trash');
const KASANE = path.join(REPO, 'bin', 'kasane.js');
const ENVS = ['dev', 'staging', 'prod'];
/** A folder on a RAM file system (Linux), for the in-memory row; absent elsewhere. */
const MEMORY_OUT = existsSync('/dev/shm') ? path.join('/dev/shm', `kasane-bench-${process.pid}`) : undefined;

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10,100,1000' },
    runs: { type: 'string', default: '5' },
    'kustomize-1000': { type: 'boolean', default: false },
    'skip-prepare': { type: 'boolean', default: false },
  },
});
const sizes = opts.sizes.split(',').map(Number);
const runs = Math.max(5, Number(opts.runs));
const log = (line) => process.stderr.write(`bench: ${line}\n`);
const print = (text = '') => process.stdout.write(`${text}\n`);
const q = (p) => `'${p}'`;

function prepare() {
  log('building dist/');
  sh('node scripts/build.mjs --no-types', { cwd: REPO });
  if (opts['skip-prepare']) return;
  log(`preparing trees for N = ${sizes.join(', ')} (../shared/bench/prepare.sh)`);
  sh(`bash ${q(path.join(SHARED, 'prepare.sh'))} ${sizes.join(' ')}`, { env: { WORK, DEPS, CHECK_MAX_N: '100' } });
  for (const n of sizes) {
    rmSync(path.join(WORK, `kasane-${n}`), { recursive: true, force: true });
    writeKasaneProject(n, path.join(WORK, `kasane-${n}`));
    rmSync(path.join(WORK, `kasane-${n}-edited`), { recursive: true, force: true });
    writeKasaneProject(n, path.join(WORK, `kasane-${n}-edited`), { edited: true });
  }
}

/** kasane's output must equal Kustomize's object for object (prepare.sh left Kustomize's in check-N/). */
function checkEquivalence(n) {
  for (const env of ENVS) {
    const mine = path.join(WORK, `check-${n}`, `kasane-${env}.yaml`);
    sh(`node ${q(KASANE)} render -C ${q(path.join(WORK, `kasane-${n}`))} --stdout ${env} > ${q(mine)}`);
    const kz = path.join(WORK, `check-${n}`, `kz-${env}.yaml`);
    try {
      const r = sh(`node ${q(path.join(SHARED, 'compare.mjs'))} --deps ${q(DEPS)} ${q(kz)} ${q(mine)}`);
      log(`N=${n} ${env}: ${r.stdout.trim().split('\n').pop()}`);
    } catch (error) {
      process.stderr.write(`\nbench: FAIL: kasane's ${env} at N=${n} differs from kubectl kustomize\n${error.message}\n`);
      process.exit(1);
    }
  }
}

function commandsFor(n) {
  const out = (name) => path.join(OUT, `${name}-${n}`);
  const fresh = (dir) => moveAside(dir, TRASH);
  const app = path.join(WORK, `cdk-${n}`);
  const kasane = `node ${q(KASANE)} render -C ${q(path.join(WORK, `kasane-${n}`))} --out`;
  const edited = path.join(WORK, `kasane-${n}-edited`);
  if (!existsSync(edited)) writeKasaneProject(n, edited, { edited: true });
  const list = [
    // A cold render: --no-cache, or every round after the warm-up would come from the render cache.
    { name: 'kasane', before: fresh(out('kasane')), cmd: `${kasane} ${q(out('kasane'))} --no-cache` },
    // The same into an empty folder in memory: kasane's own cost of creating 4N + 3 files per
    // environment, without the disk (see RESULTS.md on this VM's disk).
    ...(MEMORY_OUT
      ? [{ name: 'kasane, empty folder in memory', before: `rm -rf ${q(path.join(MEMORY_OUT, `kasane-${n}`))}`, cmd: `${kasane} ${q(path.join(MEMORY_OUT, `kasane-${n}`))} --no-cache` }]
      : []),
    { name: 'kasane, output up to date', cmd: `${kasane} ${q(out('kasane-steady'))}` },
    // The unedited output is put back untimed; the timed render changes one file of prod.
    { name: 'kasane, one object changed', before: `${kasane} ${q(out('kasane-edit'))} > /dev/null 2>&1`, cmd: `node ${q(KASANE)} render -C ${q(edited)} --out ${q(out('kasane-edit'))}` },
    { name: 'cdk8s synth', before: fresh(out('cdk8s')), cmd: `node ${q(path.join(app, 'main.mjs'))} --out ${q(out('cdk8s'))}` },
    { name: 'floor (yaml)', before: fresh(out('floor')), cmd: `node ${q(path.join(app, 'floor.mjs'))} --out ${q(out('floor'))}` },
  ];
  if (n <= 100) list.push({ name: 'kubectl kustomize', before: fresh(out('kz')) + ` && mkdir -p ${q(out('kz'))}`, cmd: kustomizeAll(path.join(WORK, `kz-${n}`), out('kz')) });
  return list;
}

function kustomizeAll(tree, dir) {
  return ENVS.map((e) => `kubectl kustomize ${q(path.join(tree, 'overlays', e))} -o ${q(path.join(dir, `${e}.yaml`))}`).join(' && ');
}

function sizeSection(n, samples) {
  const rows = Object.entries(samples).map(([name, s]) => [name, spread(s, 'wall', 3), spread(s, 'cpu', 2), spread(s, 'peakMiB', 0)]);
  print(`### N = ${n} (${4 * n} objects per environment, all three environments; ${runs} runs each, median (min–max))\n`);
  print(table(['command', 'wall s', 'cpu s (user+sys)', 'peak RSS MiB'], rows));
  const ratio = (mine, other, metric = 'wall') => (samples[mine] && samples[other] ? pairedRatio(samples[mine], samples[other], metric).toFixed(3) : 'n/a');
  print('\nratios (median of per-round ratios):\n');
  const ratios = [];
  for (const mine of Object.keys(samples).filter((name) => name.startsWith('kasane'))) {
    for (const other of ['cdk8s synth', 'floor (yaml)', 'kubectl kustomize']) {
      if (samples[other]) ratios.push([`${mine} / ${other}`, ratio(mine, other), ratio(mine, other, 'cpu'), ratio(mine, other, 'peakMiB')]);
    }
  }
  print(table(['ratio', 'wall', 'cpu', 'peak RSS'], ratios));
  print();
}

function linearity(all) {
  const variants = Object.keys(all[sizes[0]]).filter((name) => name.startsWith('kasane') && sizes.every((n) => all[n][name]));
  for (const variant of variants) {
    print(`### Scaling with N (medians; ${variant})\n`);
    const at = (n, metric) => stats(all[n][variant], metric).median;
    print(
      table(
        ['N', 'wall s', 'cpu s', 'peak MiB'],
        sizes.map((n) => [String(n), at(n, 'wall').toFixed(3), at(n, 'cpu').toFixed(2), at(n, 'peakMiB').toFixed(0)]),
      ),
    );
    for (let i = 1; i < sizes.length; i++) {
      const [a, b] = [sizes[i - 1], sizes[i]];
      const per = (metric, scale) => ((at(b, metric) - at(a, metric)) / (b - a)) * scale;
      print(`\nN ${a} → ${b}: ${per('wall', 1000).toFixed(2)} ms wall and ${per('peakMiB', 1024).toFixed(0)} KiB peak per added component`);
    }
    print();
  }
}

/** The stages `kasane render --timings` prints for each environment, in order (src/pipeline/stages.ts), and the write. */
const STAGE_COLUMNS = ['build', 'secrets', 'overlay', 'seal', 'validate', 'emit', 'write'];

function stageTable(n) {
  const out = path.join(OUT, `timings-${n}`);
  const r = sh(`${moveAside(out, TRASH)} && node ${q(KASANE)} render -C ${q(path.join(WORK, `kasane-${n}`))} --no-cache --timings --out ${q(out)} 2>&1`);
  const lines = r.stdout.split('\n').filter((l) => /^\w+: build /.test(l));
  const rows = lines.map((l) => {
    const [env, rest] = l.split(': ');
    const stages = Object.fromEntries(
      rest
        .split(', ')
        .map((p) => p.split(' '))
        .map(([k, v]) => [k, v]),
    );
    return [env, ...STAGE_COLUMNS.map((stage) => stages[stage] ?? 'n/a')];
  });
  const once = (name) => new RegExp(`^${name}: ([0-9.]+) ms$`, 'm').exec(r.stdout)?.[1] ?? 'n/a';
  print(`### Stages at N = ${n} (\`kasane render --timings\` into an empty folder, ms, one run)\n`);
  print(table(['env', ...STAGE_COLUMNS], rows));
  print(`\nload ${once('load')} ms (once, before the environments); commit ${once('commit')} ms (once, after them)`);
  print();
}

/** A copy of the example platform with kasane installed the way a user installs it, so `npx kasane` resolves locally. */
function exampleProject() {
  const dir = path.join(WORK, 'example');
  rmSync(dir, { recursive: true, force: true });
  for (const p of ['components', 'environments', 'kasane.config.ts']) cpSync(path.join(REPO, p), path.join(dir, p), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(REPO, path.join(dir, 'node_modules', 'kasane'), 'dir');
  symlinkSync('../kasane/bin/kasane.js', path.join(dir, 'node_modules', '.bin', 'kasane'));
  // npx's own cost: a local bin that starts Node and does nothing, found the same way as kasane.
  writeFileSync(path.join(dir, 'node_modules', '.bin', 'noop'), '#!/usr/bin/env node\n', { mode: 0o755 });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'shop', private: true, type: 'module', dependencies: { kasane: 'file:../..' } }, null, 2)}\n`);
  return dir;
}

function cacheFiles(dir) {
  const cache = path.join(dir, 'node_modules', '.cache', 'kasane');
  if (!existsSync(cache)) return [];
  return readdirSync(cache)
    .sort()
    .map((f) => `${f}@${statSync(path.join(cache, f)).mtimeMs}`);
}

async function startAndCache() {
  const dir = exampleProject();
  const out = path.join(OUT, 'example');
  const dropCache = `rm -rf ${q(path.join(dir, 'node_modules', '.cache'))}`;
  sh(`npx kasane render --out ${q(out)}`, { cwd: dir });
  const samples = alternate(
    [
      { name: "node -e ''", cmd: "node -e ''" },
      { name: 'npx noop (a bin that does nothing)', cmd: 'npx noop', cwd: dir },
      { name: 'npx kasane render', cmd: `npx kasane render --out ${q(out)}`, cwd: dir },
      { name: 'node bin/kasane.js render', cmd: `node ${q(KASANE)} render --out ${q(out)}`, cwd: dir },
      { name: 'npx kasane render, no compile cache', before: dropCache, cmd: `npx kasane render --out ${q(out)}`, cwd: dir },
      { name: 'kasane render --check', cmd: `node ${q(KASANE)} render --check --out ${q(out)}`, cwd: dir },
      { name: 'kasane render --check, no compile cache', before: dropCache, cmd: `node ${q(KASANE)} render --check --out ${q(out)}`, cwd: dir },
    ],
    { runs, log },
  );
  print('### Example platform: start-up and the compile cache\n');
  const bare = samples["node -e ''"];
  const rows = Object.entries(samples).map(([name, s]) => [name, spread(s, 'wall', 3), spread(s, 'cpu', 2), spread(s, 'peakMiB', 0), pairedRatio(s, bare, 'wall').toFixed(2)]);
  print(table(['command', 'wall s', 'cpu s', 'peak MiB', "wall / node -e ''"], rows));

  // Does an unchanged project skip the compiler? Ask the loader, and check the cache files.
  const before = cacheFiles(dir);
  sh(`node ${q(KASANE)} render --check --out ${q(out)}`, { cwd: dir });
  const after = cacheFiles(dir);
  const { loadProject } = await import(pathToFileURL(path.join(REPO, 'dist', 'pipeline.js')).href);
  const loaded = await loadProject(dir);
  print(
    `\ncompile cache: \`render --check\` of the unchanged project left the cache files ${before.join(',') === after.join(',') ? 'untouched (no recompile)' : 'CHANGED (it recompiled)'}; loadProject reports cached = ${loaded.cached}\n`,
  );
  return samples;
}

async function main() {
  requireGnuTime();
  prepare();
  mkdirSync(OUT, { recursive: true });
  const all = {};
  for (const n of sizes) if (n <= 100) checkEquivalence(n);
  print(
    `## kasane render benchmark\n\nmachine: ${sh('nproc').stdout.trim()} cores, ${sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").stdout.trim()}, ${sh("free -m | awk '/Mem:/ {print $2}'").stdout.trim()} MiB; node ${process.version}\n`,
  );
  for (const n of sizes) {
    const steady = path.join(OUT, `kasane-steady-${n}`);
    sh(`node ${q(KASANE)} render -C ${q(path.join(WORK, `kasane-${n}`))} --out ${q(steady)}`);
    all[n] = alternate(commandsFor(n), { runs, log: (l) => log(`N=${n} ${l}`) });
    sizeSection(n, all[n]);
  }
  if (opts['kustomize-1000'] && sizes.includes(1000)) {
    log('N=1000 kubectl kustomize (lean tree), once: several minutes');
    const kz = timeOnce(kustomizeAll(path.join(WORK, 'kzl-1000'), path.join(OUT, 'kzl-1000')).replace(/^/, `mkdir -p ${q(path.join(OUT, 'kzl-1000'))} && `));
    all['kustomize-1000'] = [kz];
    const ratios = Object.entries(all[1000])
      .filter(([name]) => name.startsWith('kasane'))
      .map(([name, s]) => `${name}: ${(stats(s, 'wall').median / kz.wall).toFixed(4)}`);
    print(
      `### N = 1000, kubectl kustomize (lean tree, once)\n\nwall ${kz.wall.toFixed(1)} s, cpu ${kz.cpu.toFixed(1)} s, peak ${kz.peakMiB.toFixed(0)} MiB; median wall / kustomize wall: ${ratios.join('; ')}\n`,
    );
  }
  if (sizes.length > 1) linearity(all);
  stageTable(Math.max(...sizes));
  all.start = await startAndCache();
  if (MEMORY_OUT) rmSync(MEMORY_OUT, { recursive: true, force: true });
  emptyTrash(TRASH);
  writeFileSync(path.join(WORK, 'last-run.json'), `${JSON.stringify(all, null, 1)}\n`);
  log(`samples written to ${path.relative(REPO, path.join(WORK, 'last-run.json'))}`);
}

await main();
