/**
 * Same input, same bytes: rendering twice in one process, and in a child process with another
 * time zone and locale, gives identical output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadProject } from '../../src/load/load-project.ts';
import { render } from '../../src/pipeline/render.ts';
import { emitDocument } from '../../src/render/emit.ts';
import { snapshotTree } from '../helpers/project.ts';

const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'bin/kasane.js');

function renderInChild(out: string, env: Record<string, string>): void {
  const r = spawnSync(process.execPath, [bin, 'render', '--out', out], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}

describe('determinism', () => {
  test('rendering twice in one process gives identical files', async () => {
    const project = await loadProject(root);
    for (const env of ['dev', 'staging', 'prod']) {
      const a = render(project, env).output!.files;
      const b = render(project, env).output!.files;
      expect([...b.entries()]).toEqual([...a.entries()]);
    }
  });

  test('child processes with other TZ and locale write identical bytes', () => {
    const a = mkdtempSync(path.join(tmpdir(), 'kasane-det-a-'));
    const b = mkdtempSync(path.join(tmpdir(), 'kasane-det-b-'));
    renderInChild(a, { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
    renderInChild(b, { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' });
    const first = snapshotTree(a);
    expect(Object.keys(first).length).toBeGreaterThan(30);
    expect(snapshotTree(b)).toEqual(first);
  });

  test('key insertion order does not change the bytes', () => {
    const one = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { namespace: 'n', name: 'c' }, data: { b: '2', a: '1' } };
    const two = { data: { a: '1', b: '2' }, metadata: { name: 'c', namespace: 'n' }, apiVersion: 'v1', kind: 'ConfigMap' };
    expect(emitDocument(two)).toBe(emitDocument(one));
  });
});
