/**
 * The render cache from the command line: a render over an unchanged project reuses every
 * environment, and after any sequence of edits the output is byte for byte what a render from
 * scratch (`--no-cache`) writes; a damaged or foreign cache, or one that cannot be written,
 * gives a one-line note and a render from scratch.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { gitRepo, noGit } from '../helpers/git.ts';
import { runCli, snapshotTree, writeProject } from '../helpers/project.ts';
import { EDITS, leafFile, PLAIN_SECRET_PROJECT, project, random, renderBothWays } from './edit-fixture.ts';

describe('render cache', () => {
  test('an unchanged project is served from the cache, an edited environment is rendered again', async () => {
    const dir = project();
    expect(await renderBothWays(dir)).toEqual([]);
    expect(await renderBothWays(dir)).toEqual(['dev', 'prod']);
    writeFileSync(path.join(dir, 'environments/prod.ts'), leafFile('prod', 5, 'example/api:1.0.0'));
    expect(await renderBothWays(dir)).toEqual(['dev']);
    expect(readFileSync(path.join(dir, 'rendered/prod/api/deployment-api.yaml'), 'utf8')).toContain('replicas: 5');
  });

  test.each([1, 2, 3])(
    'random edit sequence %i: every render equals a render from scratch',
    async (seed) => {
      const next = random(seed);
      const dir = project();
      let served = 0;
      for (let step = 0; step < 8; step++) {
        const edits = 1 + Math.floor(next() * 2);
        for (let i = 0; i < edits; i++) {
          const [file, text] = EDITS[Math.floor(next() * EDITS.length)]!(dir, Math.floor(next() * 6));
          writeProject({ [file]: text }, dir);
        }
        served += (await renderBothWays(dir)).length;
      }
      // Edits that give back an earlier text, or touch one environment only, leave something to reuse.
      expect(served).toBeGreaterThan(0);
    },
    120_000,
  );

  test('a file a component reads beside its source is part of the key', async () => {
    const dir = writeProject({
      'components/web/nginx.conf': 'worker_processes 1;\n',
      'components/web/index.ts': `
        import { configMap, defineComponent, z } from 'kasane';

        export default defineComponent({
          name: 'web',
          values: z.object({}),
          files: { conf: 'nginx.conf' },
          build: (_v, { files }) => [configMap({ name: 'web-config', data: { 'nginx.conf': files.conf.text } })],
        });
      `,
      'environments/prod.ts': `
        import { defineEnvironment } from 'kasane';
        import web from '../components/web/index.ts';

        export default defineEnvironment({ name: 'prod', components: [web] });
      `,
    });
    const first = await runCli(['render'], dir);
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(path.join(dir, 'components/web/nginx.conf'), 'worker_processes 4;\n');
    const again = await runCli(['render'], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'rendered/prod/web/configmap-web-config.yaml'), 'utf8')).toContain('worker_processes 4;');
    expect((await runCli(['render', '--check', '--no-cache'], dir)).code).toBe(0);
  });

  test("a file a group's generator reads is part of the key", async () => {
    const dir = writeProject({
      'environments/settings.env': 'MODE=blue\n',
      'environments/prod.ts': `
        import { configMapGenerator, defineEnvironment, defineGroup } from 'kasane';

        const edge = defineGroup({ name: 'edge', components: [], generators: [configMapGenerator({ name: 'settings', envs: ['settings.env'] })] });
        export default defineEnvironment({ name: 'prod', components: [edge] });
      `,
    });
    const first = await runCli(['render'], dir);
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(path.join(dir, 'environments/settings.env'), 'MODE=green\n');
    const again = await runCli(['render'], dir);
    expect(again.code, again.stderr).toBe(0);
    expect((await runCli(['render', '--check', '--no-cache'], dir)).code).toBe(0);
  });

  test('`render --no-cache` neither reads nor writes the cache', async () => {
    const dir = project();
    const r = await runCli(['render', '--no-cache'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(() => readdirSync(path.join(dir, 'node_modules/.cache/kasane/render'))).toThrow();
  });
});

describe('a bad render cache: a note and a render from scratch', () => {
  const cacheDir = (dir: string) => path.join(dir, 'node_modules/.cache/kasane/render');
  const damage: Record<string, { change: (file: string) => void; note: RegExp }> = {
    'a corrupt entry': {
      change: (file) => writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 3', 'replicas: 4')),
      note: /^note: render cache .*\.json is corrupt or truncated; rendering prod from scratch$/m,
    },
    'a truncated entry': {
      change: (file) => writeFileSync(file, readFileSync(file).subarray(0, 200)),
      note: /^note: render cache .*\.json is corrupt or truncated; rendering prod from scratch$/m,
    },
    'an entry that is not JSON': {
      change: (file) => writeFileSync(file, 'garbage'),
      note: /^note: render cache .*\.json is corrupt or truncated; rendering prod from scratch$/m,
    },
    'an entry of another kasane release': {
      change: (file) => writeFileSync(file, readFileSync(file, 'utf8').replace(/"version":"[^"]+"/, '"version":"0.0.1"')),
      note: /^note: the render cache was written by kasane 0\.0\.1, this is kasane [^ ]+; rendering from scratch$/m,
    },
    'an entry of another layout': {
      change: (file) => writeFileSync(file, readFileSync(file, 'utf8').replace(/^\{"format":\d+,"version":"[^"]+",/, '{"format":99,')),
      note: /^note: the render cache was written by another kasane, this is kasane [^ ]+; rendering from scratch$/m,
    },
  };

  test.each(Object.keys(damage))('%s', async (name) => {
    const dir = project();
    await renderBothWays(dir);
    const prodEntry = readdirSync(cacheDir(dir))
      .map((f) => path.join(cacheDir(dir), f))
      .find((f) => readFileSync(f, 'utf8').includes('"env":"prod","key":'))!;
    damage[name]!.change(prodEntry);
    // The damaged entry would give prod 4 replicas: the output must still say 3.
    rmSync(path.join(dir, 'rendered'), { recursive: true });
    const r = await runCli(['render', '--timings'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(damage[name]!.note);
    expect(r.stderr.match(/^note:/gm)).toHaveLength(1);
    expect(r.stderr).toMatch(/^prod: build /m);
    expect(r.stderr).toMatch(/^dev: cache /m);
    expect(readFileSync(path.join(dir, 'rendered/prod/api/deployment-api.yaml'), 'utf8')).toContain('replicas: 3');
    expect(await renderBothWays(dir)).toEqual(['dev', 'prod']);
  });

  test('an entry of another build of the same release (a rebuild, kasane from its source) is a quiet miss', async () => {
    const dir = project();
    await renderBothWays(dir);
    for (const file of readdirSync(cacheDir(dir))) {
      const abs = path.join(cacheDir(dir), file);
      writeFileSync(abs, readFileSync(abs, 'utf8').replace(/"kasane":"[0-9a-f]+"/, '"kasane":"0000"'));
    }
    const r = await runCli(['render', '--timings'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('note:');
    expect(r.stderr).toMatch(/^dev: build /m);
    expect(r.stderr).toMatch(/^prod: build /m);
    expect(await renderBothWays(dir)).toEqual(['dev', 'prod']);
  });

  test('a cache folder that cannot be written', async () => {
    const dir = project();
    writeProject({ 'node_modules/.cache/kasane/render': 'a file where the folder would be\n' }, dir);
    const r = await runCli(['render'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/^note:.*$/gm)).toEqual([expect.stringMatching(/^note: render cache .*render cannot be written \(E[A-Z]+\); the next render starts from scratch too$/)]);
    const cold = await runCli(['render', '--no-cache', '--out', 'cold'], dir);
    expect(cold.code).toBe(0);
    expect(snapshotTree(path.join(dir, 'rendered'))).toEqual(snapshotTree(path.join(dir, 'cold')));
  });
});

describe('what the cache never holds', () => {
  test('a render that reads secret values from the environment is rendered every time', async () => {
    const dir = writeProject({
      'components/db.ts': `
        import { defineComponent, secret, secretValue, z } from 'kasane';

        export default defineComponent({
          name: 'db',
          values: z.object({}),
          build: () => [secret({ name: 'db', annotations: { 'kasane.dev/commit-plaintext': 'true' }, stringData: { password: secretValue.fromEnv('DB_PASSWORD') } })],
        });
      `,
      'environments/dev.ts': `
        import { defineEnvironment } from 'kasane';
        import db from '../components/db.ts';

        export default defineEnvironment({ name: 'dev', namespace: 'dev', components: [db] });
      `,
    });
    const first = await runCli(['render', '--stdout'], dir, { DB_PASSWORD: 'first-value' });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('first-value');
    const second = await runCli(['render', '--stdout'], dir, { DB_PASSWORD: 'second-value' });
    expect(second.stdout).toContain('second-value');
    expect(() => readdirSync(path.join(dir, 'node_modules/.cache/kasane/render'))).toThrow();
  });
});

describe.skipIf(noGit)('a render served from the cache', () => {
  test('still refuses plain-text Secret values for a folder git does not ignore', async () => {
    const dir = gitRepo(writeProject({ ...PLAIN_SECRET_PROJECT, '.gitignore': 'ignored/\n' }));
    const allowed = await runCli(['render', '--out', 'ignored'], dir);
    expect(allowed.code, allowed.stderr).toBe(0);
    const refused = await runCli(['render', '--timings'], dir);
    expect(refused.stderr).toMatch(/^dev: cache /m);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('code: secrets/plaintext-in-git');
    expect(() => readdirSync(path.join(dir, 'rendered', 'dev'))).toThrow();
  });
});
