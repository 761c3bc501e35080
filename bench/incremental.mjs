#!/usr/bin/env node
// The incremental render benchmark: the reference workload (../shared/bench/WORKLOAD.md, N
// components x dev, staging, prod) re-rendered by `kasane render` after the edits people make
// day to day, against cdk8s synth and the Node floor (floor.mjs) in the same run.
//
//   node bench/incremental.mjs [--n 1000] [--runs 5] [--baseline DIR]
//                                        (after `npm run bench` prepared bench/work/)
//
// --baseline DIR: a built checkout of another kasane commit (say, `git archive` of main with
// `node scripts/build.mjs` run in it); its "one component edited" and "replica override
// edited" rows run in the same rounds, on copies of their own, for a before/after in one run.
//
// Each kasane row works on its own copy of bench/work/kasane-N with its own output folder and
// cache; before each timed run (untimed) the row's edit is toggled, so every timed run sees one
// change against the previous run's output and cache:
// - one component's data edited: comp-0001's image in components/catalog.ts alternates between
//   two repositories (one object changes in each environment; every environment's key changes);
// - one replica override edited: environments/prod.ts alternates between the project's and the
//   "edited" variant's (one Deployment of prod gets 9 replicas; dev and staging are unchanged);
// - nothing changed, `render --check`, and nothing changed, `render` (the output folder is up
//   to date): both answered from the input manifest, without loading the project;
// - floors of the unchanged rows: `node -e ''`, `kasane --version` (kasane's start-up), and
//   reading and hashing the project's sources and its output folder (read-floor.mjs);
// - cache deleted: the whole cache folder (compiled bundle and rendered environments) is removed
//   before the run, which then renders over an up-to-date output folder.
// Rounds alternate between all rows (harness.mjs), one warm-up round first.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { alternate, pairedRatio, requireGnuTime, sh, spread, table } from './harness.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(REPO, 'bench', 'work');
const KASANE = path.join(REPO, 'bin', 'kasane.js');
const { values: opts } = parseArgs({ options: { n: { type: 'string', default: '1000' }, runs: { type: 'string', default: '5' }, baseline: { type: 'string' } } });
const BASELINE = opts.baseline ? path.join(path.resolve(opts.baseline), 'bin', 'kasane.js') : undefined;
const n = Number(opts.n);
const runs = Math.max(5, Number(opts.runs));
const q = (p) => `'${p}'`;
const log = (line) => process.stderr.write(`bench: ${line}\n`);
const print = (text = '') => process.stdout.write(`${text}\n`);

const source = path.join(WORK, `kasane-${n}`);
const edited = path.join(WORK, `kasane-${n}-edited`);
const app = path.join(WORK, `cdk-${n}`);
for (const dir of [source, edited, app]) {
  if (!existsSync(dir)) {
    process.stderr.write(`bench: ${dir} is missing: run \`npm run bench -- --sizes ${n}\` first\n`);
    process.exit(2);
  }
}
requireGnuTime();

/** A fresh copy of the project for one row, with its two variants of the edited file. */
function copyFor(name, file, variant) {
  const dir = path.join(WORK, `inc-${n}-${name}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, { recursive: true, filter: (f) => !f.includes(`${path.sep}node_modules${path.sep}.cache`) });
  if (file) {
    writeFileSync(path.join(dir, `${file}.a`), readFileSync(path.join(dir, file)));
    writeFileSync(path.join(dir, `${file}.b`), variant(readFileSync(path.join(dir, file), 'utf8')));
  }
  return dir;
}

/** A shell command that swaps `file` of `dir` between its two variants. */
function toggle(dir, file) {
  const f = q(path.join(dir, file));
  return `if cmp -s ${f} ${f}.a; then cp ${f}.b ${f}; else cp ${f}.a ${f}; fi`;
}

const render = (dir, extra = '', kasane = KASANE) => `node ${q(kasane)} render -C ${q(dir)} --out ${q(path.join(dir, 'out'))}${extra}`;

const editImage = (text) => text.replace('"image":"registry.example.com/shop/comp-0001"', '"image":"registry.example.com/shop-next/comp-0001"');
const editReplicas = () => readFileSync(path.join(edited, 'environments', 'prod.ts'), 'utf8');
const component = copyFor('component', 'components/catalog.ts', editImage);
const replicas = copyFor('replicas', 'environments/prod.ts', editReplicas);
const unchanged = copyFor('check');
const upToDate = copyFor('up-to-date');
const deleted = copyFor('deleted');
for (const dir of [component, replicas, unchanged, upToDate, deleted]) sh(`${render(dir)} > /dev/null 2>&1`);

/** The baseline's rows: the same edits on copies of their own, rendered by the baseline's kasane. */
function baselineRows() {
  if (!BASELINE) return [];
  const rows = [
    { name: 'baseline, one component edited', dir: copyFor('base-component', 'components/catalog.ts', editImage), file: 'components/catalog.ts' },
    { name: 'baseline, replica override edited', dir: copyFor('base-replicas', 'environments/prod.ts', editReplicas), file: 'environments/prod.ts' },
  ];
  for (const { dir } of rows) sh(`${render(dir, '', BASELINE)} > /dev/null 2>&1`);
  return rows.map(({ name, dir, file }) => ({ name, before: toggle(dir, file), cmd: render(dir, '', BASELINE) }));
}

const commands = [
  ...baselineRows(),
  { name: 'kasane, one component edited', before: toggle(component, 'components/catalog.ts'), cmd: render(component) },
  { name: 'kasane, replica override edited', before: toggle(replicas, 'environments/prod.ts'), cmd: render(replicas) },
  { name: 'kasane, nothing changed, --check', cmd: render(unchanged, ' --check') },
  { name: 'kasane, nothing changed, render', cmd: render(upToDate) },
  { name: 'kasane, cache deleted', before: `rm -rf ${q(path.join(deleted, 'node_modules', '.cache'))}`, cmd: render(deleted) },
  { name: 'cdk8s synth', cmd: `node ${q(path.join(app, 'main.mjs'))} --out ${q(path.join(WORK, 'out', `inc-cdk8s-${n}`))}` },
  { name: 'floor (yaml)', cmd: `node ${q(path.join(app, 'floor.mjs'))} --out ${q(path.join(WORK, 'out', `inc-floor-${n}`))}` },
  // The floor of the unchanged rows: Node's start-up, kasane's, and reading the sources and the output folder.
  { name: 'floor: node -e ""', cmd: `node -e ''` },
  { name: 'floor: kasane --version', cmd: `node ${q(KASANE)} --version` },
  { name: 'floor: read sources and output', cmd: `node ${q(path.join(REPO, 'bench', 'read-floor.mjs'))} ${q(unchanged)}` },
];

const samples = alternate(commands, { runs, warmup: 1, log });
print(`### Incremental render, N = ${n} (${4 * n} objects per environment, three environments; ${runs} runs each, median (min–max))\n`);
print(
  table(
    ['command', 'wall s', 'cpu s (user+sys)', 'peak RSS MiB'],
    Object.entries(samples).map(([name, s]) => [name, spread(s, 'wall', 3), spread(s, 'cpu', 2), spread(s, 'peakMiB', 0)]),
  ),
);
print('\nratios (median of per-round ratios):\n');
const rows = [];
for (const mine of Object.keys(samples).filter((name) => name.startsWith('kasane') || name.startsWith('floor:') || name.startsWith('baseline'))) {
  for (const other of ['cdk8s synth', 'floor (yaml)']) {
    rows.push([`${mine} / ${other}`, ...['wall', 'cpu', 'peakMiB'].map((m) => pairedRatio(samples[mine], samples[other], m).toFixed(3))]);
  }
}
print(table(['ratio', 'wall', 'cpu', 'peak RSS'], rows));
print();

// Where the time goes: one more run of each edit with --timings (untimed by the harness).
print('### `--timings` of one more run of each kasane row\n');
for (const [name, dir, file, extra] of [
  ['one component edited', component, 'components/catalog.ts', ''],
  ['replica override edited', replicas, 'environments/prod.ts', ''],
  ['nothing changed, --check', unchanged, undefined, ' --check'],
]) {
  if (file) sh(toggle(dir, file));
  const r = sh(`${render(dir, `${extra} --timings`)} 2>&1`);
  print(
    `${name}:\n\n\`\`\`\n${r.stdout
      .split('\n')
      .filter((l) => / ms$/.test(l))
      .join('\n')}\n\`\`\`\n`,
  );
}
writeFileSync(path.join(WORK, 'last-incremental-run.json'), `${JSON.stringify(samples, null, 2)}\n`);
