import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { runCli, smallProject, type CliResult } from '../helpers/project.ts';

/** Runs `kasane diff ...` in process; `isTTY` stands for a terminal on stderr. */
async function diffCli(argv: string[], cwd: string, options: { env?: Record<string, string>; isTTY?: boolean } = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), cwd, env: options.env ?? {}, ...(options.isTTY ? { isTTY: true } : {}) };
  const code = await run(['diff', ...argv], io);
  return { code, stdout, stderr };
}

const CANARY = 'canary-s3cr3t-91b7';

function envFile(name: string, extra: string): string {
  return `
    import { defineEnvironment, secret } from 'kasane';
    import api from '../components/api.ts';

    export default defineEnvironment({
      name: '${name}',
      namespace: '${name}',
      components: [api.with({ replicas: 2 })],
      ${extra}
    });
  `;
}

function twoEnvironments(prodExtra = ''): string {
  return smallProject({
    'environments/dev.ts': envFile('dev', ''),
    'environments/prod.ts': envFile('prod', prodExtra),
  });
}

describe('kasane diff <envA> <envB>', () => {
  test('exits 0 and says so when the environments differ only by namespace', async () => {
    const r = await diffCli(['dev', 'prod'], twoEnvironments());
    expect(r).toEqual({ code: 0, stdout: 'no differences between dev and prod: 2 unchanged\n', stderr: '' });
  });

  test('exits 1 and prints each changed field when an environment sets other values', async () => {
    const r = await diffCli(['dev', 'prod'], twoEnvironments(`labels: { tier: 'gold' },`));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('~ Deployment/dev/api → Deployment/prod/api\n    + metadata.labels.tier: "gold"\n');
    expect(r.stdout).toContain('2 objects differ between dev and prod: 2 changed, 0 unchanged\n');
  });

  test('colours the output only on a terminal without NO_COLOR', async () => {
    const dir = twoEnvironments(`labels: { tier: 'gold' },`);
    expect((await diffCli(['dev', 'prod'], dir, { isTTY: true })).stdout).toContain('\u001b[32m+\u001b[0m metadata.labels.tier');
    expect((await diffCli(['dev', 'prod'], dir, { isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await diffCli(['dev', 'prod'], dir)).stdout).not.toContain('\u001b[');
  });

  test('prints JSON with dot paths when --json is given', async () => {
    const r = await diffCli(['dev', 'prod', '--json'], twoEnvironments(`replicas: [{ name: 'api', count: 5 }],`));
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.summary).toEqual({ changed: 1, added: 0, removed: 0, unchanged: 1 });
    expect(json.objects[0].fields).toEqual([{ path: 'spec.replicas', change: 'changed', before: 2, after: 5 }]);
  });

  test('never prints a secret value when a Secret differs', async () => {
    const dir = smallProject({
      'environments/dev.ts': envFile('dev', `transforms: [(objects) => [...objects, secret({ name: 'db', stringData: { password: 'dev-password' } })]],`),
      'environments/prod.ts': envFile('prod', `transforms: [(objects) => [...objects, secret({ name: 'db', stringData: { password: '${CANARY}', extra: '${CANARY}' } })]],`),
    });
    for (const format of [[], ['--json'], ['--markdown']]) {
      const r = await diffCli(['dev', 'prod', ...format], dir);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).not.toContain(CANARY);
      expect(r.stdout + r.stderr).not.toContain('dev-password');
      expect(r.stdout).toMatch(/changed/);
    }
    const text = (await diffCli(['dev', 'prod'], dir)).stdout;
    expect(text).toContain('    + stringData.extra: <redacted>\n');
    expect(text).toContain('    ~ stringData.password: <redacted> → <changed>\n');
  });

  test('exits 2 with the finding when an environment does not exist', async () => {
    const r = await diffCli(['dev', 'nope'], twoEnvironments());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope');
    expect(r.stdout).toBe('');
  });
});

describe('kasane diff <env>', () => {
  test('compares a render with the committed output field by field', async () => {
    const dir = twoEnvironments();
    expect((await runCli(['render'], dir)).code).toBe(0);
    expect(await diffCli(['dev'], dir)).toEqual({ code: 0, stdout: 'no differences between committed and rendered: 2 unchanged\n', stderr: '' });
    writeFileSync(path.join(dir, 'environments/dev.ts'), envFile('dev', `replicas: [{ name: 'api', count: 4 }],`).replace(/^\n/, ''));
    const r = await diffCli(['dev'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('~ Deployment/dev/api\n    ~ spec.replicas: 2 → 4\n\n1 object differs between committed and rendered: 1 changed, 1 unchanged\n');
  });

  test('shows every object as new when nothing was rendered yet', async () => {
    const r = await diffCli(['dev'], twoEnvironments());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('note: nothing committed in rendered/dev');
    expect(r.stdout).toContain('+ Deployment/dev/api (only in rendered)');
  });

  test('never prints a committed or rendered secret value when a Secret changed', async () => {
    const withSecret = (value: string) =>
      envFile('dev', `transforms: [(objects) => [...objects, secret({ name: 'db', stringData: { password: '${value}' }, annotations: { 'kasane.dev/commit-plaintext': 'true' } })]],`);
    const dir = smallProject({ 'environments/dev.ts': withSecret(CANARY) });
    expect((await runCli(['render'], dir)).code).toBe(0);
    writeFileSync(path.join(dir, 'environments/dev.ts'), withSecret('new-password-value').replace(/^\n/, ''));
    for (const format of [[], ['--json'], ['--markdown']]) {
      const r = await diffCli(['dev', ...format], dir);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).not.toContain(CANARY);
      expect(r.stdout + r.stderr).not.toContain('new-password-value');
    }
    expect((await diffCli(['dev'], dir)).stdout).toBe(
      '~ Secret/dev/db\n    ~ stringData.password: <redacted> → <changed>\n\n1 object differs between committed and rendered: 1 changed, 2 unchanged\n',
    );
  });
});
