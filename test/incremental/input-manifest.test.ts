/**
 * The input manifest from the command line: a `render` or `render --check` whose inputs did
 * not change answers without loading the project, and whatever the state of the project and
 * its output folder, every run prints, exits and leaves the folder exactly as a render from
 * scratch (`--no-cache`) of a copy of the same folder does.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { gitRepo, noGit } from '../helpers/git.ts';
import { runCli, snapshotTree, writeProject, type CliResult } from '../helpers/project.ts';
import { PLAIN_SECRET_PROJECT } from './edit-fixture.ts';

const component = (replicas: number) => `
  import { configMap, container, defineComponent, deployment, z } from 'kasane';

  export default defineComponent({
    name: 'api',
    values: z.object({ replicas: z.number().int().min(1).default(${replicas}) }),
    files: { conf: 'api.conf' },
    build: (values, { files }) => [
      deployment({ name: 'api', replicas: values.replicas, containers: [container({ name: 'api', image: 'example/api:1.0.0' })] }),
      configMap({ name: 'api-conf', data: { 'api.conf': files.conf.text } }),
    ],
  });
`;

const environment = (name: string, replicas: number) => `
  import { configMapGenerator, defineEnvironment } from 'kasane';
  import api from '../components/api.ts';

  export default defineEnvironment({
    name: '${name}',
    namespace: '${name}',
    components: [api.with({ replicas: ${replicas} })],
    generators: [configMapGenerator({ name: 'settings', files: ['settings.properties'] })],
  });
`;

/** Two environments, a component that reads a file beside it, a generator input; rendered once. */
async function renderedProject(): Promise<string> {
  const dir = writeProject({
    'components/api.ts': component(1),
    'components/api.conf': 'level=1\n',
    'environments/dev.ts': environment('dev', 1),
    'environments/prod.ts': environment('prod', 3),
    'environments/settings.properties': 'mode=on\n',
  });
  const first = await runCli(['render'], dir);
  expect(first.code, first.stderr).toBe(0);
  return dir;
}

/** The compiled bundles in the project's cache and their manifests: a run that loads the project compiles and writes them again when they are gone. */
function bundles(dir: string): string[] {
  const cache = path.join(dir, 'node_modules/.cache/kasane');
  return readdirSync(cache).filter((f) => f.endsWith('.mjs') || f.endsWith('.json'));
}

function dropBundles(dir: string): void {
  for (const f of bundles(dir)) unlinkSync(path.join(dir, 'node_modules/.cache/kasane', f));
}

const bin = path.resolve(import.meta.dirname, '../../bin/kasane.js');

/**
 * `kasane <argv>` in a process of its own: one that runs in this process imports an installed
 * package once, and keeps it when the package changes on disk.
 */
async function runProcess(argv: string[], cwd: string): Promise<CliResult> {
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `argv` in `dir`, and `argv --no-cache` in a copy of `dir` as it was; both must print, exit and leave the same. */
async function bothWays(dir: string, argv: string[], run = runCli): Promise<CliResult> {
  const copy = path.join(tmpdir(), `kasane-copy-${process.pid}-${Math.random().toString(36).slice(2)}`);
  cpSync(dir, copy, { recursive: true });
  const fast = await run(argv, dir);
  const cold = await run([...argv, '--no-cache'], copy);
  expect({ code: fast.code, stdout: fast.stdout, stderr: fast.stderr }).toEqual({ code: cold.code, stdout: cold.stdout, stderr: cold.stderr });
  expect(snapshotTree(path.join(dir, 'rendered'))).toEqual(snapshotTree(path.join(copy, 'rendered')));
  rmSync(copy, { recursive: true, force: true });
  return fast;
}

describe('input manifest: nothing changed', () => {
  test.each([[['render', '--check']], [['render']], [['render', '--check', '--json']], [['render', 'prod', '--check']], [['render', '--check', '--shard', '3/3']]])(
    '`%s` answers without loading the project, as a full render does',
    async (argv) => {
      const dir = await renderedProject();
      // Other options (environments named, a shard) have a manifest of their own: recorded by their first run.
      if (argv.length > 2 && argv[2] !== '--json') expect((await runCli(argv, dir)).code).toBe(0);
      dropBundles(dir);
      const before = snapshotTree(path.join(dir, 'rendered'));
      const r = await bothWays(dir, argv);
      expect(r.code, r.stderr).toBe(0);
      expect(bundles(dir)).toEqual([]);
      expect(snapshotTree(path.join(dir, 'rendered'))).toEqual(before);
    },
  );
});

describe('input manifest: the output folder changed', () => {
  const changes: Record<string, (dir: string) => void> = {
    'a drifted file': (dir) =>
      writeFileSync(path.join(dir, 'rendered/prod/api/deployment-api.yaml'), readFileSync(path.join(dir, 'rendered/prod/api/deployment-api.yaml'), 'utf8').replace('replicas: 3', 'replicas: 4')),
    'a missing file': (dir) => unlinkSync(path.join(dir, 'rendered/dev/api/configmap-api-conf.yaml')),
    'an extra file': (dir) => writeFileSync(path.join(dir, 'rendered/dev/notes.txt'), 'mine\n'),
    'a missing environment folder': (dir) => rmSync(path.join(dir, 'rendered/dev'), { recursive: true }),
    'the folder of a gone environment kasane rendered': (dir) => cpSync(path.join(dir, 'rendered/dev'), path.join(dir, 'rendered/old'), { recursive: true }),
    'a leftover staging folder': (dir) => mkdirSync(path.join(dir, 'rendered/.dev.kasane-1')),
  };
  for (const argv of [['render', '--check'], ['render']]) {
    test.each(Object.keys(changes))(`\`${argv.join(' ')}\` with %s: what a full render prints and does`, async (name) => {
      const dir = await renderedProject();
      changes[name]!(dir);
      await bothWays(dir, argv);
    });
  }
});

describe('input manifest: an input changed', () => {
  const edits: Record<string, (dir: string) => void> = {
    "a component's code": (dir) => writeProject({ 'components/api.ts': component(2) }, dir),
    "a component's file": (dir) => writeProject({ 'components/api.conf': 'level=2\n' }, dir),
    "a generator's file": (dir) => writeProject({ 'environments/settings.properties': 'mode=off\n' }, dir),
    'an environment': (dir) => writeProject({ 'environments/prod.ts': environment('prod', 5) }, dir),
    'an added environment': (dir) => writeProject({ 'environments/qa.ts': environment('qa', 1) }, dir),
    'a removed environment': (dir) => unlinkSync(path.join(dir, 'environments/dev.ts')),
    'an added configuration': (dir) => writeProject({ 'kasane.config.ts': "import { defineConfig } from 'kasane';\nexport default defineConfig({ out: 'deploy' });\n" }, dir),
    'a package the components import': (dir) =>
      writeProject({ 'node_modules/lib/package.json': '{"name":"lib","version":"2.0.0","type":"module","main":"index.js"}', 'node_modules/lib/index.js': 'export const replicas = 7;\n' }, dir),
  };
  test.each(Object.keys(edits))('%s: rendered again, as from scratch', async (name) => {
    const dir = await renderedProject();
    if (name.startsWith('a package')) {
      writeProject({ 'node_modules/lib/package.json': '{"name":"lib","version":"1.0.0","type":"module","main":"index.js"}', 'node_modules/lib/index.js': 'export const replicas = 6;\n' }, dir);
      writeProject({ 'environments/prod.ts': environment('prod', 3).replace('import api', "import { replicas } from 'lib';\n  import api").replace('replicas: 3', 'replicas') }, dir);
      expect((await runProcess(['render'], dir)).code).toBe(0);
      expect((await runProcess(['render', '--check'], dir)).code).toBe(0);
    }
    edits[name]!(dir);
    const run = name.startsWith('a package') ? runProcess : runCli;
    for (const argv of [['render', '--check'], ['render'], ['render', '--check']]) await bothWays(dir, argv, run);
  });
});

describe('input manifest: what it is never used for', () => {
  test('a corrupt manifest: a note, and the normal path', async () => {
    const dir = await renderedProject();
    const cache = path.join(dir, 'node_modules/.cache/kasane/render');
    const manifest = readdirSync(cache)
      .map((f) => path.join(cache, f))
      .find((f) => readFileSync(f, 'utf8').includes('"env":"inputs:'))!;
    writeFileSync(manifest, readFileSync(manifest, 'utf8').slice(0, 300));
    dropBundles(dir);
    const r = await runCli(['render', '--check'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/^note:.*$/gm)).toEqual([expect.stringMatching(/^note: render cache .*\.json is corrupt or truncated; loading the project$/)]);
    expect(bundles(dir)).not.toEqual([]);
  });

  test('`--no-cache` and `--timings` load the project', async () => {
    const dir = await renderedProject();
    for (const flag of ['--no-cache', '--timings']) {
      dropBundles(dir);
      expect((await runCli(['render', '--check', flag], dir)).code).toBe(0);
      expect(bundles(dir)).not.toEqual([]);
    }
  });

  test.skipIf(noGit)('a render that reads a secret value stores no manifest', async () => {
    // In a git repository that ignores the output, so that the plain-text Secret may be written.
    const dir = gitRepo(await renderedProject(), ['rendered/', 'node_modules/']);
    const cache = path.join(dir, 'node_modules/.cache/kasane/render');
    const manifests = () => (existsSync(cache) ? readdirSync(cache).filter((f) => readFileSync(path.join(cache, f), 'utf8').includes('"env":"inputs:')) : []);
    // Without the secret, a successful check stores one: the assertion below can tell.
    rmSync(cache, { recursive: true });
    expect((await runCli(['render', '--check'], dir)).code).toBe(0);
    expect(manifests()).not.toEqual([]);
    writeProject(
      {
        'components/api.ts': component(1)
          .replace(
            "configMap({ name: 'api-conf', data: { 'api.conf': files.conf.text } }),",
            "configMap({ name: 'api-conf', data: { 'api.conf': files.conf.text } }),\n      secret({ name: 'db', stringData: { password: secretValue.fromEnv('DB_PASSWORD') } }),",
          )
          .replace('import { configMap,', 'import { secret, secretValue, configMap,'),
      },
      dir,
    );
    rmSync(cache, { recursive: true });
    for (const argv of [['render'], ['render', '--check']]) {
      const r = await runCli(argv, dir, { DB_PASSWORD: 'x' });
      expect(r.code, r.stderr).toBe(0);
      expect(manifests(), argv.join(' ')).toEqual([]);
    }
  });
});

describe.skipIf(noGit)('input manifest: plain-text Secrets', () => {
  test("answered while git ignores them; git's rules are asked each run, and a refusal is the normal path's", async () => {
    const dir = gitRepo(writeProject(PLAIN_SECRET_PROJECT), ['rendered/', 'node_modules/']);
    expect((await runCli(['render'], dir)).code).toBe(0);
    dropBundles(dir);
    const served = await bothWays(dir, ['render', '--check']);
    expect(served.code, served.stderr).toBe(0);
    expect(bundles(dir)).toEqual([]);
    // The rule goes; no input of the project changed, but the Secret may no longer be written there.
    writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
    for (const argv of [['render', '--check'], ['render']]) expect((await bothWays(dir, argv)).code).toBe(2);
  });
});
