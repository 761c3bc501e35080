/**
 * The zero-diff guarantee: each Kustomize tree is imported, the new project is loaded and
 * rendered in process, and every environment must give exactly the objects of the committed
 * `kubectl kustomize` output (test/conformance/* and test/fixtures/import/*, written by the
 * oracle scripts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { diffObjects, formatDiffs } from '../../src/import/compare.ts';
import { bigTree } from './big-tree.ts';
import { importAndRender, parseObjects } from './harness.ts';
import { readPatchCase, writePatchTree } from './patch-tree.ts';

const here = import.meta.dirname;
const transformsDir = path.join(here, '..', 'conformance', 'transforms');
const patchDir = path.join(here, '..', 'conformance', 'patch');
const fixtures = path.join(here, '..', 'fixtures', 'import');
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const transformCases = readdirSync(transformsDir)
  .filter((n) => existsSync(path.join(transformsDir, n, 'expected.yaml')))
  .sort(byCode);
const patchCases = readdirSync(patchDir)
  .filter((n) => existsSync(path.join(patchDir, n, 'case.yaml')))
  .filter((n) => {
    const kase = readPatchCase(path.join(patchDir, n));
    return !kase.error && !kase.difference;
  })
  .sort(byCode);

function writeTree(files: ReadonlyMap<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kasane-import-tree-'));
  for (const [p, content] of files) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), content);
  }
  return dir;
}

/** Imports `paths` under `cwd` and expects each environment to equal its expected file. */
async function expectZeroDiff(paths: string[], cwd: string, expectedOf: (kustomization: string) => string): Promise<string[]> {
  const got = await importAndRender(paths, cwd);
  expect(got.result.findings).toEqual([]);
  expect(got.renderFindings).toEqual([]);
  for (const env of got.result.environments) {
    const diffs = diffObjects(parseObjects(readFileSync(expectedOf(env.kustomization!), 'utf8')), got.rendered.get(env.name) ?? []);
    expect(formatDiffs(env.name, diffs)).toBe('');
  }
  return got.result.environments.map((e) => e.name);
}

describe.concurrent('importProject', () => {
  test('has at least 20 Kustomize trees when counting the cases', () => {
    expect(transformCases.length + patchCases.length + 2).toBeGreaterThanOrEqual(20);
  });

  test.each(transformCases)('renders what kubectl kustomize does when importing transforms case %s', async (name) => {
    await expectZeroDiff(['.'], path.join(transformsDir, name), () => path.join(transformsDir, name, 'expected.yaml'));
  });

  test.each(patchCases)('renders what kubectl kustomize does when importing patch case %s', async (name) => {
    const dir = writePatchTree(readPatchCase(path.join(patchDir, name)));
    await expectZeroDiff(['overlay'], dir, () => path.join(patchDir, name, 'expected.yaml'));
  });

  test('renders every overlay of the shop tree with a zero diff when importing its root folder', async () => {
    const dir = path.join(fixtures, 'shop');
    const envs = await expectZeroDiff(['.'], dir, (k) => path.join(dir, 'expected', `${k}.yaml`));
    expect(envs).toEqual(['dev', 'prod', 'staging']);
  });

  test('renders 3 overlays of 10 apps each with a zero diff when importing a generated tree', async () => {
    const dir = writeTree(bigTree());
    const envs = await expectZeroDiff(['.'], dir, (k) => path.join(fixtures, 'big-tree', 'expected', `${k}.yaml`));
    expect(envs).toEqual(['dev', 'prod', 'staging']);
  });

  test('writes one component per app and an abstract base when importing the generated tree', async () => {
    const got = await importAndRender(['.'], writeTree(bigTree()));
    const components = [...got.result.files.keys()].filter((f) => f.startsWith('components/'));
    expect(components).toHaveLength(10);
    expect(got.result.files.get('environments/base.ts')).toContain('abstract: true');
  });
});

const hasKubectl = spawnSync('kubectl', ['version', '--client']).status === 0;
if (!hasKubectl) console.warn('skipping the live kubectl check of test/fixtures/import: kubectl not found');

describe('committed kubectl output of the import fixtures', () => {
  const kustomize = (dir: string) => spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } }).stdout;

  test.skipIf(!hasKubectl)('equals kubectl kustomize today for every shop overlay', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      const dir = path.join(fixtures, 'shop', 'overlays', env);
      expect(kustomize(dir)).toBe(readFileSync(path.join(fixtures, 'shop', 'expected', 'overlays', `${env}.yaml`), 'utf8'));
    }
  });

  test.skipIf(!hasKubectl)('equals kubectl kustomize today for every overlay of the generated tree', () => {
    const dir = writeTree(bigTree());
    for (const env of ['dev', 'staging', 'prod']) {
      expect(kustomize(path.join(dir, 'overlays', env))).toBe(readFileSync(path.join(fixtures, 'big-tree', 'expected', 'overlays', `${env}.yaml`), 'utf8'));
    }
  });
});
