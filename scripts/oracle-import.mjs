#!/usr/bin/env node
// Regenerates the kubectl output the import tests compare with (Kustomize v5.5.0 in kubectl 1.32):
// - test/fixtures/import/<case>/expected/<kustomization folder>.yaml for every kustomization
//   folder of every case tree (golden-example excluded);
// - test/fixtures/import/big-tree/expected/overlays/<env>.yaml for the tree that
//   test/import/big-tree.ts generates (compiled here with esbuild).
// Usage: node scripts/oracle-import.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..', 'test', 'fixtures', 'import');
const version = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
if (version.status !== 0) {
  console.error('kubectl not found: install kubectl 1.32 (Kustomize v5.5.0) to regenerate the oracle output');
  process.exit(2);
}
if (!version.stdout.includes('Kustomize Version: v5.5.0')) console.warn(`warning: expected Kustomize v5.5.0, found:\n${version.stdout}`);

const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const KUSTOMIZATION = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

function kustomizationDirs(dir, into = []) {
  for (const name of readdirSync(dir).sort(byCode)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory() && name !== 'expected') kustomizationDirs(abs, into);
    else if (KUSTOMIZATION.includes(name)) into.push(dir);
  }
  return into;
}

function record(caseDir, treeDir, dirs) {
  for (const dir of dirs) {
    const rel = relative(treeDir, dir) || '.';
    // Bare KEY lines in env files must not see this machine's environment.
    const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } });
    if (run.status !== 0) throw new Error(`kubectl kustomize ${rel} failed: ${run.stderr}`);
    const out = join(caseDir, 'expected', `${rel === '.' ? 'root' : rel}.yaml`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, run.stdout);
    console.log(`${relative(root, out)}`);
  }
}

for (const name of readdirSync(root).sort(byCode)) {
  const caseDir = join(root, name);
  if (!statSync(caseDir).isDirectory() || name === 'golden-example' || name === 'big-tree') continue;
  rmSync(join(caseDir, 'expected'), { recursive: true, force: true });
  record(caseDir, caseDir, kustomizationDirs(caseDir));
}

const bundled = await build({ entryPoints: [join(import.meta.dirname, '..', 'test', 'import', 'big-tree.ts')], bundle: true, write: false, format: 'esm', platform: 'node' });
const { bigTree } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);
const tmp = mkdtempSync(join(tmpdir(), 'kasane-oracle-import-'));
try {
  for (const [path, content] of bigTree()) {
    mkdirSync(dirname(join(tmp, path)), { recursive: true });
    writeFileSync(join(tmp, path), content);
  }
  const caseDir = join(root, 'big-tree');
  rmSync(join(caseDir, 'expected'), { recursive: true, force: true });
  record(
    caseDir,
    tmp,
    ['dev', 'staging', 'prod'].map((env) => join(tmp, 'overlays', env)),
  );
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// The golden example: the project `kasane import` writes for the shop tree, without the
// git-ignored secret files. test/import/golden-example.test.ts checks that it stays current.
if (process.argv.includes('--golden')) {
  // Bundled into node_modules/.cache so that its imports of 'yaml' resolve.
  const bundle = join(import.meta.dirname, '..', 'node_modules', '.cache', 'kasane-oracle-import.mjs');
  await build({
    stdin: { contents: "export { readImportSource } from './fs.ts'; export { importProject } from './import-project.ts';", resolveDir: join(import.meta.dirname, '..', 'src', 'import'), loader: 'ts' },
    bundle: true,
    outfile: bundle,
    format: 'esm',
    platform: 'node',
    packages: 'external',
  });
  const { readImportSource, importProject } = await import(pathToFileURL(bundle).href);
  rmSync(bundle);
  const { source } = readImportSource(['.'], join(root, 'shop'));
  const result = importProject(source, { name: 'shop' });
  const golden = join(root, 'golden-example');
  rmSync(golden, { recursive: true, force: true });
  for (const [path, content] of result.files) {
    if (path.includes('/secrets/')) continue;
    mkdirSync(dirname(join(golden, path)), { recursive: true });
    writeFileSync(join(golden, path), content);
  }
  console.log('golden-example written');
}
