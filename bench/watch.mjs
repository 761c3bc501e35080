#!/usr/bin/env node
// Watch mode: the time from saving a file to the changed file on disk, with `kasane render
// --watch` running on the reference workload (after `npm run bench` prepared bench/work/).
//
//   node bench/watch.mjs [--n 1000] [--runs 5] [--kasane bin/kasane.js]
//
// A copy of bench/work/kasane-N is watched; each run saves components/catalog.ts with
// comp-0001's image in a repository of its own (so every save is new code for the watch to
// load) and polls (every 2 ms) dev's Deployment of comp-0001 until it holds the new image, then
// waits for the watch to be idle again. Prints min / median / max and the watching process's CPU
// time, peak RSS and RSS after the last save. --kasane runs another build's CLI (to compare).
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median, sh, table } from './harness.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(REPO, 'bench', 'work');
const { values: opts } = parseArgs({
  options: { n: { type: 'string', default: '1000' }, runs: { type: 'string', default: '5' }, kasane: { type: 'string', default: path.join(REPO, 'bin', 'kasane.js') } },
});
const n = Number(opts.n);
const runs = Math.max(5, Number(opts.runs));
const dir = path.join(WORK, `watch-${n}`);
rmSync(dir, { recursive: true, force: true });
cpSync(path.join(WORK, `kasane-${n}`), dir, { recursive: true, filter: (f) => !f.includes(`${path.sep}node_modules${path.sep}.cache`) });
const catalog = path.join(dir, 'components', 'catalog.ts');
const original = readFileSync(catalog, 'utf8');
const repository = (run) => `registry.example.com/shop-${run + 1}/comp-0001`;
const variant = (run) => original.replace('"image":"registry.example.com/shop/comp-0001"', `"image":"${repository(run)}"`);
const target = path.join(dir, 'out', 'dev', 'comp-0001', 'deployment-comp-0001.yaml');

const child = spawn(process.execPath, [path.resolve(opts.kasane), 'render', '--watch', '-C', dir, '--out', 'out'], { stdio: ['ignore', 'ignore', 'pipe'] });
let stderr = '';
child.stderr.on('data', (d) => (stderr += d));
let exited = false;
child.on('exit', () => (exited = true));
const idle = () => stderr.endsWith('for changes (Ctrl-C to stop)\n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const read = () => {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return '';
  }
};
async function until(ready, ms = 120_000) {
  const start = Date.now();
  while (!ready()) {
    if (exited || Date.now() - start > ms) throw new Error(`${exited ? 'the watch exited' : 'timed out'}; stderr:\n${stderr.slice(-2000)}`);
    await sleep(2);
  }
}

await until(idle);
const samples = [];
for (let run = -1; run < runs; run++) {
  const t0 = process.hrtime.bigint();
  writeFileSync(catalog, variant(run));
  await until(() => read().includes(`${repository(run)}:`));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (run >= 0) samples.push(ms);
  process.stderr.write(`bench: ${run < 0 ? 'warm-up' : `run ${run + 1}/${runs}`} save → file: ${ms.toFixed(0)} ms\n`);
  await sleep(50);
  await until(idle);
}
const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
const peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
const last = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
const [utime, stime] = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).map(Number);
child.kill('SIGINT');
while (!exited) await sleep(10);
const cpu = (utime + stime) / Number(sh('getconf CLK_TCK').stdout.trim());
process.stdout.write(`### Watch mode, N = ${n}: save of components/catalog.ts → dev's changed file on disk (${runs} runs)\n\n`);
process.stdout.write(
  `${table(
    ['min ms', 'median ms', 'max ms', 'watch process cpu s (whole session)', 'peak RSS MiB', 'RSS after the last save MiB'],
    [[Math.min(...samples).toFixed(0), median(samples).toFixed(0), Math.max(...samples).toFixed(0), cpu.toFixed(2), peak.toFixed(0), last.toFixed(0)]],
  )}\n`,
);
