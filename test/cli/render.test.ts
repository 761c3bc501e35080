import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { LOCK_FILE, localProcesses } from '../../src/output/write-lock.ts';
import { runCli, smallProject, snapshotTree, writeProject } from '../helpers/project.ts';

describe('kasane render', () => {
  test('writes the environment folder and a summary line', async () => {
    const dir = smallProject();
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('dev: 2 objects, 3 files written, 0 unchanged, 0 removed → rendered/dev');
    expect(Object.keys(snapshotTree(path.join(dir, 'rendered')))).toEqual(['dev/api/deployment-api.yaml', 'dev/api/service-api.yaml', 'dev/kustomization.yaml']);
    const again = await runCli(['render'], dir);
    expect(again.stderr).toContain('dev: 2 objects, 0 files written, 3 unchanged, 0 removed');
  });

  test('says "1 file" and "1 object" in the singular', async () => {
    const dir = smallProject({
      'environments/dev.ts': `
        import { configMap, defineEnvironment } from 'kasane';
        export default defineEnvironment({ name: 'dev', namespace: 'dev', components: [], transforms: [(objects) => [...objects, configMap({ name: 'c', data: { a: '1' } })]] });
      `,
    });
    const first = await runCli(['render'], dir);
    expect(first.stderr, first.stderr).toContain('dev: 1 object, 2 files written, 0 unchanged, 0 removed → rendered/dev');
    const dev = smallProject();
    await runCli(['render'], dev);
    writeProject(
      {
        'environments/dev.ts': `
      import { defineEnvironment } from 'kasane';
      import api from '../components/api.ts';

      export default defineEnvironment({ name: 'dev', namespace: 'dev', components: [api.with({ replicas: 3 })] });
    `,
      },
      dev,
    );
    const changed = await runCli(['render'], dev);
    expect(changed.stderr).toContain('dev: 2 objects, 1 file written, 2 unchanged, 0 removed → rendered/dev');
  });

  test('--timings prints load, each stage of each environment, and the commit, and writes the same files', async () => {
    const plain = smallProject();
    const timed = smallProject();
    await runCli(['render'], plain);
    const r = await runCli(['render', '--timings'], timed);
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => /^(load|dev|commit):/.test(l) && l.endsWith(' ms'));
    const ms = String.raw`\d+\.\d ms`;
    expect(lines.map((l) => l.replace(/\d+\.\d ms/g, 'N ms'))).toEqual([
      'load: N ms',
      'dev: build N ms, secrets N ms, overlay N ms, seal N ms, validate N ms, emit N ms, memo N ms, store N ms, write N ms',
      'commit: N ms',
    ]);
    expect(lines[1]).toMatch(new RegExp(`^dev: build ${ms}, secrets ${ms}, overlay ${ms}, seal ${ms}, validate ${ms}, emit ${ms}, memo ${ms}, store ${ms}, write ${ms}$`));
    expect(snapshotTree(path.join(timed, 'rendered'))).toEqual(snapshotTree(path.join(plain, 'rendered')));
    const check = await runCli(['render', '--check', '--timings', '--no-validate'], timed);
    expect(check.code).toBe(0);
    expect(check.stderr).toMatch(new RegExp(`^dev: build ${ms}, secrets ${ms}, overlay ${ms}, seal ${ms}, emit ${ms}, memo ${ms}, store ${ms}, check ${ms}$`, 'm'));
    expect(check.stderr).not.toContain('commit:');
  });

  test('cleans up after a render that was killed while it wrote: staging folders go, a folder moved aside comes back', async () => {
    const dir = smallProject();
    await runCli(['render'], dir);
    const out = path.join(dir, 'rendered');
    const written = snapshotTree(out);
    // A process that has exited: its pid names the leftovers.
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
    mkdirSync(path.join(out, `.dev.kasane-${dead}`, 'api'), { recursive: true });
    writeFileSync(path.join(out, `.dev.kasane-${dead}`, 'api', 'half.yaml'), 'half\n');
    cpSync(path.join(out, 'dev'), path.join(out, `.prod.kasane-old-${dead}`), { recursive: true });
    // An earlier process that had this process's pid.
    mkdirSync(path.join(out, `.dev.kasane-old-${process.pid}`));
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(0);
    // The moved-aside folder was an environment the project no longer renders: it is back, untouched.
    expect(readdirSync(out).sort()).toEqual(['dev', 'prod']);
    expect(snapshotTree(path.join(out, 'prod'))).toEqual(snapshotTree(path.join(out, 'dev')));
    expect(snapshotTree(path.join(out, 'dev'))).toEqual(Object.fromEntries(Object.entries(written).map(([k, v]) => [k.replace(/^dev\//, ''), v])));
  });

  test('keeps the files of a folder moved aside by a killed render when the environment folder was made again meanwhile', async () => {
    const dir = smallProject();
    await runCli(['render'], dir);
    const out = path.join(dir, 'rendered');
    writeFileSync(path.join(out, 'dev', 'NOTES.md'), 'mine\n');
    const committed = snapshotTree(path.join(out, 'dev'));
    // A render killed between its two renames: dev moved aside, the staged folder not yet in place.
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
    renameSync(path.join(out, 'dev'), path.join(out, `.dev.kasane-old-${dead}`));
    cpSync(path.join(out, `.dev.kasane-old-${dead}`), path.join(out, `.dev.kasane-${dead}`), { recursive: true });
    // `git checkout rendered/dev` brings back the committed files, but not NOTES.md.
    for (const [file, text] of Object.entries(committed)) {
      if (file === 'NOTES.md') continue;
      mkdirSync(path.dirname(path.join(out, 'dev', file)), { recursive: true });
      writeFileSync(path.join(out, 'dev', file), text);
    }
    const r = await runCli(['render'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(snapshotTree(path.join(out, 'dev'))).toEqual(committed);
    expect(readdirSync(out)).toEqual(['dev']);
  });

  test('refuses to write through a symbolic link that replaced a component folder, and says why', async () => {
    const dir = smallProject();
    await runCli(['render'], dir);
    const elsewhere = path.join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, 'deployment-api.yaml'), 'precious\n');
    rmSync(path.join(dir, 'rendered', 'dev', 'api'), { recursive: true });
    symlinkSync(elsewhere, path.join(dir, 'rendered', 'dev', 'api'));
    writeProject(
      {
        'environments/dev.ts': `
      import { defineEnvironment } from 'kasane';
      import api from '../components/api.ts';

      export default defineEnvironment({ name: 'dev', namespace: 'dev', components: [api.with({ replicas: 3 })] });
    `,
      },
      dir,
    );
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').find((l) => l.startsWith('error:'))).toBe(
      `error: dev: '${path.join(dir, 'rendered', 'dev', 'api')}' is a symbolic link that kasane did not make, and 'api/service-api.yaml' would be written through it`,
    );
    expect(r.stderr).toContain('code: render/would-overwrite');
    expect(r.stderr).not.toContain('left as it is');
    expect(snapshotTree(elsewhere)).toEqual({ 'deployment-api.yaml': 'precious\n' });
  });

  test('--stdout prints the documents in Kustomize order and writes nothing', async () => {
    const dir = smallProject();
    const r = await runCli(['render', 'dev', '--stdout'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.split('---\n').map((d) => /^kind: (\w+)$/m.exec(d)?.[1])).toEqual(['Service', 'Deployment']);
    expect(snapshotTree(dir)['rendered/dev/kustomization.yaml']).toBeUndefined();
  });

  test('--check passes on fresh output and fails with a diff on drift', async () => {
    const dir = smallProject();
    await runCli(['render'], dir);
    const clean = await runCli(['render', '--check'], dir);
    expect(clean.code).toBe(0);
    expect(clean.stderr).toContain('up to date: dev in rendered');
    const file = path.join(dir, 'environments/dev.ts');
    writeFileSync(
      file,
      `import { defineEnvironment } from 'kasane';\nimport api from '../components/api.ts';\nexport default defineEnvironment({ name: 'dev', namespace: 'dev', components: [api.with({ replicas: 3 })] });\n`,
    );
    const before = snapshotTree(path.join(dir, 'rendered'));
    const drift = await runCli(['render', '--check'], dir);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('--- a/dev/api/deployment-api.yaml (Deployment/dev/api)');
    expect(drift.stdout).toContain('-  replicas: 2\n+  replicas: 3\n');
    expect(drift.stderr).toContain('drift: 1 file out of date in rendered (1 changed, 0 to add, 0 to remove)');
    expect(drift.stderr).toContain('fix: run `kasane render dev` and commit the result');
    expect(snapshotTree(path.join(dir, 'rendered'))).toEqual(before);
  });

  test.skipIf(!existsSync('/proc/self/stat'))('--check refuses to read the folder while a running render holds its lock', async () => {
    const dir = smallProject();
    await runCli(['render'], dir);
    const writer = spawn('sleep', ['60']);
    try {
      const stat = readFileSync(`/proc/${writer.pid}/stat`, 'utf8');
      const self = localProcesses.self();
      const holder = { pid: writer.pid, host: self.host, ...(self.boot ? { boot: self.boot } : {}), started: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19], token: 'theirs' };
      writeFileSync(path.join(dir, 'rendered', LOCK_FILE), `${JSON.stringify(holder)}\n`);
      const r = await runCli(['render', '--check'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`is locked: kasane (pid ${writer.pid} on '${self.host}') is writing it`);
      expect(r.stderr).toContain('code: render/locked');
    } finally {
      writer.kill();
    }
  });

  test('--check from another folder prints a fix command that works from there', async () => {
    const dir = smallProject();
    const parent = path.dirname(dir);
    const name = path.basename(dir);
    await runCli(['render', '-C', name, '--out', 'out'], parent);
    writeFileSync(
      path.join(dir, 'environments/dev.ts'),
      `import { defineEnvironment } from 'kasane';\nimport api from '../components/api.ts';\nexport default defineEnvironment({ name: 'dev', namespace: 'dev', components: [api.with({ replicas: 4 })] });\n`,
    );
    const drift = await runCli(['render', '--check', '-C', name, '--out', 'out'], parent);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain(`fix: run \`kasane render dev -C ${name} --out out\` and commit the result`);
  });

  test('refuses to write when validation finds errors: findings printed, nothing written, exit 1', async () => {
    const dir = smallProject();
    await runCli(['render'], dir);
    const before = snapshotTree(path.join(dir, 'rendered'));
    writeFileSync(
      path.join(dir, 'environments/dev.ts'),
      `import { defineEnvironment, patch } from 'kasane';\nimport api from '../components/api.ts';\nexport default defineEnvironment({ name: 'dev', namespace: 'dev', components: [api], patches: [patch('Deployment', 'api', (d) => void (d.spec!.template.spec!.containers[0]!.envFrom = [{ configMapRef: { name: 'missing' } }]))] });\n`,
    );
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('code: reference/');
    expect(r.stderr).toContain('nothing written: fix the errors above and run again');
    expect(snapshotTree(path.join(dir, 'rendered'))).toEqual(before);
  });

  test('usage errors exit 2 and help exits 0', async () => {
    const dir = smallProject();
    expect((await runCli(['render', '--bogus'], dir)).code).toBe(2);
    expect((await runCli(['rendr'], dir)).stderr).toContain('(Did you mean render?)');
    const help = await runCli(['render', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
  });
});

describe('kasane list', () => {
  test('lists environments with their chain and components', async () => {
    const dir = smallProject();
    const r = await runCli(['list'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('dev: api\n');
  });

  test('lists the objects of one environment with their files', async () => {
    const dir = smallProject();
    const r = await runCli(['list', 'dev'], dir);
    expect(r.stdout).toBe('Service/dev/api  api/service-api.yaml\nDeployment/dev/api  api/deployment-api.yaml\n');
  });
});
