/**
 * Commands that only look at a project read secret values as `render` does, and work without
 * them: a value that is not available becomes a placeholder, and `render --check` compares
 * everything but those values, saying which ones it could not compare.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, snapshotTree, writeProject } from '../helpers/project.ts';
import { secretProject } from '../helpers/secret-project.ts';

const CANARY = 'canary-Pl4ce-h0lder-never-print';
const FILE_CANARY = 'canary-F1le-token-never-print';
const SEAL_KEY = Buffer.alloc(32, 7).toString('base64');
const ALL = { DB_PASSWORD: CANARY, SEALED_PASSWORD: CANARY, KASANE_SEAL_KEY: SEAL_KEY };

function project(): string {
  return secretProject({ token: FILE_CANARY });
}

/** A project with prod rendered into rendered/ with every secret value at hand. */
async function committed(): Promise<string> {
  const dir = project();
  const r = await runCli(['render', 'prod'], dir, ALL);
  expect(r.code, r.stderr).toBe(0);
  return dir;
}

/** Where CI runs, the secret file is not there at all. */
function withoutSecretFile(dir: string): string {
  rmSync(path.join(dir, 'secrets/token.txt'));
  return dir;
}

function expectNoSecret(r: { stdout: string; stderr: string }): void {
  expect(r.stdout + r.stderr).not.toContain(CANARY);
  expect(r.stdout + r.stderr).not.toContain(FILE_CANARY);
}

describe('commands that only look at a project', () => {
  test('read secret values from the environment and from files, as render does', async () => {
    const dir = project();
    for (const argv of [['diff', 'dev', 'prod'], ['graph', 'prod'], ['explain', 'prod', 'Secret/db-credentials'], ['list', 'prod'], ['validate']]) {
      const r = await runCli(argv, dir, ALL);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBeLessThan(2);
      expect(r.stderr).not.toContain('secrets/missing');
      expect(r.stderr).not.toContain('placeholder');
      expectNoSecret(r);
    }
  });

  test('work without the secret values, and say which ones were replaced by placeholders', async () => {
    const dir = withoutSecretFile(project());
    for (const argv of [['diff', 'dev', 'prod'], ['graph', 'prod'], ['explain', 'prod', 'Secret/db-credentials', 'stringData.password'], ['list', 'prod'], ['validate'], ['validate', '--json']]) {
      const r = await runCli(argv, dir, {});
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBeLessThan(2);
      expect(r.stderr).not.toContain('secrets/missing');
      expect(r.stderr).toContain(
        "note: prod: secret values not available here were replaced by placeholders (environment variable 'DB_PASSWORD' is not set; file 'secrets/token.txt' is not found; environment variable 'SEALED_PASSWORD' is not set)",
      );
    }
  });

  test('diff between two environments shows the same placeholder as no change', async () => {
    const r = await runCli(['diff', 'dev', 'prod'], withoutSecretFile(project()), {});
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('metadata.labels.replicas');
    expect(r.stdout).not.toContain('stringData');
    expect(r.stdout).not.toContain('encryptedData');
  });

  test('render still needs every value it writes', async () => {
    const dir = project();
    const r = await runCli(['render', 'prod'], dir, { KASANE_SEAL_KEY: SEAL_KEY });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('code: secrets/missing-env');
    expect(snapshotTree(path.join(dir, 'rendered'))).toEqual({});
  });
});

describe('render --check without the secret values', () => {
  test('passes on unchanged output and names each value it could not compare', async () => {
    const dir = withoutSecretFile(await committed());
    const r = await runCli(['render', 'prod', '--check'], dir, {});
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'not compared: 3 secret values that cannot be rendered here (the committed values are kept; everything else is compared):\n' +
        "  prod Secret/prod/db-credentials stringData.password: environment variable 'DB_PASSWORD' is not set\n" +
        "  prod Secret/prod/db-credentials stringData.token: file 'secrets/token.txt' is not found\n" +
        "  prod SealedSecret/prod/db-sealed spec.encryptedData.password: environment variable 'SEALED_PASSWORD' is not set\n",
    );
    expect(r.stderr).toContain('up to date: prod in rendered (except the secret values not compared, above)');
  });

  test('still finds drift in the rest of a Secret and of a SealedSecret', async () => {
    const dir = withoutSecretFile(await committed());
    const secretFile = path.join(dir, 'rendered/prod/db/secret-db-credentials.yaml');
    writeFileSync(secretFile, readFileSync(secretFile, 'utf8').replace('replicas: "3"', 'replicas: "2"'));
    const sealedFile = path.join(dir, 'rendered/prod/db/sealedsecret-db-sealed.yaml');
    writeFileSync(sealedFile, readFileSync(sealedFile, 'utf8').replace('    password: ', '    old-password: '));
    const r = await runCli(['render', 'prod', '--check'], dir, {});
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('-    replicas: "2"\n+    replicas: "3"');
    expect(r.stdout).toContain('-    old-password: ');
    expectNoSecret(r);
  });

  test('is exact when the values and KASANE_SEAL_KEY are there', async () => {
    const dir = await committed();
    const sealedFile = path.join(dir, 'rendered/prod/db/sealedsecret-db-sealed.yaml');
    const text = readFileSync(sealedFile, 'utf8');
    const up = await runCli(['render', 'prod', '--check'], dir, ALL);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stderr).not.toContain('not compared');
    writeFileSync(
      sealedFile,
      text.replace(/password: (.)/, (_, c: string) => `password: ${c === 'A' ? 'B' : 'A'}`),
    );
    const drift = await runCli(['render', 'prod', '--check'], dir, ALL);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('sealedsecret-db-sealed.yaml');
    expectNoSecret(drift);
  });

  test('passes with the values but without KASANE_SEAL_KEY, naming the sealed values it could not compare', async () => {
    const dir = await committed();
    const r = await runCli(['render', 'prod', '--check'], dir, { DB_PASSWORD: CANARY, SEALED_PASSWORD: CANARY });
    expect(r.code, r.stdout).toBe(0);
    expect(r.stderr).toContain('  prod SealedSecret/prod/db-sealed spec.encryptedData.password: KASANE_SEAL_KEY is not set, so the value is not sealed\n');
  });
});

describe('render --check of a Secret whose name is a hash of its data', () => {
  test('compares a binary file kept in data, and says why the name may differ without it', async () => {
    const dir = writeProject({
      'components/app.ts': `
        import { defineComponent, secret, secretValue, z } from 'kasane';

        export default defineComponent({
          name: 'app',
          values: z.object({}),
          build: () => [
            secret({ name: 'text', hashSuffix: true, stringData: { token: secretValue.fromEnv('TOKEN') }, annotations: { 'kasane.dev/commit-plaintext': 'true' } }),
            secret({ name: 'binary', hashSuffix: true, stringData: { key: secretValue.fromFile('key.bin') }, annotations: { 'kasane.dev/commit-plaintext': 'true' } }),
            secret({ name: 'unhashed', stringData: { key: secretValue.fromFile('key.bin') }, annotations: { 'kasane.dev/commit-plaintext': 'true' } }),
          ],
        });
      `,
      'environments/prod.ts': `
        import { defineEnvironment } from 'kasane';
        import app from '../components/app.ts';

        export default defineEnvironment({ name: 'prod', components: [app] });
      `,
    });
    writeFileSync(path.join(dir, 'key.bin'), Buffer.from([0xff, 0x00, 0xfe, 0x41]));
    expect((await runCli(['render'], dir, { TOKEN: CANARY })).code).toBe(0);
    rmSync(path.join(dir, 'key.bin'));
    const r = await runCli(['render', '--check'], dir, {});
    // stringData is not hashed: the text Secret keeps its name and checks out; the binary one
    // (in data when rendered for real) gets another name without its file.
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/  prod Secret\/text-[a-z0-9]+ stringData\.token: environment variable 'TOKEN' is not set\n/);
    expect(r.stderr).toMatch(
      /  prod Secret\/binary-[a-z0-9]+ stringData\.key: file 'key\.bin' is not found; its name ends in a hash of its data, which this value may change, so the name and every reference to it may differ too\n/,
    );
    expect(r.stdout).toMatch(/^\+\+\+ b\/prod\/app\/secret-binary-/m);
    expect(r.stdout).not.toMatch(/^\+\+\+ b\/prod\/app\/secret-text-/m);
    // Without a hash in its name, the binary one is compared but for its value.
    expect(r.stdout).not.toMatch(/^[-+]{3} [ab]\/prod\/app\/secret-unhashed/m);
    expect(r.stderr).toContain("  prod Secret/unhashed stringData.key: file 'key.bin' is not found\n");
    expectNoSecret(r);
  });
});

describe('kasane diff <env> without the secret values', () => {
  test('compares with the committed output but the values it cannot render', async () => {
    const dir = withoutSecretFile(await committed());
    const same = await runCli(['diff', 'prod'], dir, {});
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toContain('not compared: 3 secret values');
    const secretFile = path.join(dir, 'rendered/prod/db/secret-db-credentials.yaml');
    writeFileSync(secretFile, readFileSync(secretFile, 'utf8').replace('replicas: "3"', 'replicas: "2"'));
    const changed = await runCli(['diff', 'prod'], dir, {});
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('metadata.labels.replicas');
    expect(changed.stdout).not.toContain('stringData');
  });
});
