/**
 * Fleets (environments generated from a typed list), shards of a render for a CI matrix, and
 * the folders of environments that are gone.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { inShard, parseShard, shardOf } from '../../src/project/shard.ts';
import { runCli, writeProject } from '../helpers/project.ts';

const component = `
  import { defineComponent, deployment, z } from 'kasane';
  export default defineComponent({
    name: 'web',
    values: z.object({ replicas: z.number().int().default(1) }),
    build: (v) => deployment({ name: 'web', replicas: v.replicas, image: 'example/web:1.4.0' }),
  });
`;

/** A fleet `edge` of `clusters` × staging/prod over an abstract base. */
function fleetFile(clusters: string[]): string {
  return `
    import { defineEnvironment, defineFleet } from 'kasane';
    import web from '../components/web.ts';
    import base from './base.ts';
    const clusters = ${JSON.stringify(clusters)};
    const stages = ['staging', 'prod'] as const;
    export default defineFleet({
      name: 'edge',
      members: clusters.flatMap((cluster) => stages.map((stage) => ({ cluster, stage }))),
      environment: (m) =>
        defineEnvironment({
          name: m.stage + '-' + m.cluster,
          extends: base,
          namespace: 'web-' + m.stage,
          labels: { 'example.com/cluster': m.cluster },
          components: [web.with({ replicas: m.stage === 'prod' ? 3 : 1 })],
        }),
    });
  `;
}

function fleetProject(clusters: string[], config = ''): string {
  return writeProject({
    'components/web.ts': component,
    'environments/base.ts': `
      import { defineEnvironment } from 'kasane';
      export default defineEnvironment({ name: 'base', abstract: true });
    `,
    'environments/edge.ts': fleetFile(clusters),
    ...(config ? { 'kasane.config.ts': `import { defineConfig } from 'kasane';\nexport default defineConfig(${config});\n` } : {}),
  });
}

const folders = (dir: string) =>
  readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort();

describe('fleets', () => {
  test('lists each generated environment by name, with its fleet', async () => {
    const root = fleetProject(['ams', 'iad']);
    const result = await runCli(['list'], root);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'base (abstract): (no components)',
        'staging-ams (fleet edge) ← base: web',
        'prod-ams (fleet edge) ← base: web',
        'staging-iad (fleet edge) ← base: web',
        'prod-iad (fleet edge) ← base: web',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await runCli(['list', '--json'], root)).stdout) as { name: string; fleet?: string; file: string }[];
    expect(json[1]).toMatchObject({ name: 'staging-ams', fleet: 'edge', file: 'environments/edge.ts' });
  });

  test('renders every environment of the fleet into its own folder, and diffs two of them', async () => {
    const root = fleetProject(['ams', 'iad']);
    const result = await runCli(['render'], root);
    expect(result.code, result.stderr).toBe(0);
    expect(folders(path.join(root, 'rendered'))).toEqual(['prod-ams', 'prod-iad', 'staging-ams', 'staging-iad']);
    expect(readFileSync(path.join(root, 'rendered/prod-iad/web/deployment-web.yaml'), 'utf8')).toContain('  replicas: 3\n');
    const diff = await runCli(['diff', 'staging-ams', 'prod-ams'], root);
    expect(diff.code, diff.stderr).toBe(1);
    expect(diff.stdout).toContain('spec.replicas');
  });

  test('refuses a fleet whose name is not its file name', async () => {
    const root = fleetProject(['ams']);
    writeFileSync(path.join(root, 'environments/edge.ts'), fleetFile(['ams']).replace("name: 'edge'", "name: 'core'"));
    const result = await runCli(['list'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("fleet 'core' is in 'environments/edge.ts': the file name and the fleet name differ");
  });

  test('refuses an environment defined both by a fleet and by a file', async () => {
    const root = fleetProject(['ams']);
    writeFileSync(path.join(root, 'environments/prod-ams.ts'), `import { defineEnvironment } from 'kasane';\nexport default defineEnvironment({ name: 'prod-ams' });\n`);
    const result = await runCli(['list'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("environment 'prod-ams' is defined twice: in 'environments/edge.ts' and in 'environments/prod-ams.ts'");
    expect(result.stderr).toContain('code: load/duplicate-environment');
  });
});

describe('shards', () => {
  test('reads i/n and refuses anything else', () => {
    expect(parseShard('3/10')).toEqual({ index: 3, count: 10 });
    for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0', '-1/3']) expect(() => parseShard(bad), bad).toThrow(/expected --shard i\/n/);
  });

  test('puts every name in exactly one shard, and adding names moves none of the others', () => {
    const names = Array.from({ length: 30 }, (_, i) => `env-${i}`);
    for (const name of names) {
      const owners = [1, 2, 3, 4].filter((index) => inShard(name, { index, count: 4 }));
      expect(owners).toEqual([shardOf(name, 4)]);
    }
    const before = names.map((n) => shardOf(n, 4));
    const after = [...names, 'env-new-1', 'env-new-2'].map((n) => shardOf(n, 4)).slice(0, names.length);
    expect(after).toEqual(before);
  });

  test('each shard renders and checks its own environments; together they cover the fleet', async () => {
    const clusters = ['ams', 'iad', 'fra', 'sin', 'syd'];
    const root = fleetProject(clusters);
    const seen: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const result = await runCli(['render', '--shard', `${i}/3`], root);
      expect(result.code, result.stderr).toBe(0);
      seen.push(...[...result.stderr.matchAll(/^([a-z-]+): \d+ objects?,/gm)].map((m) => m[1]!));
    }
    expect(seen.sort()).toEqual(clusters.flatMap((c) => [`prod-${c}`, `staging-${c}`]).sort());
    const list = await runCli(['list', '--shard', '2/3', '--json'], root);
    const inTwo = (JSON.parse(list.stdout) as { name: string }[]).map((r) => r.name);
    expect(inTwo.every((n) => shardOf(n, 3) === 2)).toBe(true);

    // Drift in one environment fails its shard only, and the fix names the shard.
    const drifted = seen.find((n) => n.startsWith('prod-'))!;
    const file = path.join(root, 'rendered', drifted, 'web/deployment-web.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 3', 'replicas: 4'));
    for (let i = 1; i <= 3; i++) {
      const check = await runCli(['render', '--check', '--shard', `${i}/3`], root);
      const owner = shardOf(drifted, 3) === i;
      expect(check.code, check.stderr).toBe(owner ? 1 : 0);
      if (owner) expect(check.stderr).toContain(`fix: run \`kasane render --shard ${i}/3\``);
    }
  });

  test('refuses --shard together with environment names, and a bad spec, with exit 2', async () => {
    const root = fleetProject(['ams']);
    const both = await runCli(['render', 'prod-ams', '--shard', '1/2'], root);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('code: cli/shard-with-environments');
    const bad = await runCli(['render', '--shard', '3/2'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('code: cli/invalid-shard');
  });

  test('says so when no environment falls to a shard', async () => {
    const root = fleetProject(['ams']);
    const empty = [1, 2, 3, 4, 5, 6, 7, 8].find((i) => !['staging-ams', 'prod-ams'].some((n) => shardOf(n, 8) === i))!;
    const result = await runCli(['render', '--check', '--shard', `${empty}/8`], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`shard ${empty}/8: no environment falls to this shard\n`);
  });
});

describe('environments that are gone', () => {
  test('warns about a rendered folder no environment renders, and keeps it, by default', async () => {
    const root = fleetProject(['ams', 'iad']);
    expect((await runCli(['render'], root)).code).toBe(0);
    writeFileSync(path.join(root, 'environments/edge.ts'), fleetFile(['ams']));
    const result = await runCli(['render'], root);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("warning: 'rendered/prod-iad' was rendered by kasane, but no environment 'prod-iad' renders any more");
    expect(result.stderr).toContain('code: render/orphan-environment');
    expect(existsSync(path.join(root, 'rendered/prod-iad/kustomization.yaml'))).toBe(true);
    expect((await runCli(['render', '--check'], root)).code).toBe(0);
  });

  test('with pruneEnvironments, --check reports the folder and render removes what kasane wrote there', async () => {
    const root = fleetProject(['ams', 'iad'], '{ pruneEnvironments: true }');
    expect((await runCli(['render'], root)).code).toBe(0);
    writeFileSync(path.join(root, 'environments/edge.ts'), fleetFile(['ams']));
    writeFileSync(path.join(root, 'rendered/staging-iad/NOTES.md'), 'kept\n');
    const check = await runCli(['render', '--check'], root);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('--- a/prod-iad/web/deployment-web.yaml');
    expect(check.stdout).toContain('+++ /dev/null');
    const result = await runCli(['render'], root);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('prod-iad: pruned (no environment renders it), 2 removed, folder removed → rendered/prod-iad');
    expect(result.stderr).toContain('warning: staging-iad/NOTES.md was not written by kasane and was left as it is');
    expect(folders(path.join(root, 'rendered'))).toEqual(['prod-ams', 'staging-ams', 'staging-iad']);
    expect(readdirSync(path.join(root, 'rendered/staging-iad'))).toEqual(['NOTES.md']);
    expect((await runCli(['render', '--check'], root)).code).toBe(0);
  });

  test('each shard prunes only the gone folders whose names fall to it', async () => {
    const root = fleetProject(['ams', 'iad', 'fra', 'sin'], '{ pruneEnvironments: true }');
    expect((await runCli(['render'], root)).code).toBe(0);
    writeFileSync(path.join(root, 'environments/edge.ts'), fleetFile(['ams']));
    const gone = ['iad', 'fra', 'sin'].flatMap((c) => [`prod-${c}`, `staging-${c}`]);
    for (let i = 1; i <= 2; i++) {
      const result = await runCli(['render', '--shard', `${i}/2`], root);
      expect(result.code, result.stderr).toBe(0);
      for (const name of gone) expect(existsSync(path.join(root, 'rendered', name)), `${name} after shard ${i}`).toBe(shardOf(name, 2) > i);
    }
  });

  test('leaves a folder kasane did not render alone, and ignores gone folders with pruneEnvironments: false', async () => {
    const root = fleetProject(['ams', 'iad'], '{ pruneEnvironments: false }');
    expect((await runCli(['render'], root)).code).toBe(0);
    mkdirSync(path.join(root, 'rendered/hand-made'));
    writeFileSync(path.join(root, 'rendered/hand-made/kustomization.yaml'), 'resources: []\n');
    writeFileSync(path.join(root, 'environments/edge.ts'), fleetFile(['ams']));
    const result = await runCli(['render'], root);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain('render/orphan-environment');
    expect(folders(path.join(root, 'rendered'))).toEqual(['hand-made', 'prod-ams', 'prod-iad', 'staging-ams', 'staging-iad']);
  });
});
