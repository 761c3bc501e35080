/**
 * A Secret with values in plain text is written only where git ignores the file, unless the
 * Secret says otherwise (`kasane.dev/commit-plaintext: "true"`); the error names the way out
 * with the code to write.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { git, gitRepo, noGit } from '../helpers/git.ts';
import { runCli, snapshotTree, writeProject } from '../helpers/project.ts';

const CANARY = 'canary-G1t-guard-never-commit';

function project(secretProps = `stringData: { password: secretValue.fromEnv('DB_PASSWORD') }`, overlay = ''): string {
  return writeProject({
    'components/db.ts': `
      import { defineComponent, secret, secretValue, z } from 'kasane';

      export default defineComponent({
        name: 'db',
        values: z.object({}),
        build: () => [secret({ name: 'db', ${secretProps} })],
      });
    `,
    'environments/prod.ts': `
      import { defineEnvironment, secretGenerator } from 'kasane';
      import db from '../components/db.ts';

      export default defineEnvironment({ name: 'prod', namespace: 'shop', namePrefix: 'p-', components: [db], ${overlay} });
    `,
  });
}

const rendered = (dir: string) => snapshotTree(path.join(dir, 'rendered'));

describe.skipIf(noGit)('render of a plain-text Secret', () => {
  test('refuses a folder git does not ignore, writes nothing, and says how to seal it instead', async () => {
    const dir = gitRepo(project());
    const r = await runCli(['render'], dir, { DB_PASSWORD: CANARY });
    expect(r.code).toBe(2);
    expect(rendered(dir)).toEqual({});
    expect(r.stdout + r.stderr).not.toContain(CANARY);
    expect(r.stderr).toMatchInlineSnapshot(`
      "error: prod › Secret/shop/p-db: expected Secret values in plain text only in a file git ignores, found stringData.password bound for 'rendered/prod/db/secret-p-db.yaml', which git does not ignore (components/db.ts:6)
        component: db
        fix: seal it (the values stay in your CI secrets; git gets ciphertext only the cluster can open): replace the Secret with
          sealedSecret({ name: 'db', certificate: secretValue.fromFile('certs/prod.pem'), stringData: { password: secretValue.fromEnv('DB_PASSWORD') } })
        with the controller's certificate from \`kubeseal --fetch-cert > certs/prod.pem\` and KASANE_SEAL_KEY set where kasane renders (docs/secrets.md);
        or print it for kubectl instead of writing it: kasane render prod --stdout | kubectl apply -f -;
        or write it in plain text on purpose: add annotations: { 'kasane.dev/commit-plaintext': 'true' } to the Secret, or have git ignore the output file
        code: secrets/plaintext-in-git
      warning: prod › Secret/shop/p-db › stringData: expected no Secret values in the rendered output (it is committed to git), found 1 key(s) in stringData (components/db.ts:6)
        component: db
        fix: use sealedSecret (values from secretValue, sealed at render time) or externalSecret (values in your secret store) instead, see docs/secrets.md; to commit the values on purpose, set the annotation kasane.dev/commit-plaintext: 'true' on it
        code: policy/plaintext-secret
      1 error, 1 warning in prod
      nothing written: fix the errors above and run again
      "
    `);
  });

  test('writes into a folder git ignores', async () => {
    const dir = gitRepo(project(), ['rendered/']);
    const r = await runCli(['render'], dir, { DB_PASSWORD: CANARY });
    expect(r.code, r.stderr).toBe(0);
    expect(rendered(dir)['prod/db/secret-p-db.yaml']).toContain(`password: ${CANARY}`);
    expect(r.stderr).not.toContain(CANARY);
  });

  test('refuses a file git tracks already, even when a pattern would ignore it', async () => {
    const dir = gitRepo(project(), ['rendered/']);
    mkdirSync(path.join(dir, 'rendered/prod/db'), { recursive: true });
    writeFileSync(path.join(dir, 'rendered/prod/db/secret-p-db.yaml'), 'committed earlier\n');
    git(dir, 'add', '-f', 'rendered/prod/db/secret-p-db.yaml');
    const r = await runCli(['render'], dir, { DB_PASSWORD: CANARY });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('code: secrets/plaintext-in-git');
    expect(readFileSync(path.join(dir, 'rendered/prod/db/secret-p-db.yaml'), 'utf8')).toBe('committed earlier\n');
  });

  test('refuses a folder in no git repository', async () => {
    const dir = project();
    const r = await runCli(['render'], dir, { DB_PASSWORD: CANARY });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bound for 'rendered/prod/db/secret-p-db.yaml', which is in no git repository yet (git would track it once there is one)");
    expect(existsSync(path.join(dir, 'rendered/prod'))).toBe(false);
  });

  test('asks git about the folder an output folder links to', async () => {
    const dir = gitRepo(project(), ['real-output/']);
    mkdirSync(path.join(dir, 'real-output'));
    symlinkSync('real-output', path.join(dir, 'rendered'));
    const r = await runCli(['render'], dir, { DB_PASSWORD: CANARY });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'real-output/prod/db/secret-p-db.yaml'), 'utf8')).toContain(CANARY);
  });

  test('refuses, quoting git, when git cannot answer', async () => {
    const dir = gitRepo(project(), ['rendered/']);
    writeFileSync(path.join(dir, 'broken.gitconfig'), '[[[\n');
    const r = await runCli(['render'], dir, { DB_PASSWORD: CANARY, GIT_CONFIG_GLOBAL: path.join(dir, 'broken.gitconfig') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bound for 'rendered\/prod\/db\/secret-p-db\.yaml', and git could not tell whether it is ignored \(fatal: bad config line 1 in file .*broken\.gitconfig\)/);
    expect(existsSync(path.join(dir, 'rendered/prod'))).toBe(false);
  });

  test('refuses when git is not there to tell', async () => {
    const dir = gitRepo(project(), ['rendered/']);
    const r = await runCli(['render'], dir, { DB_PASSWORD: CANARY, PATH: path.join(dir, 'no-such-bin') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('and git, which would tell whether it is ignored, is not installed');
  });

  test('writes a Secret that opts in, and the plaintext-secret policy accepts the decision', async () => {
    const dir = gitRepo(project(`stringData: { password: secretValue.fromEnv('DB_PASSWORD') }, annotations: { 'kasane.dev/commit-plaintext': 'true' }`));
    const r = await runCli(['render'], dir, { DB_PASSWORD: CANARY });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('policy/plaintext-secret');
    expect(rendered(dir)['prod/db/secret-p-db.yaml']).toContain(`password: ${CANARY}`);
  });

  test('suggests an ExternalSecret for values kept in the project (a generator)', async () => {
    const dir = gitRepo(project(`stringData: {}`, `generators: [secretGenerator({ name: 'api', literals: ['token=${CANARY}'] })]`));
    const r = await runCli(['render'], dir, {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "externalSecret({ name: 'api', secretStore: { name: 'my-store', kind: 'ClusterSecretStore' }, data: [{ secretKey: 'token', remoteRef: { key: 'prod/api', property: 'token' } }] })",
    );
    expect(r.stdout + r.stderr).not.toContain(CANARY);
  });

  test('fails render --check the same way, and --stdout prints it', async () => {
    const dir = gitRepo(project());
    const check = await runCli(['render', '--check'], dir, { DB_PASSWORD: CANARY });
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('code: secrets/plaintext-in-git');
    const stdout = await runCli(['render', '--stdout'], dir, { DB_PASSWORD: CANARY });
    expect(stdout.code, stdout.stderr).toBe(0);
    expect(stdout.stdout).toContain(`password: ${CANARY}`);
  });
});
