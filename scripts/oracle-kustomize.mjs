#!/usr/bin/env node
// Regenerates what `kubectl kustomize` (kubectl 1.32, Kustomize v5.5.0) makes of the Kustomize
// feature cases in test/conformance/kustomize/ (see scripts/kustomize-cases.mjs for a case's
// layout). For every case it builds the folder CASE.md names, twice when regenerating (the two
// builds must agree, so nothing recorded depends on map order or time), and writes
//   <case>/expected.yaml   what kubectl prints, when the build succeeds;
//   <case>/error.txt       Kustomize's error, when the build fails: kubectl's message without
//                          klog's prefix and `"command failed" err=` wrapper (unquoted) and
//                          without deprecation warnings, the case folder written as `<case>`;
// then README.md, the index of the cases. The network is unreachable (a proxy on a closed
// loopback port) and the environment is reduced to PATH and HOME, so remote bases fail and env
// files read the same way on every machine.
//
// Usage: node scripts/oracle-kustomize.mjs [--check] [case ...]
//   --check   write nothing; exit 1 when a committed file differs from what kubectl prints now
//             or a case is malformed (no CASE.md fields, both or neither output file)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { offlineKubectlEnv } from './kubectl-offline.mjs';
import { casesRoot, readCases, renderIndex } from './kustomize-cases.mjs';

const check = process.argv.includes('--check');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
if (version.error || version.status !== 0) {
  console.error('kubectl not found: install kubectl 1.32 (Kustomize v5.5.0) to regenerate the Kustomize case output');
  process.exit(2);
}
if (!version.stdout.includes('Kustomize Version: v5.5.0')) console.warn(`warning: expected Kustomize v5.5.0, found:\n${version.stdout}`);

const env = offlineKubectlEnv();

/**
 * Kustomize's message out of klog's structured line: `"command failed" err="<Go-quoted>"` for
 * one line, `err=<` then tab-indented lines then ` >` for several. Anything else stays as it is.
 */
function unwrapKlog(text) {
  const quoted = text.match(/^"command failed" err=("(?:[^"\\]|\\.)*")$/s);
  if (quoted) {
    try {
      return JSON.parse(quoted[1]);
    } catch {
      return text;
    }
  }
  const block = text.match(/^"command failed" err=<\n(.*)\n >$/s);
  return block
    ? block[1]
        .split('\n')
        .map((line) => line.replace(/^\t/, ''))
        .join('\n')
    : text;
}

/** kubectl's error without klog's prefix and wrapper, deprecation warnings and this machine's paths. */
function normalizeError(stderr, caseDir) {
  const lines = stderr
    .split('\n')
    .filter((line) => !line.startsWith('# Warning:'))
    .map((line) => line.replace(/^E\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [\w.]+:\d+\] /, ''));
  return (
    unwrapKlog(lines.join('\n').trim())
      .split(caseDir)
      .join('<case>')
      .replace(/\/tmp\/kustomize-\d+/g, '/tmp/kustomize-<random>')
      .replace(/'[^' ]*\/git fetch/g, "'git fetch")
      // curl reports how long the refused connection took.
      .replace(/ after \d+ ms/g, ' after <n> ms')
      .trimEnd()
      .concat('\n')
  );
}

/** What kubectl makes of one case: the file to write and its text. */
function build(kase) {
  const run = spawnSync('kubectl', ['kustomize', kase.buildDir], { cwd: kase.dir, encoding: 'utf8', env, maxBuffer: 1 << 26, timeout: 120_000 });
  if (run.error) throw new Error(`kubectl kustomize ${kase.name}: ${run.error.message}`);
  return run.status === 0 ? { file: 'expected.yaml', stale: 'error.txt', text: run.stdout } : { file: 'error.txt', stale: 'expected.yaml', text: normalizeError(run.stderr, kase.dir) };
}

const problems = [];
const cases = readCases();
for (const kase of cases) {
  if (only.length && !only.includes(kase.name)) continue;
  if (!kase.notes.build) continue;
  const out = build(kase);
  // A second build guards what gets committed; --check compares with the committed file instead.
  const again = check ? out : build(kase);
  if (again.text !== out.text || again.file !== out.file) {
    problems.push(`${kase.name}: two builds gave different output; the case is not deterministic`);
    continue;
  }
  const path = join(kase.dir, out.file);
  if (check) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== out.text) problems.push(`${kase.name}/${out.file} differs from what kubectl prints now`);
    if (existsSync(join(kase.dir, out.stale))) problems.push(`${kase.name}/${out.stale} should not exist`);
    continue;
  }
  writeFileSync(path, out.text);
  rmSync(join(kase.dir, out.stale), { force: true });
  console.log(`${kase.name}/${out.file}`);
}

// Malformed cases are reported in both modes, after writing, so a new case's outputs exist first.
for (const kase of only.length ? readCases().filter((c) => only.includes(c.name)) : readCases()) problems.push(...kase.problems);
if (!only.length) {
  const path = join(casesRoot, 'README.md');
  const index = renderIndex(readCases());
  if (!check) writeFileSync(path, index);
  else if (!existsSync(path) || readFileSync(path, 'utf8') !== index) problems.push('README.md differs from the generated index');
}
for (const p of problems) console.error(p);
console.log(problems.length ? `${problems.length} problem(s)` : `${only.length || cases.length} cases match kubectl`);
process.exit(problems.length ? 1 : 0);
