#!/usr/bin/env node
// Re-verifies the patch conformance cases against `kubectl kustomize` (Kustomize v5.5.0).
//
// For each test/conformance/patch/<case>/case.yaml it writes a Kustomize tree to a temp dir:
//   base/kustomization.yaml      resources: [resources.yaml]
//   overlay/kustomization.yaml   resources: [../base], patches: one entry per patch, in order
// runs `kubectl kustomize overlay` and (re)writes <case>/expected.yaml with what kubectl prints.
// When kubectl fails, expected.yaml holds its error as comments and no document.
//
// Usage: node scripts/oracle-patches.mjs [case-name ...]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const casesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'conformance', 'patch');

function kustomizeTree(dir, kase) {
  mkdirSync(join(dir, 'base'));
  mkdirSync(join(dir, 'overlay'));
  writeFileSync(join(dir, 'base', 'resources.yaml'), kase.base.map((o) => stringify(o)).join('---\n'));
  writeFileSync(join(dir, 'base', 'kustomization.yaml'), stringify({ resources: ['resources.yaml'] }));
  const patches = kase.patches.map((p, i) => {
    const file = `patch-${i}.yaml`;
    if (p.json6902) {
      writeFileSync(join(dir, 'overlay', file), stringify(p.json6902.ops));
      return { path: file, target: p.json6902.target };
    }
    writeFileSync(join(dir, 'overlay', file), stringify(p.strategicMerge.patch));
    return p.strategicMerge.target ? { path: file, target: p.strategicMerge.target } : { path: file };
  });
  writeFileSync(join(dir, 'overlay', 'kustomization.yaml'), stringify({ resources: ['../base'], patches }));
}

function runCase(name) {
  const kase = parse(readFileSync(join(casesDir, name, 'case.yaml'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'kasane-oracle-'));
  try {
    kustomizeTree(dir, kase);
    const res = spawnSync('kubectl', ['kustomize', join(dir, 'overlay')], { encoding: 'utf8' });
    const out =
      res.status === 0
        ? res.stdout
        : `# kubectl kustomize failed:\n${res.stderr
            .replaceAll(dir, '<tmp>')
            .replace(/^E\d+ [\d:.]+\s+\d+ [\w.]+:\d+\] /gm, '')
            .trimEnd()
            .split('\n')
            .map((l) => `# ${l}`)
            .join('\n')}\n`;
    writeFileSync(join(casesDir, name, 'expected.yaml'), out);
    return res.status === 0 ? 'ok' : 'kubectl error';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
if (version.status !== 0) {
  console.error('kubectl not found: cannot run the oracle');
  process.exit(2);
}
console.log(version.stdout.trim());
const wanted = process.argv.slice(2);
const names = readdirSync(casesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && (wanted.length === 0 || wanted.includes(d.name)))
  .map((d) => d.name)
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
for (const name of names) console.log(`${name}: ${runCase(name)}`);
