// Timing harness for bench/run.mjs: runs shell commands under GNU time, alternating between
// commands round by round, and summarises wall time, CPU time (user + system) and peak RSS.
// Node built-ins only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

/** Exits with a hint when GNU time is missing (Debian/Ubuntu: apt-get install -y time). */
export function requireGnuTime() {
  if (existsSync(GNU_TIME)) return;
  process.stderr.write(`bench: needs GNU time at ${GNU_TIME} (Debian/Ubuntu: apt-get install -y time)\n`);
  process.exit(2);
}

const scratch = mkdtempSync(path.join(tmpdir(), 'kasane-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));

/**
 * A shell command that leaves `dir` absent by moving it into `trash` (a folder on the same file
 * system), to be deleted once with {@link emptyTrash} after the timed runs. Deleting it instead
 * would time this VM's disk, not the command: ext4 without a journal passes over every inode
 * freed in the last minute when it allocates a new one, so creating 12,000 files right after
 * deleting 12,000 costs seconds of system time instead of ~0.35 s (bench/RESULTS.md).
 */
export function moveAside(dir, trash) {
  return `mkdir -p '${trash}' && if [ -e '${dir}' ]; then mv '${dir}' "$(mktemp -d '${trash}/old.XXXXXX')/"; fi && sync`;
}

/** Deletes what {@link moveAside} kept, including what an unfinished earlier run left there. */
export function emptyTrash(trash) {
  rmSync(trash, { recursive: true, force: true });
}

/** Runs `sh -c cmd` (untimed); throws with its output when it fails. */
export function sh(cmd, { cwd, env } = {}) {
  const r = spawnSync('sh', ['-c', cmd], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`command failed (exit ${r.status}): ${cmd}\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r;
}

/** One timed run of `sh -c cmd`: { wall, cpu, peakMiB } in seconds and MiB. */
export function timeOnce(cmd, { cwd } = {}) {
  const out = path.join(scratch, 'time');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(GNU_TIME, ['-f', '%U %S %M', '-o', out, 'sh', '-c', cmd], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`timed command failed (exit ${r.status}): ${cmd}\n${(r.stderr ?? '').slice(-2000)}`);
  const [user, sys, kib] = readFileSync(out, 'utf8').trim().split('\n').pop().split(/\s+/).map(Number);
  return { wall, cpu: user + sys, peakMiB: kib / 1024 };
}

/**
 * Times each command `runs` times after `warmup` uncounted rounds, alternating (A B C A B C ...)
 * so a machine that drifts affects every command alike. A command is
 * `{ name, cmd, before?, cwd? }`; `before` runs untimed before each run.
 * Returns { [name]: [{ wall, cpu, peakMiB }, ...] } with one entry per counted round.
 */
export function alternate(commands, { runs, warmup = 1, log = () => {} }) {
  const samples = Object.fromEntries(commands.map((c) => [c.name, []]));
  for (let round = -warmup; round < runs; round++) {
    for (const c of commands) {
      if (c.before) sh(c.before, { cwd: c.cwd });
      const s = timeOnce(c.cmd, { cwd: c.cwd });
      if (round >= 0) samples[c.name].push(s);
      log(`${round < 0 ? 'warm-up' : `run ${round + 1}/${runs}`} ${c.name}: ${s.wall.toFixed(3)} s`);
    }
  }
  return samples;
}

/** The median of a list of numbers. */
export function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** { min, median, max } of one metric over samples. */
export function stats(samples, metric) {
  const v = samples.map((s) => s[metric]);
  return { min: Math.min(...v), median: median(v), max: Math.max(...v) };
}

/** The median of the per-round ratios a[i] / b[i] of one metric (rounds are paired). */
export function pairedRatio(a, b, metric) {
  return median(a.map((s, i) => s[metric] / b[i][metric]));
}

/** Formats rows (arrays of cells) as a Markdown table. */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `median (min–max)` of a metric, with `digits` decimals. */
export function spread(samples, metric, digits) {
  const s = stats(samples, metric);
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}
