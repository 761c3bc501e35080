/**
 * The canary check: a distinct secret value through each way a secret enters kasane
 * (`secretValue.fromEnv`, `secretValue.fromFile`, a secretGenerator's literal and env file, a
 * sealedSecret; an ExternalSecret, whose value kasane never sees; YAML given to `import` and
 * `validate -f`), then every command and flag, also when a JSON patch test or a user's
 * exception quotes a value. No canary may appear on stdout or stderr, nor in any file kasane
 * writes, except in the rendered file (or `--stdout` document) of a Secret that allows plain
 * text explicitly (`kasane.dev/commit-plaintext: "true"`), and in the git-ignored files where
 * `import` puts the values of the Secrets it imports.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { git, gitRepo, noGit } from '../helpers/git.ts';
import { runCli, snapshotTree, type CliResult } from '../helpers/project.ts';
import { secretProject } from '../helpers/secret-project.ts';

/** One canary per source. */
const CANARY = {
  env: 'canary-fromEnv-Q7w1x',
  file: 'canary-fromFile-Z2k8p',
  literal: 'canary-genLiteral-M4n6b',
  envFile: 'canary-genEnvFile-R9t3c',
  sealed: 'canary-sealed-V5y0d',
  external: 'canary-external-store-H3j7f',
  yaml: 'canary-yaml-import-K8l2g',
} as const;

const every = Object.values(CANARY);
const withBase64 = (values: readonly string[]) => values.flatMap((v) => [v, Buffer.from(v).toString('base64')]);
const ENV = { DB_PASSWORD: CANARY.env, SEALED_PASSWORD: CANARY.sealed, STORE_VALUE: CANARY.external, KASANE_SEAL_KEY: Buffer.alloc(32, 9).toString('base64') };
/** The allowed Secrets' files, and the canaries each may hold. */
const ALLOWED: Record<string, readonly string[]> = {
  'db/secret-db-credentials.yaml': [CANARY.env, CANARY.file],
  '_environment/secret-api-keys-': [CANARY.literal, CANARY.envFile],
};

function project(overlay = ''): string {
  return secretProject({
    token: CANARY.file,
    prodOverlay: `
      generators: [secretGenerator({ name: 'api-keys', literals: ['key=${CANARY.literal}'], envs: ['api.env'], options: { annotations: { 'kasane.dev/commit-plaintext': 'true' } } })],
      ${overlay}`,
    extra: {
      'environments/api.env': `APP_TOKEN=${CANARY.envFile}\n`,
      'imports/secret.yaml': `
        apiVersion: v1
        kind: Secret
        metadata:
          name: imported
        stringData:
          password: ${CANARY.yaml}
        data:
          token: ${Buffer.from(CANARY.yaml).toString('base64')}
      `,
      'imports/bad-secret.yaml': `
        apiVersion: v1
        kind: Secret
        metadata:
          name: bad
        data:
          bad: "not base64 ${CANARY.yaml}"
      `,
    },
  });
}

/**
 * The commands and flags a user runs on the project. Those comparing with the committed output
 * come before the renders that write it, so that a run with other values shows them changed.
 */
const COMMANDS: string[][] = [
  ['render', '--check'],
  ['render', '--check', '--json'],
  ['diff', 'prod'],
  ['diff', 'prod', '--json'],
  ['diff', 'prod', '--markdown'],
  ['render', '--stdout'],
  ['render', 'prod', '--stdout', '--json'],
  ['render', '--json'],
  ['render'],
  ['validate'],
  ['validate', '--json'],
  ['validate', '-f', 'imports/secret.yaml'],
  ['validate', '-f', 'imports/secret.yaml', '--json'],
  ['explain', 'prod', 'Secret/db-credentials'],
  ['explain', 'prod', 'Secret/db-credentials', 'stringData.password', '--json'],
  ['explain', 'prod', 'Secret/db-credentials', 'stringData.token'],
  ['explain', 'prod', 'SealedSecret/db-sealed', 'spec.encryptedData.password'],
  ['explain', 'prod', 'SealedSecret/db-sealed', 'unsealed.stringData.password', '--json'],
  ['explain', 'prod', 'Secret/api-keys', 'data.key', '--json'],
  ['explain', 'prod', 'ExternalSecret/db-external'],
  ['diff', 'dev', 'prod'],
  ['diff', 'dev', 'prod', '--json'],
  ['diff', 'dev', 'prod', '--markdown'],
  ['graph', 'prod'],
  ['graph', 'prod', '--out', 'docs/prod.md'],
  ['list'],
  ['list', 'prod'],
  ['list', 'prod', '--json'],
];

function leaks(text: string, canaries: readonly string[] = every): string[] {
  return withBase64(canaries).filter((c) => text.includes(c));
}

/** `render --stdout` may show a canary only inside the document of the Secret that allows it. */
function stdoutLeaks(argv: readonly string[], r: CliResult): string[] {
  if (!argv.includes('--stdout')) return leaks(r.stdout);
  return r.stdout.split(/^---\n/m).flatMap((doc) => {
    const allowed =
      Object.entries(ALLOWED).find(([file]) =>
        doc.includes(
          `name: ${path
            .basename(file)
            .replace(/^secret-/, '')
            .replace(/\.yaml$/, '')}`,
        ),
      )?.[1] ?? [];
    return leaks(
      doc,
      every.filter((c) => !allowed.includes(c)),
    );
  });
}

/** Files that kasane wrote holding a canary they may not hold. */
function fileLeaks(dir: string, inputs: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [file, text] of Object.entries(snapshotTree(dir))) {
    if (inputs[file] === text) continue;
    // The compile cache is the project's own code, literals included; never a value read at render time.
    const inputCanaries: readonly string[] = file.startsWith('node_modules/.cache/') ? [CANARY.literal] : [];
    const allowed = Object.entries(ALLOWED).find(([f]) => file.startsWith(`rendered/prod/${f}`) || file.startsWith(`rendered/dev/${f}`))?.[1] ?? [];
    for (const c of leaks(
      text,
      every.filter((v) => !allowed.includes(v) && !inputCanaries.includes(v)),
    ))
      out.push(`${file}: ${c}`);
  }
  return out;
}

/** Runs every command; returns the leaks found and the exit code of each command. */
async function runAll(dir: string, env: Record<string, string>): Promise<{ found: string[]; codes: Record<string, number> }> {
  const found: string[] = [];
  const codes: Record<string, number> = {};
  for (const argv of COMMANDS) {
    const r = await runCli(argv, dir, env);
    expect(r.stderr, argv.join(' ')).not.toContain('internal error');
    codes[argv.join(' ')] = r.code;
    for (const c of [...stdoutLeaks(argv, r), ...leaks(r.stderr)]) found.push(`kasane ${argv.join(' ')} (exit ${r.code}): ${c}`);
  }
  return { found, codes };
}

describe('the canary check', () => {
  test('no secret value leaves through any command when the project renders', async () => {
    const dir = project();
    const inputs = snapshotTree(dir);
    const first = await runAll(dir, ENV);
    // Every command did its work: the check means something only then.
    expect(Object.entries(first.codes).filter(([, code]) => code === 2)).toEqual([]);
    expect(readFileSync(path.join(dir, 'rendered/prod/db/secret-db-credentials.yaml'), 'utf8')).toContain(CANARY.env);
    // Other values: the check and the diff against disk see changed Secrets first.
    const other = await runAll(dir, { ...ENV, DB_PASSWORD: 'other-password-value', SEALED_PASSWORD: 'other-sealed-value' });
    expect([other.codes['render --check'], other.codes['diff prod']]).toEqual([1, 1]);
    // CI without the values: placeholders, and the committed output still checks out.
    const none = await runAll(dir, {});
    expect([none.codes['render --check'], none.codes['diff prod'], none.codes.render]).toEqual([0, 0, 2]);
    expect([...first.found, ...other.found, ...none.found]).toEqual([]);
    expect(fileLeaks(dir, inputs)).toEqual([]);
  });

  test.each([
    [
      'a failing JSON patch test',
      `patches: [jsonPatch({ kind: 'Secret', name: 'db-credentials' }, [{ op: 'test', path: '/stringData/password', value: 'guess' }]), jsonPatch({ kind: 'Secret', name: 'api-keys' }, [{ op: 'test', path: '/data/key', value: 'guess' }])],`,
    ],
    ['a failing JSON patch test on a generated Secret', `patches: [jsonPatch({ kind: 'Secret', name: 'api-keys' }, [{ op: 'test', path: '/data/APP_TOKEN', value: 'guess' }])],`],
    [
      "a user's exception quoting the values",
      `transforms: [(objects) => { throw new Error('cannot use ' + JSON.stringify(objects.filter((o) => o.kind === 'Secret' || o.kind === 'SealedSecret'))); }],`,
    ],
  ])('no secret value leaves through any command after %s', async (_, overlay) => {
    const dir = project(overlay);
    const inputs = snapshotTree(dir);
    expect((await runAll(dir, ENV)).found).toEqual([]);
    expect(fileLeaks(dir, inputs)).toEqual([]);
  });

  test('import of a Secret with invalid base64 refuses it without quoting its value', async () => {
    const dir = project();
    const r = await runCli(['import', 'imports/bad-secret.yaml', '--out', 'imported'], dir, {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('code: import/invalid-base64');
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
  });

  test.skipIf(noGit)('import of YAML holding a Secret puts its values only into git-ignored files', async () => {
    const dir = project();
    const r = await runCli(['import', 'imports/secret.yaml', '--out', 'imported'], dir, {});
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
    const imported = path.join(dir, 'imported');
    gitRepo(imported);
    const holding = Object.entries(snapshotTree(imported))
      .filter(([, text]) => leaks(text).length > 0)
      .map(([file]) => file);
    expect(holding.length).toBeGreaterThan(0);
    const ignored = git(imported, 'check-ignore', '--', ...holding)
      .split('\n')
      .filter(Boolean);
    expect(ignored).toEqual(holding);
  });
});
