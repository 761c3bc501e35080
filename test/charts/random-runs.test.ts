/**
 * The random check's two helm runs as processes: a stand-in `helm` script that records when each
 * run starts, ends or is killed shows that the second runs beside the first, that a chart reading
 * the clock runs it after the first in a later wall-clock second, and that a failing first run
 * ends the other one. Then the same two cases with a real Helm, where one is installed.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { findHelm } from '../../src/charts/helm-process.ts';
import { renderChart, type VendoredChart } from '../../src/charts/render-chart.ts';
import { helmEnv, installedLines } from './corpus.ts';

/**
 * A POSIX shell helm. Each `template` run prints `out-N` and `err-N` and exits with `status-N`
 * after `sleep-N` seconds, N being 1 for the run kasane started first. With `meet`, each run
 * first waits (up to 20 s) until both have started, and the one with the lower process id, which
 * was spawned first, is run 1 (process ids grow until they wrap around at the system's limit,
 * which two spawns a moment apart almost never straddle); without, the run that starts first is. The log gets `start N`
 * (the time the script began), then `end N` or `killed N`, each with the time in ms.
 */
const FAKE_HELM = `#!/bin/sh
t0=$(date +%s%3N)
dir=$(dirname "$0")
if [ "$1" = version ]; then printf v4.1.0; exit 0; fi
log() { echo "$1 $run $2" >> "$dir/log"; }
trap 'kill $pid 2>/dev/null; log killed "$(date +%s%3N)"; exit 143' TERM
cat > /dev/null
: > "$dir/pid-$$"
if [ -e "$dir/meet" ]; then
  n=0
  while [ "$(ls "$dir" | grep -c '^pid-')" -lt 2 ] && [ $n -lt 200 ]; do sleep 0.1 & pid=$!; wait $pid; n=$((n + 1)); done
  other=$(ls "$dir" | grep '^pid-' | grep -v "^pid-$$\$" | cut -c5-)
  if [ -z "$other" ] || [ $$ -lt "$other" ]; then run=1; else run=2; fi
elif mkdir "$dir/run1" 2>/dev/null; then run=1; else run=2; fi
log start "$t0"
sleep "$(cat "$dir/sleep-$run")" & pid=$!
wait $pid
cat "$dir/out-$run"; cat "$dir/err-$run" >&2
log end "$(date +%s%3N)"
exit "$(cat "$dir/status-$run")"
`;

interface Run {
  out?: string;
  err?: string;
  status?: number;
  sleep?: number;
}

/** A folder with the stand-in helm and what its two runs do. */
function fakeHelm(first: Run, second: Run, meet = false): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kasane-fake-helm-'));
  writeFileSync(path.join(dir, 'helm'), FAKE_HELM);
  chmodSync(path.join(dir, 'helm'), 0o755);
  for (const [n, run] of [first, second].entries()) {
    writeFileSync(path.join(dir, `out-${n + 1}`), run.out ?? '');
    writeFileSync(path.join(dir, `err-${n + 1}`), run.err ?? '');
    writeFileSync(path.join(dir, `status-${n + 1}`), String(run.status ?? 0));
    writeFileSync(path.join(dir, `sleep-${n + 1}`), String(run.sleep ?? 0));
  }
  if (meet) writeFileSync(path.join(dir, 'meet'), '');
  return dir;
}

/** The stand-in's log: event, run and time in ms, in the order written. */
function events(dir: string): { event: string; run: number; ms: number }[] {
  if (!existsSync(path.join(dir, 'log'))) return [];
  return readFileSync(path.join(dir, 'log'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' '))
    .map(([event, run, ms]) => ({ event: event!, run: Number(run), ms: Number(ms) }));
}
const eventsOf = (dir: string, run: number): string[] => events(dir).flatMap((e) => (e.run === run ? [e.event] : []));
const at = (dir: string, event: string, run: number): number | undefined => events(dir).find((e) => e.event === event && e.run === run)?.ms;

const chart = (template: string): VendoredChart => ({ name: 'web', dir: '/charts/web', files: new Map([['templates/cm.yaml', Buffer.from(template)]]) });
const cm = (token: string) => `---\n# Source: web/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  token: "${token}"\n`;
const options = { release: 'r', namespace: 'n', kubeVersion: '1.30.0' };

async function render(dir: string, template: string) {
  const helm = await findHelm({ env: { PATH: process.env.PATH, KASANE_HELM: path.join(dir, 'helm') }, cwd: dir });
  return renderChart(chart(template), options, helm);
}

const unix = process.platform !== 'win32';
if (!unix) console.warn('skipping the random check process tests: the stand-in helm is a POSIX shell script');

describe.skipIf(!unix)('the random check with helm processes', () => {
  test('runs the second helm beside the first for a random function, and reports what differs', async () => {
    const dir = fakeHelm({ out: cm('x1'), sleep: 0.2 }, { out: cm('x2') }, true);
    const r = await render(dir, 'token: {{ randAlphaNum 8 }}');
    expect(r.findings.map((f) => [f.code, f.message.split(' on every')[0]])).toEqual([['charts/random-output', "chart 'web' prints different 'data.token'"]]);
    expect(r.objects.map((o) => o.object.data)).toEqual([{ token: 'x1' }]);
    // Each run waited for the other to start: had run 2 waited for run 1 to end, it would start after.
    expect(at(dir, 'start', 2)).toBeLessThanOrEqual(at(dir, 'end', 1)!);
    expect(at(dir, 'start', 1)).toBeLessThanOrEqual(at(dir, 'end', 2)!);
  }, 30_000);

  test('runs the second helm after the first, in a later wall-clock second, for a chart that reads the clock', async () => {
    const dir = fakeHelm({ out: cm('t1') }, { out: cm('t2') });
    const r = await render(dir, 'token: {{ now | unixEpoch }}');
    expect(r.findings.map((f) => f.code)).toEqual(['charts/random-output']);
    const [end1, start2] = [at(dir, 'end', 1)!, at(dir, 'start', 2)!];
    expect(start2).toBeGreaterThan(end1);
    expect(Math.floor(start2 / 1000)).toBeGreaterThan(Math.floor(end1 / 1000));
  }, 30_000);

  test("ends the second helm when the first fails, and reports the first's error", async () => {
    const dir = fakeHelm({ status: 1, err: 'Error: run one failed\n', sleep: 0.2 }, { out: cm('x2'), sleep: 20 }, true);
    const r = await render(dir, 'token: {{ randAlphaNum 8 }}');
    expect(r.findings.map((f) => [f.code, f.message])).toEqual([['charts/render-failed', "chart 'web' failed to render: run one failed"]]);
    // Ended, and waited for: its log line is written before renderChart returns.
    expect(eventsOf(dir, 2)).toEqual(['start', 'killed']);
  }, 30_000);

  test("reports the first run's error when both fail, though the second ends first", async () => {
    const dir = fakeHelm({ status: 1, err: 'Error: run one failed\n', sleep: 0.3 }, { status: 1, err: 'Error: run two failed\n' }, true);
    const r = await render(dir, 'token: {{ randAlphaNum 8 }}');
    expect(r.findings.map((f) => f.message)).toEqual(["chart 'web' failed to render: run one failed"]);
    expect(at(dir, 'end', 2)).toBeLessThanOrEqual(at(dir, 'end', 1)!);
  }, 30_000);

  test('ends the second helm when the output of the first cannot be read', async () => {
    const dir = fakeHelm({ out: '---\n# Source: web/templates/cm.yaml\n- a list\n', sleep: 0.2 }, { out: cm('x2'), sleep: 20 }, true);
    const r = await render(dir, 'token: {{ randAlphaNum 8 }}');
    expect(r.findings.map((f) => [f.severity, f.code])).toEqual([['error', 'charts/invalid-object']]);
    expect(eventsOf(dir, 2)).toEqual(['start', 'killed']);
  }, 30_000);
});

const LINE = installedLines.at(-1);
if (!LINE) console.warn('skipping the random check with a real Helm: none installed (run node scripts/helm-binaries.mjs)');

describe.skipIf(!LINE)(`the random check with Helm ${LINE ?? ''}`, () => {
  /** A chart folder whose one template prints a fixed field and `data`. */
  function realChart(data: string): VendoredChart {
    const dir = mkdtempSync(path.join(tmpdir(), 'kasane-random-chart-'));
    const files = new Map<string, Buffer>([
      ['Chart.yaml', Buffer.from('apiVersion: v2\nname: web\nversion: 1.0.0\n')],
      ['templates/cm.yaml', Buffer.from(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  fixed: "1"\n${data}\n`)],
    ]);
    mkdirSync(path.join(dir, 'templates'));
    for (const [file, bytes] of files) writeFileSync(path.join(dir, file), bytes);
    return { name: 'web', dir, files };
  }
  const home = mkdtempSync(path.join(tmpdir(), 'kasane-helm-home-'));
  const helm = () => findHelm({ env: helmEnv(home, LINE), cwd: home });
  const found = async (data: string) => {
    const r = await renderChart(realChart(data), options, await helm());
    return { data: r.objects.map((o) => Object.keys(o.object.data as object)), findings: r.findings.map((f) => [f.code, f.message.split(' on every')[0]]) };
  };

  test('finds a random field (the second run beside the first) and a time printed to the second (the second run after it)', async () => {
    expect(await found('  token: {{ randAlphaNum 16 | quote }}')).toEqual({ data: [['fixed', 'token']], findings: [['charts/random-output', "chart 'web' prints different 'data.token'"]] });
    expect(await found('  time: {{ now | unixEpoch | quote }}')).toEqual({ data: [['fixed', 'time']], findings: [['charts/random-output', "chart 'web' prints different 'data.time'"]] });
    expect(await found('  same: {{ .Release.Name | quote }}')).toEqual({ data: [['fixed', 'same']], findings: [] });
  }, 60_000);
});
