/**
 * The object memo: each object's YAML kept between renders under a digest of its exact
 * content. What it keys and refuses, that a render really takes the kept text (so the random
 * edit sequences of render-cache.test.ts, which compare with renders from scratch, test it),
 * the bad files that fall back to writing every object, and the secrets it never keeps.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderMemo } from '../../src/incremental/object-memo.ts';
import { digestOf } from '../../src/util/fingerprint.ts';
import { runCli, snapshotTree, writeProject } from '../helpers/project.ts';
import { leafFile, project, renderBothWays } from './edit-fixture.ts';

const memoDir = (dir: string) => path.join(dir, 'node_modules/.cache/kasane/objects');

/** The memo file of `env` in the project at `dir`. */
function memoFile(dir: string, env: string): string {
  const file = readdirSync(memoDir(dir))
    .map((f) => path.join(memoDir(dir), f))
    .find((f) => readFileSync(f, 'utf8').split('\n', 1)[0]!.includes(`"env":"${env}"`));
  if (!file) throw new Error(`no memo file for ${env}`);
  return file;
}

/** Rewrites the payload of a memo file with `change`, and its header to match (a file kasane wrote that way). */
function rewriteMemo(file: string, change: (entries: [string, string][]) => [string, string][]): void {
  const text = readFileSync(file, 'utf8');
  const newline = text.indexOf('\n');
  const payload = JSON.stringify(change(JSON.parse(text.slice(newline + 1)) as [string, string][]));
  const header = { ...JSON.parse(text.slice(0, newline)), digest: digestOf(payload), length: payload.length };
  writeFileSync(file, `${JSON.stringify(header)}\n${payload}`);
}

const deployment = () => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { replicas: 2 } });

describe('keys', () => {
  test('equal content gives the same key whatever the object, other content or step another', () => {
    const memo = renderMemo(new Map());
    const key = memo.keyOf('yaml', '', deployment());
    expect(key).toMatch(/^[0-9a-f]{40}$/);
    expect(memo.keyOf('yaml', '', deployment())).toBe(key);
    expect(memo.keyOf('yaml', '', { ...deployment(), spec: { replicas: 3 } })).not.toBe(key);
    expect(memo.keyOf('schema', '', deployment())).not.toBe(key);
    expect(memo.keyOf('yaml', '1.32', deployment())).not.toBe(key);
  });

  test('content JSON would not give back exactly, and Secrets, are never keyed', () => {
    const memo = renderMemo(new Map());
    for (const odd of [undefined, Number.NaN, -0, new Date(0), new Map()]) expect(memo.keyOf('yaml', '', { ...deployment(), spec: { replicas: odd } })).toBeUndefined();
    expect(memo.keyOf('yaml', '', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'x' } })).toBeUndefined();
    expect(memo.keyOf('yaml', '', { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', metadata: { name: 'db' } })).toBeUndefined();
  });

  test('what a render used is what it keeps, nothing older', () => {
    const memo = renderMemo(
      new Map([
        ['a', 'kept a'],
        ['b', 'kept b'],
      ]),
    );
    expect(memo.get('a')).toBe('kept a');
    memo.set('c', 'new c');
    expect([...memo.used]).toEqual([
      ['a', 'kept a'],
      ['c', 'new c'],
    ]);
  });
});

describe('a render takes the kept YAML', () => {
  test('an object whose content is unchanged is not written again when its environment renders', async () => {
    const dir = project();
    await renderBothWays(dir);
    // A text no writer would make: only the memo can put it in the output.
    rewriteMemo(memoFile(dir, 'prod'), (entries) => entries.map(([k, v]) => [k, v.includes('kind: Service') && v.includes('name: web') ? `${v}# from the memo\n` : v]));
    writeFileSync(path.join(dir, 'environments/prod.ts'), leafFile('prod', 5, 'example/api:1.0.0'));
    const r = await runCli(['render'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'rendered/prod/web/service-web.yaml'), 'utf8')).toMatch(/# from the memo\n$/);
    expect(readFileSync(path.join(dir, 'rendered/prod/api/deployment-api.yaml'), 'utf8')).toContain('replicas: 5');
  });
});

describe('a bad object memo: a note and every object written', () => {
  const damage: Record<string, { change: (file: string) => void; note: RegExp }> = {
    'a corrupt file': {
      change: (file) => writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 3', 'replicas: 4')),
      note: /^note: render cache .*objects\/[0-9a-f]+\.json is corrupt or truncated; writing every object of prod without the object memo$/m,
    },
    'a truncated file': {
      change: (file) => writeFileSync(file, readFileSync(file).subarray(0, 300)),
      note: /^note: render cache .*objects\/[0-9a-f]+\.json is corrupt or truncated; writing every object of prod without the object memo$/m,
    },
    'a file of another kasane release': {
      change: (file) => writeFileSync(file, readFileSync(file, 'utf8').replace(/"version":"[^"]+"/, '"version":"0.0.1"')),
      note: /^note: the render cache was written by kasane 0\.0\.1, this is kasane [^ ]+; rendering from scratch$/m,
    },
  };

  test.each(Object.keys(damage))('%s', async (name) => {
    const dir = project();
    await renderBothWays(dir);
    damage[name]!.change(memoFile(dir, 'prod'));
    // A miss of the render cache, so that prod renders and reads its memo.
    writeFileSync(path.join(dir, 'environments/prod.ts'), leafFile('prod', 3, 'example/api:1.1.0'));
    const r = await runCli(['render'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(damage[name]!.note);
    expect(r.stderr.match(/^note:/gm)).toHaveLength(1);
    const cold = await runCli(['render', '--no-cache', '--out', 'cold'], dir);
    expect(cold.code).toBe(0);
    expect(snapshotTree(path.join(dir, 'rendered'))).toEqual(snapshotTree(path.join(dir, 'cold')));
    // The next render writes a good file again.
    expect(await renderBothWays(dir)).toEqual(['dev', 'prod']);
    expect(readFileSync(memoFile(dir, 'prod'), 'utf8')).toContain('replicas: 3');
  });

  test('a memo folder that cannot be written: one note, and the render cache still works', async () => {
    const dir = project();
    writeProject({ 'node_modules/.cache/kasane/objects': 'a file where the folder would be\n' }, dir);
    const r = await runCli(['render'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.match(/^note:.*$/gm)).toEqual([expect.stringMatching(/^note: render cache .*objects cannot be written \(E[A-Z]+\); the render cache still works, without the object memo$/)]);
    expect(await renderBothWays(dir)).toEqual(['dev', 'prod']);
  });
});

describe('what the object memo never holds', () => {
  const dbComponent = (stringData: string) => `
    import { configMap, defineComponent, secret, secretValue, z } from 'kasane';

    export default defineComponent({
      name: 'db',
      values: z.object({}),
      build: () => [
        configMap({ name: 'db-settings', data: { mode: 'primary' } }),
        secret({ name: 'db', annotations: { 'kasane.dev/commit-plaintext': 'true' }, stringData: ${stringData} }),
      ],
    });
  `;
  const dev = `
    import { defineEnvironment } from 'kasane';
    import db from '../components/db.ts';

    export default defineEnvironment({ name: 'dev', namespace: 'dev', components: [db] });
  `;

  test("a Secret's values, though the objects beside it are kept", async () => {
    const dir = writeProject({ 'components/db.ts': dbComponent("{ password: 'written-in-the-code' }"), 'environments/dev.ts': dev });
    const r = await runCli(['render'], dir);
    expect(r.code, r.stderr).toBe(0);
    const kept = readFileSync(memoFile(dir, 'dev'), 'utf8');
    expect(kept).toContain('db-settings');
    expect(kept).not.toContain('written-in-the-code');
  });

  test('anything of a render that read secret values from the environment', async () => {
    const dir = writeProject({ 'components/db.ts': dbComponent("{ password: secretValue.fromEnv('DB_PASSWORD') }"), 'environments/dev.ts': dev });
    const r = await runCli(['render', '--stdout'], dir, { DB_PASSWORD: 'read-at-render-time' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('read-at-render-time');
    expect(existsSync(memoDir(dir))).toBe(false);
  });
});
