#!/usr/bin/env node
// Serial against worker-thread rendering: `kasane render` of the reference workload with
// KASANE_RENDER_THREADS=1, 2 and 3 (and the automatic choice), alternating round by round, at
// each N; with --others, cdk8s synth and the floor at N = 1000 too (bench/work/cdk-1000 must
// exist: run `npm run bench` once). This is the measurement behind the automatic rule in
// src/cli/render-pool.ts (PARALLEL_MIN_COMPONENT_USES).
//
//   node bench/threads.mjs [--sizes 100,300,1000] [--runs 5] [--others]
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { alternate, emptyTrash, moveAside, pairedRatio, requireGnuTime, sh, spread, table } from './harness.mjs';
import { writeKasaneProject } from './gen-kasane.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(REPO, 'bench', 'work');
const OUT = path.join(WORK, 'out');
const TRASH = path.join(WORK, 'trash');
const KASANE = path.join(REPO, 'bin', 'kasane.js');
const q = (p) => `'${p}'`;

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,300,1000' },
    runs: { type: 'string', default: '5' },
    others: { type: 'boolean', default: false },
  },
});
const runs = Number(opts.runs);
const print = (text = '') => process.stdout.write(`${text}\n`);

requireGnuTime();
mkdirSync(OUT, { recursive: true });
print(`machine: ${sh('nproc').stdout.trim()} cores; node ${process.version}; load average at start: ${sh('cat /proc/loadavg').stdout.trim()}\n`);
for (const n of opts.sizes.split(',').map(Number)) {
  const project = path.join(WORK, `kasane-${n}`);
  if (!existsSync(project)) writeKasaneProject(n, project);
  const out = (name) => path.join(OUT, `threads-${name}-${n}`);
  const fresh = (dir) => moveAside(dir, TRASH);
  const kasane = (threads) => ({
    name: threads ? `kasane, ${threads} thread${threads === '1' ? '' : 's'}` : 'kasane, automatic',
    before: fresh(out(threads || 'auto')),
    cmd: `${threads ? `KASANE_RENDER_THREADS=${threads} ` : ''}node ${q(KASANE)} render -C ${q(project)} --out ${q(out(threads || 'auto'))}`,
  });
  const commands = [kasane('1'), kasane('2'), kasane('3'), kasane('')];
  const app = path.join(WORK, `cdk-${n}`);
  if (opts.others && existsSync(app)) {
    commands.push({ name: 'cdk8s synth', before: fresh(out('cdk8s')), cmd: `node ${q(path.join(app, 'main.mjs'))} --out ${q(out('cdk8s'))}` });
    commands.push({ name: 'floor (yaml)', before: fresh(out('floor')), cmd: `node ${q(path.join(app, 'floor.mjs'))} --out ${q(out('floor'))}` });
  }
  const samples = alternate(commands, { runs, log: (l) => process.stderr.write(`threads: N=${n} ${l}\n`) });
  const serial = samples['kasane, 1 thread'];
  print(`### N = ${n} (${runs} runs, median (min–max))\n`);
  print(
    table(
      ['command', 'wall s', 'cpu s', 'peak MiB', 'wall / 1 thread'],
      Object.entries(samples).map(([name, s]) => [name, spread(s, 'wall', 3), spread(s, 'cpu', 2), spread(s, 'peakMiB', 0), pairedRatio(s, serial, 'wall').toFixed(3)]),
    ),
  );
  print();
}
emptyTrash(TRASH);
