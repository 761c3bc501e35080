/**
 * The published package works outside this repository: `npm pack`, then a fresh project made by
 * `kasane init` installs the tarball and renders, checks, detects drift and type-checks with
 * nothing but Node and npm. The package is built from a copy of the sources, so the build's
 * `rm -rf dist` never races the other tests that load the checkout's dist/.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';

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
  // What the build reads, and what package.json ships (`files`).
  const shipped = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { files: string[] }).files;
  for (const entry of ['src', 'scripts', 'package.json', 'tsconfig.json', 'tsconfig.build.json', ...shipped]) {
    if (!existsSync(path.join(root, entry))) continue;
    mkdirSync(path.dirname(path.join(dir, entry)), { recursive: true });
    cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

let packed: { sources: string; tarball: string } | undefined;

/** `npm pack` of a copy of the sources, once for all tests: the sources folder and the tarball's path. */
function pack(): { sources: string; tarball: string } {
  if (packed) return packed;
  const sources = packageSources();
  const packs = tempDir('kasane-pack-');
  ok(run('npm', ['pack', '--pack-destination', packs], sources), 'npm pack');
  const tarball = readdirSync(packs).find((f) => f.endsWith('.tgz'));
  expect(tarball, 'npm pack wrote no tarball').toBeDefined();
  packed = { sources, tarball: path.join(packs, tarball!) };
  return packed;
}

describe('package', () => {
  test.skipIf(!hasNpm)(
    'installs from its tarball and runs init, render, --check and tsc in a fresh folder',
    () => {
      const { sources, tarball } = pack();
      const project = path.join(tempDir('kasane-e2e-'), 'shop');
      // The scaffold's dependency line names the tarball, so a plain `npm install` installs it.
      ok(run(process.execPath, [path.join(sources, 'bin/kasane.js'), 'init', project, '--kasane', tarball], sources), 'kasane init');
      const manifest = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
      expect(manifest.dependencies.kasane).toBe(`file:${path.relative(project, tarball)}`);
      const install = run('npm', ['install', '--no-audit', '--no-fund'], project);
      ok(install, 'npm install');
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
        'dist/watch-worker.js',
        'dist/api.js',
        'dist/k8s/api/core/v1.d.ts',
        'dist/k8s/api/apps/v1.d.ts',
        'README.md',
      ]) {
        expect(existsSync(path.join(project, 'node_modules/kasane', file)), `the package lacks ${file}`).toBe(true);
      }

      // Every relative link of the packaged README and docs leads to a file of the package.
      const packaged = path.join(project, 'node_modules/kasane');
      for (const page of ['README.md', ...readdirSync(path.join(packaged, 'docs')).map((f) => `docs/${f}`)]) {
        for (const [, target] of readFileSync(path.join(packaged, page), 'utf8').matchAll(/\]\(([^)\s]+)\)/g)) {
          if (/^([a-z]+:|#)/.test(target!)) continue;
          const file = path.resolve(path.dirname(path.join(packaged, page)), target!.replace(/#.*$/, ''));
          expect(existsSync(file), `${page} links to ${target}, which the package lacks`).toBe(true);
        }
      }
      expect(JSON.parse(readFileSync(path.join(packaged, 'package.json'), 'utf8')).scripts?.prepare).toBeUndefined();

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

      // The CI workflow init wrote, step by step as GitHub runs them (bash -e), install included.
      const workflow = parse(readFileSync(path.join(project, '.github/workflows/kasane.yml'), 'utf8')) as { jobs: { check: { steps: { run?: string }[] } } };
      const runSteps = workflow.jobs.check.steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));
      expect(runSteps[0]).toBe('npm ci');
      for (const step of runSteps) ok(run('bash', ['-e', '-c', step], project), `workflow step ${step}`);

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
    300_000,
  );

  test.skipIf(!hasNpm)(
    'in an npm workspace: a TypeScript component library used by two projects, its files, a 10 × 3 fleet in shards',
    () => {
      const { tarball } = pack();
      const platform = path.join(tempDir('kasane-e2e-'), 'platform');
      cpSync(path.join(root, 'test/fixtures/component-library'), platform, { recursive: true });
      const manifest = JSON.parse(readFileSync(path.join(platform, 'package.json'), 'utf8')) as Record<string, unknown>;
      const withKasane = { ...manifest, devDependencies: { kasane: `file:${tarball}` }, allowScripts: { esbuild: true } };
      writeFileSync(path.join(platform, 'package.json'), JSON.stringify(withKasane, null, 2) + '\n');
      ok(run('npm', ['install', '--no-audit', '--no-fund'], platform), 'npm install (workspace)');
      // npm links the library into node_modules: source in the repository, compiled with each project.
      expect(lstatSync(path.join(platform, 'node_modules/@acme/web-components')).isSymbolicLink()).toBe(true);

      // Run from a folder that is neither project: -C names the project, the library's
      // nginx.conf is still found beside its component.
      const elsewhere = tempDir('kasane-elsewhere-');
      const kasane = (args: string[]) => run(process.execPath, [path.join(platform, 'node_modules/kasane/bin/kasane.js'), ...args], elsewhere);
      const shop = path.join(platform, 'apps/shop');
      ok(kasane(['render', '-C', shop]), 'render shop');
      const shopProd = path.join(shop, 'rendered/prod');
      const configFile = readdirSync(path.join(shopProd, 'web')).find((f) => f.startsWith('configmap-web-nginx'));
      expect(readFileSync(path.join(shopProd, 'web', configFile!), 'utf8')).toContain('  nginx.conf: |\n    server {\n      listen 8080;\n');
      expect(readFileSync(path.join(shopProd, 'web/deployment-web.yaml'), 'utf8')).toContain('  replicas: 3\n');
      ok(kasane(['render', '--check', '-C', shop]), 'render --check shop');

      // The library component's values as JSON Schema, checked by Ajv against the defaults
      // the installed kasane parses from the same component.
      const schema = JSON.parse(ok(kasane(['schema', 'web', '-C', shop]), 'schema web')) as Record<string, unknown>;
      const defaultsScript = `import { loadProject } from 'kasane/pipeline';\nconst project = await loadProject(${JSON.stringify(shop)});\nconst web = project.environments[0].components[0].component;\nconsole.log(JSON.stringify(web.values.parse({})));\n`;
      const defaults = JSON.parse(ok(run(process.execPath, ['--input-type=module', '-e', defaultsScript], platform), 'defaults')) as unknown;
      expect(defaults).toEqual({ replicas: 1, tag: '1.27.3', memory: '64Mi' });
      const validate = new Ajv2020({ strict: true }).compile(schema);
      expect(validate(defaults), JSON.stringify(validate.errors)).toBe(true);
      expect(validate({ replicas: 0 })).toBe(false);

      // The second project: thirty environments from one fleet, checked in three shards that
      // together cover each environment once.
      const blog = path.join(platform, 'apps/blog');
      ok(kasane(['render', '-C', blog]), 'render blog');
      const folders = readdirSync(path.join(blog, 'rendered')).sort();
      expect(folders).toHaveLength(30);
      expect(folders).toContain('prod-syd');
      const listed = ok(kasane(['list', '-C', blog]), 'list blog')
        .trim()
        .split('\n');
      expect(listed.filter((line) => line.includes('(fleet edge)'))).toHaveLength(30);
      const checked: string[] = [];
      for (let i = 1; i <= 3; i++) {
        const shard = kasane(['render', '--check', '--shard', `${i}/3`, '-C', blog]);
        expect(shard.status, shard.stderr).toBe(0);
        checked.push(.../^up to date: (.*) in \S*rendered$/m.exec(shard.stderr)![1]!.split(', '));
      }
      expect(checked.sort()).toEqual(folders);

      // One edit of the library's file is drift in both projects.
      const conf = path.join(platform, 'packages/web-components/src/web/nginx.conf');
      writeFileSync(conf, readFileSync(conf, 'utf8').replace('listen 8080;', 'listen 8081;'));
      for (const project of [shop, blog]) {
        const drift = kasane(['render', '--check', '-C', project]);
        expect(drift.status, drift.stderr).toBe(1);
        expect(drift.stdout).toContain('+      listen 8081;');
      }

      // The library exports its values' type: a project's wrong value fails to type-check.
      const tsc = [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'];
      ok(run(process.execPath, tsc, platform), 'tsc (workspace)');
      const prod = path.join(shop, 'environments/prod.ts');
      writeFileSync(prod, readFileSync(prod, 'utf8').replace('replicas: 3', "replicas: 'three'"));
      const typeError = run(process.execPath, tsc, platform);
      expect(typeError.status).not.toBe(0);
      expect(typeError.stdout).toContain('apps/shop/environments/prod.ts');
    },
    240_000,
  );
});
