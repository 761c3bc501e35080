#!/usr/bin/env node
// The import benchmark: `kasane import` of the reference workload's Kustomize trees
// (../shared/bench/WORKLOAD.md, N components x dev, staging, prod; the idiomatic tree and the
// lean one of gen-kustomize.mjs), against `kubectl kustomize` of the same trees.
//
//   node bench/import.mjs [--sizes 100,1000] [--runs 5] [--kustomize-1000]
//
// 1. builds dist/ and writes the trees that bench/work/ lacks (kz-N idiomatic, kzl-N lean);
// 2. checks, untimed, that each import is exact: at N <= 100 the import itself compares every
//    environment with `kubectl kustomize` (exit 0 only on a zero diff); at N = 1000, with
//    --kustomize-1000, the imported project's `kasane render <env> --stdout` must equal
//    kubectl's output byte for byte;
// 3. times, alternating round by round, at least 5 counted runs each after one warm-up:
//    `kasane import` of each tree into an empty folder (the previous one moved aside, see
//    moveAside in harness.mjs). The import ends with a zero-diff check that asks
//    `kubectl kustomize` for each overlay; the timed runs see a PATH without kubectl, so the
//    check is skipped and the time is kasane's own: reading the tree, writing the project,
//    compiling it and rendering every environment in process. At N <= 100 `kubectl kustomize`
//    of the three overlays of each tree runs in the same rounds; at N = 1000 (several minutes
//    per overlay) only with --kustomize-1000, once per tree;
// 4. prints the import's time as a fraction of kubectl's against the target (< 1/20).
// Everything is printed as Markdown; the raw samples go to bench/work/last-import-run.json.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { alternate, emptyTrash, moveAside, pairedRatio, requireGnuTime, sh, spread, stats, table, timeOnce } from './harness.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(REPO, '..', 'shared', 'bench');
const WORK = path.join(REPO, 'bench', 'work');
const OUT = path.join(WORK, 'out');
const TRASH = path.join(WORK, 'trash');
const KASANE = path.join(REPO, 'bin', 'kasane.js');
const ENVS = ['dev', 'staging', 'prod'];
/** The target of the import: less than this fraction of `kubectl kustomize`'s wall time. */
const TARGET = 1 / 20;
const TREES = [
  { style: 'idiomatic', prefix: 'kz' },
  { style: 'lean', prefix: 'kzl' },
];

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000' },
    runs: { type: 'string', default: '5' },
    'kustomize-1000': { type: 'boolean', default: false },
  },
});
const sizes = opts.sizes.split(',').map(Number);
const runs = Math.max(5, Number(opts.runs));
const log = (line) => process.stderr.write(`bench: ${line}\n`);
const print = (text = '') => process.stdout.write(`${text}\n`);
const q = (p) => `'${p}'`;

/** A folder whose only program is node: the import run from it finds no kubectl and skips its check. */
function pathWithoutKubectl() {
  const dir = path.join(WORK, 'bin-without-kubectl');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  symlinkSync(process.execPath, path.join(dir, 'node'));
  return dir;
}

function prepare() {
  log('building dist/');
  sh('node scripts/build.mjs --no-types', { cwd: REPO });
  for (const n of sizes) {
    for (const { style, prefix } of TREES) {
      const tree = path.join(WORK, `${prefix}-${n}`);
      if (!existsSync(path.join(tree, 'overlays', 'prod', 'kustomization.yaml'))) sh(`node ${q(path.join(SHARED, 'gen-kustomize.mjs'))} ${n} ${q(tree)} --style ${style} --force`);
    }
  }
}

const importTo = (tree, out) => `node ${q(KASANE)} import ${q(tree)} --out ${q(out)}`;
const kustomizeAll = (tree, dir) => [`mkdir -p ${q(dir)}`, ...ENVS.map((e) => `kubectl kustomize ${q(path.join(tree, 'overlays', e))} -o ${q(path.join(dir, `${e}.yaml`))}`)].join(' && ');

/** At N <= 100: the import with its own zero-diff check against kubectl must exit 0. */
function checkWithKubectl(n, prefix) {
  const out = path.join(OUT, `import-check-${prefix}-${n}`);
  rmSync(out, { recursive: true, force: true });
  try {
    const r = sh(`${importTo(path.join(WORK, `${prefix}-${n}`), out)} 2>&1`);
    for (const line of r.stdout.split('\n').filter((l) => l.startsWith('zero diff'))) log(`N=${n} ${prefix}: ${line}`);
  } catch (error) {
    process.stderr.write(`\nbench: FAIL: the import of ${prefix}-${n} is not exact\n${error.message.slice(-4000)}\n`);
    process.exit(1);
  }
}

/** The imported project at `project` must render each environment exactly as kubectl printed it into `expected`. */
function checkRender(project, expected, label) {
  sh(`git init -q ${q(project)}`);
  for (const env of ENVS) {
    const mine = path.join(expected, `kasane-${env}.yaml`);
    sh(`node ${q(KASANE)} render -C ${q(project)} --stdout ${env} > ${q(mine)} 2>/dev/null`);
    if (!readFileSync(mine).equals(readFileSync(path.join(expected, `${env}.yaml`)))) {
      process.stderr.write(`\nbench: FAIL: ${label}: the imported project's ${env} differs from kubectl kustomize (${mine})\n`);
      process.exit(1);
    }
    log(`${label} ${env}: the imported project renders kubectl's output byte for byte`);
  }
}

function commandsFor(n, withoutKubectl) {
  const list = [];
  for (const { style, prefix } of TREES) {
    const tree = path.join(WORK, `${prefix}-${n}`);
    const out = path.join(OUT, `import-${prefix}-${n}`);
    list.push({ name: `kasane import, ${style}`, before: moveAside(out, TRASH), cmd: `PATH=${q(withoutKubectl)} ${importTo(tree, out)}` });
  }
  if (n <= 100) {
    for (const { style, prefix } of TREES) {
      const out = path.join(OUT, `kubectl-${prefix}-${n}`);
      list.push({ name: `kubectl kustomize, ${style}`, before: moveAside(out, TRASH), cmd: kustomizeAll(path.join(WORK, `${prefix}-${n}`), out) });
    }
  }
  return list;
}

function ratioRows(n, samples, kubectlOnce) {
  const rows = [];
  // The target is set for the large tree; smaller ones show how the ratio grows with N.
  const verdict = (wall) => (n < 1000 ? 'n/a (target at N = 1000)' : wall < TARGET ? 'met' : 'not met');
  for (const { style } of TREES) {
    const mine = samples[`kasane import, ${style}`];
    const theirs = samples[`kubectl kustomize, ${style}`];
    if (theirs) {
      const wall = pairedRatio(mine, theirs, 'wall');
      rows.push([`import / kubectl kustomize, ${style}`, wall.toFixed(4), pairedRatio(mine, theirs, 'cpu').toFixed(4), verdict(wall)]);
    } else if (kubectlOnce?.[style]) {
      const once = kubectlOnce[style];
      const wall = stats(mine, 'wall').median / once.wall;
      rows.push([`import (median) / kubectl kustomize (once), ${style}`, wall.toFixed(4), (stats(mine, 'cpu').median / once.cpu).toFixed(4), verdict(wall)]);
    }
  }
  return rows;
}

function sizeSection(n, samples, kubectlOnce) {
  print(`### N = ${n} (${4 * n} objects per environment, three environments; ${runs} runs each, median (min–max))\n`);
  const rows = Object.entries(samples).map(([name, s]) => [name, spread(s, 'wall', 3), spread(s, 'cpu', 2), spread(s, 'peakMiB', 0)]);
  for (const [style, s] of Object.entries(kubectlOnce ?? {})) rows.push([`kubectl kustomize, ${style} (once)`, s.wall.toFixed(1), s.cpu.toFixed(1), s.peakMiB.toFixed(0)]);
  print(table(['command', 'wall s', 'cpu s (user+sys)', 'peak RSS MiB'], rows));
  const ratios = ratioRows(n, samples, kubectlOnce);
  if (ratios.length) {
    print(`\nratios (median of per-round ratios; against a single kubectl run: median over it), target < ${TARGET}:\n`);
    print(table(['ratio', 'wall', 'cpu', `wall < ${TARGET}`], ratios));
  }
  print();
}

requireGnuTime();
prepare();
const withoutKubectl = pathWithoutKubectl();
print(`## kasane import of the Kustomize trees (${new Date().toISOString().slice(0, 10)})\n`);
print(`load average at start: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n`);
const all = {};
for (const n of sizes) {
  if (n <= 100) for (const { prefix } of TREES) checkWithKubectl(n, prefix);
  const samples = alternate(commandsFor(n, withoutKubectl), { runs, warmup: 1, log });
  let kubectlOnce;
  if (n > 100 && opts['kustomize-1000']) {
    kubectlOnce = {};
    for (const { style, prefix } of TREES) {
      log(`N=${n} kubectl kustomize (${style} tree), once: several minutes per overlay`);
      const expected = path.join(OUT, `kubectl-${prefix}-${n}`);
      rmSync(expected, { recursive: true, force: true });
      kubectlOnce[style] = timeOnce(kustomizeAll(path.join(WORK, `${prefix}-${n}`), expected));
      checkRender(path.join(OUT, `import-${prefix}-${n}`), expected, `N=${n} ${style}`);
    }
  }
  all[n] = { samples, kubectlOnce };
  writeFileSync(path.join(WORK, 'last-import-run.json'), `${JSON.stringify(all, null, 2)}\n`);
  sizeSection(n, samples, kubectlOnce);
}
print(`load average at end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
emptyTrash(TRASH);
rmSync(withoutKubectl, { recursive: true, force: true });
// The imported projects hold thousands of .ts files: left in the repository, they would make
// every later Prettier and ESLint run walk them.
for (const name of readdirSync(OUT).filter((f) => f.startsWith('import-'))) rmSync(path.join(OUT, name), { recursive: true, force: true });
