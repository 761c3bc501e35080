/**
 * The published package works outside this repository: `npm pack`, then a fresh project made by
 * `kasane init` installs the tarball and renders, checks, detects drift and type-checks with
 * nothing but Node and npm. The package is built from a copy of the sources, so the build's
 * `rm -rf dist` never races the other tests that load the checkout's dist/.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const hasNpm = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasNpm) console.warn('skipping test/e2e/package.test.ts: npm not found on the PATH');

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LC_ALL: 'C', TZ: 'UTC' }, timeout: 150_000 });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  expect(result.status, `${what} failed:\n${result.stdout}\n${result.stderr}\n${result.error ?? ''}`).toBe(0);
  return result.stdout;
}

const temps: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of temps) {
    // Unlink the shared node_modules first so removing the copy never reaches the checkout's.
    const link = path.join(dir, 'node_modules');
    if (dir.includes('kasane-pack-src-') && existsSync(link)) unlinkSync(link);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Copies what the package build needs into a temp folder, sharing the checkout's node_modules. */
function packageSources(): string {
  const dir = tempDir('kasane-pack-src-');
  for (const entry of ['bin', 'src', 'scripts', 'package.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json']) {
    if (existsSync(path.join(root, entry))) cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('package', () => {
  test.skipIf(!hasNpm)(
    'installs from its tarball and runs init, render, --check and tsc in a fresh folder',
    () => {
      const sources = packageSources();
      const packs = tempDir('kasane-pack-');
      ok(run('npm', ['pack', '--pack-destination', packs], sources), 'npm pack');
      const tarball = readdirSync(packs).find((f) => f.endsWith('.tgz'));
      expect(tarball, 'npm pack wrote no tarball').toBeDefined();

      const project = path.join(tempDir('kasane-e2e-'), 'shop');
      ok(run(process.execPath, [path.join(sources, 'bin/kasane.js'), 'init', project], sources), 'kasane init');
      const install = run('npm', ['install', path.join(packs, tarball!), '--no-audit', '--no-fund'], project);
      ok(install, 'npm install <tarball>');
      // The scaffold approves esbuild's install script, so npm 11 does not warn about it. (Its
      // `kasane: false` covers a registry install; this tarball is named by its file: spec.)
      expect(install.stderr).not.toMatch(/install-scripts +esbuild@/);
      for (const file of [
        'package.json',
        'bin/kasane.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/pipeline.js',
        'dist/entries/pipeline.d.ts',
        'dist/codegen.js',
        'dist/entries/codegen.d.ts',
        'dist/cli.js',
        'dist/api.js',
        'dist/k8s/api/core/v1.d.ts',
        'dist/k8s/api/apps/v1.d.ts',
        'README.md',
      ]) {
        expect(existsSync(path.join(project, 'node_modules/kasane', file)), `the package lacks ${file}`).toBe(true);
      }

      ok(run('npx', ['kasane', 'render'], project), 'kasane render');
      const clean = run('npx', ['kasane', 'render', '--check'], project);
      expect(clean.status, clean.stderr).toBe(0);
      expect(clean.stderr).toContain('up to date: dev, prod in rendered');

      // kasane/api/* holds types only; an import kept at run time loads an empty module.
      const api = `import 'kasane/api/core/v1';\nimport { loadProject, render } from 'kasane/pipeline';\nimport { generateImports } from 'kasane/codegen';\nconst project = await loadProject(process.cwd());\nconst result = render(project, 'prod');\nconsole.log(result.findings.length, [...result.output.files.keys()].join(' '), generateImports([]).files.length);\n`;
      const library = ok(run(process.execPath, ['--input-type=module', '-e', api], project), 'library API');
      // Files come in render order: ConfigMap, Service, Deployment, then the kustomization.
      expect(library).toMatch(/^0 hello\/configmap-hello-settings-[a-z0-9]{10}\.yaml hello\/service-hello\.yaml hello\/deployment-hello\.yaml kustomization\.yaml 1\n$/);

      // The subpath entry points carry their declarations too: a component file that imports a
      // type from each type-checks, and the Kubernetes types have a field new in 1.34 and refuse
      // a misspelt one.
      writeFileSync(
        path.join(project, 'components/api-types.ts'),
        [
          `import type { RenderResult } from 'kasane/pipeline';`,
          `import type { CrdInput } from 'kasane/codegen';`,
          `import type { Deployment } from 'kasane/api/apps/v1';`,
          `import type { PodSpec } from 'kasane/api/core/v1';`,
          `export type Checked = [RenderResult['env'], CrdInput['kind'], Deployment['kind']];`,
          `export const spec: PodSpec = { containers: [], hostnameOverride: 'api-0' };`,
          `// @ts-expect-error misspelt`,
          `export const misspelt: PodSpec = { containers: [], hostnameOveride: 'api-0' };`,
          ``,
        ].join('\n'),
      );
      ok(run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], project), 'tsc --noEmit');

      const component = path.join(project, 'components/hello.ts');
      const source = readFileSync(component, 'utf8');
      expect(source).toContain('replicas: z.number().int().min(1).default(1)');
      writeFileSync(component, source.replace('replicas: z.number().int().min(1).default(1)', 'replicas: z.number().int().min(1).default(2)'));
      const drift = run('npx', ['kasane', 'render', '--check'], project);
      expect(drift.status, drift.stderr).toBe(1);
      expect(drift.stdout).toContain('--- a/dev/hello/deployment-hello.yaml (Deployment/hello-dev/hello)');
      expect(drift.stdout).toContain('-  replicas: 1\n+  replicas: 2\n');
      expect(drift.stderr).toContain('fix: run `kasane render');
    },
    180_000,
  );
});
