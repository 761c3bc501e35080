/**
 * `kasane import` and `kasane import-crd` on hostile or broken input: each problem is an input
 * error with its own code naming the file (exit 2), never an internal error; data such as a
 * `__proto__` key is kept exactly.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, snapshotTree, writeProject } from '../helpers/project.ts';
import { runImportCrd } from '../codegen/run-import-crd.ts';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: "1"\n';
const LAUGHS = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n${['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n')}\n`;

function folder(files: Record<string, string | Buffer>): string {
  const dir = writeProject({});
  for (const [f, content] of Object.entries(files)) writeFileSync(path.join(dir, f), content);
  return dir;
}

const codes = (stderr: string) => [...stderr.matchAll(/code: (\S+)/g)].map((m) => m[1]!);
const outDir = () => path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-hostile-')), 'p');

describe('kasane import on hostile input', () => {
  test.each([
    ['an alias bomb', { 'a.yaml': LAUGHS }, 'import/alias-bomb'],
    ['text that is not UTF-8', { 'a.yaml': Buffer.from(`${CM}  b: "caf\xe9"\n`, 'latin1') }, 'import/not-utf8'],
    ['nesting beyond the limit', { 'a.yaml': `${CM}spec: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n` }, 'import/too-deep'],
    ['a List item that is not an object', { 'a.yaml': `apiVersion: v1\nkind: List\nitems:\n- 5\n` }, 'import/invalid-list-item'],
    ['a value JSON cannot hold', { 'a.yaml': `${CM}spec:\n  ratio: .nan\n` }, 'import/invalid-value'],
  ])('reports %s in one file of a folder, imports the other with --force, and never fails internally', async (_, files, code) => {
    const dir = folder({ ...files, 'b.yaml': CM });
    const run = await runCli(['import', '.', '--out', outDir()], dir);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(2);
    expect(codes(run.stderr)).toEqual([code]);
    expect(run.stderr).toContain('(a.yaml');
    const out = outDir();
    const forced = await runCli(['import', '.', '--out', out, '--force'], dir);
    expect(forced.stderr).not.toContain('internal error');
    const components = Object.entries(snapshotTree(out)).filter(([f]) => f.startsWith('components/'));
    expect(components.map(([, c]) => c).join('\n')).toContain("name: 'ok'");
  });

  test('keeps top-level __proto__ and constructor keys as data: the render equals the input', async () => {
    const dir = folder({ 'a.yaml': `${CM}__proto__:\n  polluted: yes\nconstructor: 1\n` });
    const out = outDir();
    const run = await runCli(['import', 'a.yaml', '--out', out], dir);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stderr).toContain("zero diff: 'main' renders the same 1 object as the imported YAML");
    expect(run.code).toBe(0);
    const code = snapshotTree(out)['components/a.ts']!;
    expect(code).toContain("['__proto__']: { polluted: true }");
    const render = await runCli(['render', 'main', '--stdout', '--no-validate'], out);
    expect(render.stdout).toContain('__proto__:\n  polluted: true\n');
    expect(render.stdout).toContain('constructor: 1\n');
  });
});

describe('kasane import-crd on hostile input', () => {
  test.each([
    ['an alias bomb', LAUGHS, 'crd/alias-bomb'],
    ['text that is not UTF-8', Buffer.from(`${CM}  b: "caf\xe9"\n`, 'latin1'), 'crd/not-utf8'],
  ])('reports %s with its code and exit 2', async (_, text, code) => {
    const dir = folder({ 'crd.yaml': text });
    const run = await runImportCrd(['crd.yaml', '--out', 'out'], dir);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(2);
    expect(codes(run.stderr)).toEqual([code]);
  });
});
