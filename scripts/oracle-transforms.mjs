#!/usr/bin/env node
// Regenerates test/conformance/transforms/<case>/expected.yaml with `kubectl kustomize <case>`
// (Kustomize v5.5.0 in kubectl 1.32). A case whose build fails gets expected-error.txt with
// kubectl's message instead. Usage: node scripts/oracle-transforms.mjs [case...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', 'test', 'conformance', 'transforms');
const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
if (version.status !== 0) {
  console.error('kubectl not found: install kubectl 1.32 (Kustomize v5.5.0) to regenerate the oracle output');
  process.exit(2);
}
if (!version.stdout.includes('Kustomize Version: v5.5.0')) console.warn(`warning: expected Kustomize v5.5.0, found:\n${version.stdout}`);

const wanted = process.argv.slice(2);
const cases = readdirSync(root)
  .filter((name) => statSync(join(root, name)).isDirectory())
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

let failed = 0;
for (const name of cases) {
  const dir = join(root, name);
  // Bare KEY lines in env files must not see this machine's environment.
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  for (const file of ['expected.yaml', 'expected-error.txt']) if (existsSync(join(dir, file))) rmSync(join(dir, file));
  if (run.status === 0) {
    writeFileSync(join(dir, 'expected.yaml'), run.stdout);
    console.log(`${name}: expected.yaml`);
  } else {
    const message = run.stderr.replace(/^E\d{4} [\d:.]+\s+\d+ run\.go:\d+\] /m, '').trim();
    writeFileSync(join(dir, 'expected-error.txt'), `${message}\n`);
    console.log(`${name}: expected-error.txt`);
    failed++;
  }
}
console.log(`${cases.length} cases, ${failed} expected errors`);
