/**
 * The CI recipes kasane ships are run here, as their tools would run them, against a project
 * made by `kasane init` that uses this checkout's build (linked as node_modules/kasane):
 * ci/github-actions/kasane.yml (the workflow `kasane init` writes) step by step, and the hooks
 * of .pre-commit-hooks.yaml by their entries. Without drift every step passes; with drift
 * the check fails with the diff. The install step (`npm ci`) needs the registry: the packaging
 * test runs the whole workflow from the packed tarball.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { scaffoldFiles } from '../../src/tools/init-templates.ts';

const root = path.resolve(import.meta.dirname, '../..');
const hasNpx = spawnSync('npx', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasNpx) console.warn('skipping test/e2e/ci-recipes.test.ts: npx not found on the PATH');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}
interface Hook {
  id: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
  args?: string[];
  files?: string;
}

const workflowText = readFileSync(path.join(root, 'ci/github-actions/kasane.yml'), 'utf8');
const steps = (parse(workflowText) as { jobs: { check: { steps: Step[] } } }).jobs.check.steps;
const hooks = parse(readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

/** A project from `kasane init`'s files, with kasane and TypeScript linked from this checkout, rendered. */
function initProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kasane-ci-'));
  for (const [file, text] of Object.entries(scaffoldFiles({ name: 'shop', kasaneRange: '*' }))) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(root, path.join(dir, 'node_modules/kasane'), 'dir');
  symlinkSync(path.join(root, 'node_modules/typescript'), path.join(dir, 'node_modules/typescript'), 'dir');
  symlinkSync(path.join(root, 'bin/kasane.js'), path.join(dir, 'node_modules/.bin/kasane'));
  symlinkSync(path.join(root, 'node_modules/typescript/bin/tsc'), path.join(dir, 'node_modules/.bin/tsc'));
  expect(spawnSync(process.execPath, [path.join(root, 'bin/kasane.js'), 'render'], { cwd: dir, encoding: 'utf8' }).status).toBe(0);
  return dir;
}

/** Makes the committed output stale: the component's default changes, rendered/ does not. */
function drift(dir: string): void {
  const component = path.join(dir, 'components/hello.ts');
  const source = readFileSync(component, 'utf8');
  expect(source).toContain('replicas: z.number().int().min(1).default(1)');
  writeFileSync(component, source.replace('replicas: z.number().int().min(1).default(1)', 'replicas: z.number().int().min(1).default(2)'));
}

const env = { ...process.env, NO_COLOR: '1', LC_ALL: 'C', TZ: 'UTC', npm_config_offline: 'true' };

/** The workflow's `run` steps as GitHub runs them (`bash -e`), but the install; the first failure stops the job. */
function runWorkflow(dir: string): { failed?: string; output: string } {
  let output = '';
  for (const step of steps) {
    if (step.run === undefined || step.run === 'npm ci') continue;
    const result = spawnSync('bash', ['-e', '-c', step.run], { cwd: dir, encoding: 'utf8', env, timeout: 120_000 });
    output += result.stdout + result.stderr;
    if (result.status !== 0) return { failed: step.name ?? step.run, output };
  }
  return { output };
}

/** A hook as pre-commit runs a `system` hook: its entry split into words, then its args, no shell. */
function runHook(hook: Hook, dir: string) {
  const [command, ...words] = hook.entry.split(/\s+/);
  return spawnSync(command!, [...words, ...(hook.args ?? [])], { cwd: dir, encoding: 'utf8', env, timeout: 120_000 });
}

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist/cli.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
});

describe('the GitHub Actions workflow', () => {
  test('is the one kasane init writes, and installs, type-checks and checks the output', () => {
    expect(scaffoldFiles({ name: 'x', kasaneRange: '*' })['.github/workflows/kasane.yml']).toBe(workflowText);
    expect(steps.map((s) => s.uses ?? s.run)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'npm ci', 'npx tsc', 'npx kasane render --check']);
  });

  test.skipIf(!hasNpx)('passes on a project whose output is up to date, fails at the check on drift', () => {
    const dir = initProject();
    const clean = runWorkflow(dir);
    expect(clean.failed, clean.output).toBeUndefined();
    expect(clean.output).toContain('up to date: dev, prod in rendered');
    drift(dir);
    const stale = runWorkflow(dir);
    expect(stale.failed).toBe('Rendered output is up to date');
    expect(stale.output).toContain('-  replicas: 1\n+  replicas: 2\n');
  });

  test.skipIf(!hasNpx)('fails at the type check on a type error', () => {
    const dir = initProject();
    const component = path.join(dir, 'components/hello.ts');
    writeFileSync(component, readFileSync(component, 'utf8').replace('const app = deployment({', 'const wrong: number = "x";\n    const app = deployment({'));
    expect(runWorkflow(dir).failed).toBe('Type-check');
  });
});

describe('the pre-commit hook', () => {
  const hook = hooks.find((h) => h.id === 'kasane-render-check')!;

  test('is a system hook over the whole project, run when code or output changes', () => {
    expect(hook).toMatchObject({ language: 'system', pass_filenames: false });
    const files = new RegExp(hook.files!);
    for (const file of ['components/hello.ts', 'environments/prod.ts', 'kasane.config.ts', 'rendered/dev/kustomization.yaml', 'package-lock.json']) expect(file).toMatch(files);
    expect('README.md').not.toMatch(files);
  });

  test.skipIf(!hasNpx)('passes without drift and fails with it, showing the diff', () => {
    const dir = initProject();
    const clean = runHook(hook, dir);
    expect(clean.status, clean.stderr).toBe(0);
    drift(dir);
    const stale = runHook(hook, dir);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain('-  replicas: 1\n+  replicas: 2\n');
  });
});
