import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadProject } from '../../src/load/load-project.ts';
import { render } from '../../src/pipeline/render.ts';
import { runCli, writeProject } from '../helpers/project.ts';
import { gitRepo, noGit } from '../helpers/git.ts';

const CANARY = 'canary-Zq8v1-never-print-me';
const certificate = readFileSync(path.resolve(import.meta.dirname, '../fixtures/secrets/test-only-sealing.crt'), 'utf8');

function secretsProject(): string {
  return writeProject({
    'components/db.ts': `
      import { defineComponent, secret, sealedSecret, secretValue, z } from 'kasane';

      export default defineComponent({
        name: 'db',
        values: z.object({ certificate: z.string() }),
        build: (v, ctx) => [
          secret({ name: 'db-password', stringData: { password: secretValue.fromEnv('DB_PASSWORD'), file: secretValue.fromFile('secrets/token.txt') } }),
          sealedSecret({ name: 'db-sealed', namespace: ctx.namespace, certificate: v.certificate, stringData: { password: secretValue.fromEnv('DB_PASSWORD') } }),
        ],
      });
    `,
    'environments/prod.ts': `
      import { defineEnvironment } from 'kasane';
      import db from '../components/db.ts';

      export default defineEnvironment({ name: 'prod', namespace: 'shop-prod', namePrefix: 'p-', components: [db.with({ certificate: ${JSON.stringify(certificate)} })] });
    `,
    'secrets/token.txt': 'file-token\n',
  });
}

describe('secret values at render time', () => {
  test('come from the environment and files, and appear only in the rendered Secret', async () => {
    const dir = secretsProject();
    const env = { DB_PASSWORD: CANARY, KASANE_SEAL_KEY: Buffer.alloc(32, 7).toString('base64') };
    const r = await runCli(['render', '--stdout'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`password: ${CANARY}`);
    expect(r.stdout).toContain('  file: |\n    file-token\n');
    expect(r.stdout.split(CANARY).length).toBe(2);
    expect(r.stderr).not.toContain(CANARY);
    expect(r.stdout).toMatch(/kind: SealedSecret[\s\S]*name: p-db-sealed/);
    // Reproducible with the same seal key, so `render --check` works.
    expect((await runCli(['render', '--stdout'], dir, env)).stdout).toBe(r.stdout);
  });

  test('a missing variable is an error naming it, the environment and the object', async () => {
    const dir = secretsProject();
    const r = await runCli(['render'], dir, { KASANE_SEAL_KEY: Buffer.alloc(32, 7).toString('base64') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: prod › Secret\/db-password › stringData\.password: .*DB_PASSWORD/);
    expect(r.stderr).toContain('code: secrets/missing-env');
  });

  test.skipIf(noGit)('render --check shows which Secret key changed, never the value', async () => {
    // The output folder is git-ignored: plain-text values may be written there.
    const dir = gitRepo(secretsProject(), ['rendered/']);
    const seal = Buffer.alloc(32, 7).toString('base64');
    expect((await runCli(['render'], dir, { DB_PASSWORD: 'first-value-secret', KASANE_SEAL_KEY: seal })).code).toBe(0);
    const r = await runCli(['render', '--check'], dir, { DB_PASSWORD: CANARY, KASANE_SEAL_KEY: seal });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('+  password: <changed>');
    expect(r.stdout + r.stderr).not.toContain(CANARY);
    expect(r.stdout + r.stderr).not.toContain('first-value-secret');
  });

  test('the library without seal settings reports the SealedSecret instead of sealing it', async () => {
    const project = await loadProject(secretsProject());
    const result = render(project, 'prod', { secrets: { sources: { env: { DB_PASSWORD: CANARY }, files: new Map([['secrets/token.txt', Buffer.from('t')]]) } } });
    expect(result.findings.map((f) => f.code)).toEqual(['secrets/invalid-seal-options']);
    expect(result.output).toBeUndefined();
  });

  test('explain names the stages that resolved and sealed a value when the object holds secret references', async () => {
    const dir = secretsProject();
    const env = { DB_PASSWORD: CANARY, KASANE_SEAL_KEY: Buffer.alloc(32, 7).toString('base64') };
    const plain = await runCli(['explain', 'prod', 'Secret/db-password', 'stringData.password'], dir, env);
    expect(plain.stdout).toMatch(/^    prod build: "<redacted>"\n    prod secrets: "<redacted>"$/m);
    const sealed = await runCli(['explain', 'prod', 'SealedSecret/db-sealed', 'spec.encryptedData.password'], dir, env);
    expect(sealed.code).toBe(0);
    expect(sealed.stdout).toMatch(/^    prod seal: "[A-Za-z0-9+/=]{40,}"$/m);
    expect(sealed.stdout + sealed.stderr).not.toContain(CANARY);
  });

  test('explain and validate never print the value', async () => {
    const dir = secretsProject();
    const env = { DB_PASSWORD: CANARY, KASANE_SEAL_KEY: Buffer.alloc(32, 7).toString('base64') };
    const validate = await runCli(['validate', '--json'], dir, env);
    expect(validate.stdout + validate.stderr).not.toContain(CANARY);
    const explain = await runCli(['explain', 'prod', 'Secret/db-password', 'stringData.password'], dir, env);
    expect(explain.stdout + explain.stderr).not.toContain(CANARY);
  });
});
