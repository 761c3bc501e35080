import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkEnvironment } from '../../src/output/check.ts';
import { kustomizationFile } from '../../src/render/layout.ts';
import { readTree, recoverOutput, writeEnvironments } from '../../src/output/write.ts';
import { snapshotTree } from '../helpers/project.ts';
import { rendered } from '../helpers/rendered.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'kasane-write-'));

describe('writeEnvironments', () => {
  test('writes every file and a kustomization listing them', async () => {
    const out = tmp();
    const [report] = await writeEnvironments(out, [rendered('dev', { 'api/deployment-api.yaml': 'a: 1\n' })]);
    expect(report).toEqual({ env: 'dev', written: 2, unchanged: 0, removed: 0, foreign: [] });
    expect(snapshotTree(out)).toEqual({
      'dev/api/deployment-api.yaml': 'a: 1\n',
      'dev/kustomization.yaml': kustomizationFile(['api/deployment-api.yaml']),
    });
  });

  test('removes files it wrote before and no longer renders, and keeps foreign files', async () => {
    const out = tmp();
    await writeEnvironments(out, [rendered('dev', { 'api/a.yaml': 'a\n', 'api/b.yaml': 'b\n' })]);
    writeFileSync(path.join(out, 'dev', 'NOTES.md'), 'kept\n');
    const [report] = await writeEnvironments(out, [rendered('dev', { 'api/a.yaml': 'a\n' })]);
    expect(report).toEqual({ env: 'dev', written: 1, unchanged: 1, removed: 1, foreign: ['NOTES.md'] });
    expect(Object.keys(snapshotTree(out)).sort()).toEqual(['dev/NOTES.md', 'dev/api/a.yaml', 'dev/kustomization.yaml']);
  });

  test('leaves nothing behind when unchanged and reports it', async () => {
    const out = tmp();
    const env = rendered('dev', { 'api/a.yaml': 'a\n' });
    await writeEnvironments(out, [env]);
    const [report] = await writeEnvironments(out, [env]);
    expect(report).toEqual({ env: 'dev', written: 0, unchanged: 2, removed: 0, foreign: [] });
    expect(readdirSync(out)).toEqual(['dev']);
  });

  test('refuses to overwrite a file it did not write, and changes nothing', async () => {
    const out = tmp();
    mkdirSync(path.join(out, 'dev', 'api'), { recursive: true });
    writeFileSync(path.join(out, 'dev', 'api', 'a.yaml'), 'hand-written\n');
    const before = snapshotTree(out);
    await expect(writeEnvironments(out, [rendered('prod', { 'x.yaml': 'x\n' }), rendered('dev', { 'api/a.yaml': 'a\n' })])).rejects.toMatchObject({
      code: 'render/would-overwrite',
    });
    expect(snapshotTree(out)).toEqual(before);
  });

  test('keeps unchanged files as they are (same inode) and writes only what changed', async () => {
    const out = tmp();
    await writeEnvironments(out, [rendered('dev', { 'api/a.yaml': 'a\n', 'api/b.yaml': 'b\n', 'web/c.yaml': 'c\n' })]);
    const inode = (file: string) => statSync(path.join(out, 'dev', file)).ino;
    const before = { a: inode('api/a.yaml'), b: inode('api/b.yaml'), c: inode('web/c.yaml') };
    const [report] = await writeEnvironments(out, [rendered('dev', { 'api/a.yaml': 'a\n', 'api/b.yaml': 'b2\n', 'web/c.yaml': 'c\n' })]);
    expect(report).toEqual({ env: 'dev', written: 1, unchanged: 3, removed: 0, foreign: [] });
    expect(inode('api/a.yaml')).toBe(before.a);
    expect(inode('web/c.yaml')).toBe(before.c);
    expect(inode('api/b.yaml')).not.toBe(before.b);
    expect(statSync(path.join(out, 'dev', 'api/a.yaml')).nlink).toBe(1);
    expect(snapshotTree(out)).toEqual({
      'dev/api/a.yaml': 'a\n',
      'dev/api/b.yaml': 'b2\n',
      'dev/web/c.yaml': 'c\n',
      'dev/kustomization.yaml': kustomizationFile(['api/a.yaml', 'api/b.yaml', 'web/c.yaml']),
    });
    expect(readdirSync(out)).toEqual(['dev']);
  });

  test('keeps symbolic links (as links with the same target) and empty folders in a folder it rewrites, and reports them', async () => {
    const out = tmp();
    await writeEnvironments(out, [rendered('dev', { 'api/a.yaml': 'a\n' })]);
    symlinkSync('../shared/notes.md', path.join(out, 'dev', 'notes.md'));
    symlinkSync('a.yaml', path.join(out, 'dev', 'api', 'alias.yaml'));
    mkdirSync(path.join(out, 'elsewhere'));
    symlinkSync('../elsewhere', path.join(out, 'dev', 'linked-folder'));
    mkdirSync(path.join(out, 'dev', 'drafts', 'empty'), { recursive: true });
    const [report] = await writeEnvironments(out, [rendered('dev', { 'api/a.yaml': 'a2\n' })]);
    expect(report).toEqual({ env: 'dev', written: 1, unchanged: 1, removed: 0, foreign: ['api/alias.yaml', 'drafts/empty', 'linked-folder', 'notes.md'] });
    expect(readdirSync(path.join(out, 'dev', 'drafts', 'empty'))).toEqual([]);
    expect(lstatSync(path.join(out, 'dev', 'notes.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(out, 'dev', 'notes.md'))).toBe('../shared/notes.md');
    expect(readlinkSync(path.join(out, 'dev', 'api', 'alias.yaml'))).toBe('a.yaml');
    expect(readlinkSync(path.join(out, 'dev', 'linked-folder'))).toBe('../elsewhere');
    // A dangling link (notes.md) is kept too: it is copied, never followed.
    expect(readFileSync(path.join(out, 'dev', 'api', 'alias.yaml'), 'utf8')).toBe('a2\n');
  });

  test('refuses to replace a symbolic link with a rendered file, and changes nothing', async () => {
    const out = tmp();
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' })]);
    symlinkSync('a.yaml', path.join(out, 'dev', 'b.yaml'));
    const before = snapshotTree(out);
    await expect(writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n', 'b.yaml': 'b\n' })])).rejects.toMatchObject({ code: 'render/would-overwrite' });
    expect(snapshotTree(out)).toEqual(before);
    expect(readlinkSync(path.join(out, 'dev', 'b.yaml'))).toBe('a.yaml');
  });

  test('writes through an output folder that is a symbolic link to a folder', async () => {
    const root = tmp();
    mkdirSync(path.join(root, 'gitops'));
    symlinkSync(path.join(root, 'gitops'), path.join(root, 'rendered'));
    await writeEnvironments(path.join(root, 'rendered'), [rendered('dev', { 'a.yaml': 'a\n' })]);
    await writeEnvironments(path.join(root, 'rendered'), [rendered('dev', { 'a.yaml': 'a2\n' })]);
    expect(lstatSync(path.join(root, 'rendered')).isSymbolicLink()).toBe(true);
    expect(snapshotTree(path.join(root, 'gitops'))).toEqual({ 'dev/a.yaml': 'a2\n', 'dev/kustomization.yaml': kustomizationFile(['a.yaml']) });
  });

  test('names the missing folder when the output folder is a dangling symbolic link', async () => {
    const root = tmp();
    symlinkSync(path.join(root, 'nowhere'), path.join(root, 'rendered'));
    await expect(writeEnvironments(path.join(root, 'rendered'), [rendered('dev', { 'a.yaml': 'a\n' })])).rejects.toMatchObject({
      code: 'render/out-not-a-directory',
      message: `the output path '${path.join(root, 'rendered')}' is a symbolic link to '${path.join(root, 'nowhere')}', which does not exist`,
    });
    expect(readdirSync(root)).toEqual(['rendered']);
  });

  test('refuses an environment folder that is a symbolic link, and changes nothing', async () => {
    const out = tmp();
    mkdirSync(path.join(out, 'real-prod'));
    writeFileSync(path.join(out, 'real-prod', 'x.yaml'), 'x\n');
    symlinkSync('real-prod', path.join(out, 'prod'));
    const before = snapshotTree(out);
    await expect(writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' }), rendered('prod', { 'a.yaml': 'p\n' })])).rejects.toMatchObject({
      code: 'render/out-not-a-directory',
      message: `'${path.join(out, 'prod')}' is a symbolic link, but environment 'prod' is written as a folder of its own there`,
    });
    expect(snapshotTree(out)).toEqual(before);
    expect(readdirSync(out).sort()).toEqual(['prod', 'real-prod']);
  });

  test('does not touch other environments', async () => {
    const out = tmp();
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' }), rendered('prod', { 'a.yaml': 'p\n' })]);
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'changed\n' })]);
    expect(snapshotTree(out)['prod/a.yaml']).toBe('p\n');
    expect(snapshotTree(out)['dev/a.yaml']).toBe('changed\n');
  });
});

describe('writeEnvironments next to entries kasane did not write', () => {
  test('refuses to write through a symbolic link to a folder inside an environment folder, and changes nothing', async () => {
    const out = tmp();
    await writeEnvironments(out, [rendered('dev', { 'nginx/deployment-nginx.yaml': 'a\n' })]);
    const elsewhere = tmp();
    writeFileSync(path.join(elsewhere, 'deployment-nginx.yaml'), 'precious\n');
    rmSync(path.join(out, 'dev', 'nginx'), { recursive: true });
    symlinkSync(elsewhere, path.join(out, 'dev', 'nginx'));
    const before = snapshotTree(out);
    await expect(writeEnvironments(out, [rendered('dev', { 'nginx/deployment-nginx.yaml': 'b\n' })])).rejects.toMatchObject({
      code: 'render/would-overwrite',
      message: `'${path.join(out, 'dev', 'nginx')}' is a symbolic link that kasane did not make, and 'nginx/deployment-nginx.yaml' would be written through it`,
    });
    expect(snapshotTree(elsewhere)).toEqual({ 'deployment-nginx.yaml': 'precious\n' });
    expect(snapshotTree(out)).toEqual(before);
    expect(readdirSync(out)).toEqual(['dev']);
  });

  test('refuses a file of someone else where a rendered file needs a folder', async () => {
    const out = tmp();
    mkdirSync(path.join(out, 'dev'));
    writeFileSync(path.join(out, 'dev', 'nginx'), 'notes\n');
    await expect(writeEnvironments(out, [rendered('dev', { 'nginx/deployment-nginx.yaml': 'b\n' })])).rejects.toMatchObject({
      code: 'render/would-overwrite',
      message: `'${path.join(out, 'dev', 'nginx')}' is not a folder, and kasane writes 'nginx/deployment-nginx.yaml' there`,
    });
    expect(snapshotTree(out)).toEqual({ 'dev/nginx': 'notes\n' });
  });

  test('refuses a folder of files of someone else where a file is rendered', async () => {
    const out = tmp();
    mkdirSync(path.join(out, 'dev', 'a.yaml'), { recursive: true });
    writeFileSync(path.join(out, 'dev', 'a.yaml', 'notes.md'), 'notes\n');
    await expect(writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' })])).rejects.toMatchObject({
      code: 'render/would-overwrite',
      message: `'${path.join(out, 'dev', 'a.yaml/notes.md')}' is inside 'a.yaml', which kasane writes as a file`,
    });
    expect(snapshotTree(out)).toEqual({ 'dev/a.yaml/notes.md': 'notes\n' });
  });

  test('refuses a symbolic link to a file where a file is rendered, even one kasane lists as its own', async () => {
    const out = tmp();
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' })]);
    const elsewhere = path.join(tmp(), 'target.yaml');
    writeFileSync(elsewhere, 'precious\n');
    rmSync(path.join(out, 'dev', 'a.yaml'));
    symlinkSync(elsewhere, path.join(out, 'dev', 'a.yaml'));
    await expect(writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a2\n' })])).rejects.toMatchObject({ code: 'render/would-overwrite' });
    expect(readFileSync(elsewhere, 'utf8')).toBe('precious\n');
  });

  test('writes into an empty folder someone made where a rendered file needs one', async () => {
    const out = tmp();
    mkdirSync(path.join(out, 'dev', 'nginx'), { recursive: true });
    const [report] = await writeEnvironments(out, [rendered('dev', { 'nginx/deployment-nginx.yaml': 'a\n' })]);
    expect(report!.foreign).toEqual(['nginx']);
    expect(snapshotTree(out)['dev/nginx/deployment-nginx.yaml']).toBe('a\n');
  });

  test('carries a file of someone else over as the same file (same inode)', async () => {
    const out = tmp();
    await writeEnvironments(out, [rendered('dev', { 'api/a.yaml': 'a\n' })]);
    writeFileSync(path.join(out, 'dev', 'api', 'NOTES.md'), 'mine\n');
    const inode = statSync(path.join(out, 'dev', 'api', 'NOTES.md')).ino;
    await writeEnvironments(out, [rendered('dev', { 'api/a.yaml': 'a2\n' })]);
    expect(statSync(path.join(out, 'dev', 'api', 'NOTES.md')).ino).toBe(inode);
    expect(statSync(path.join(out, 'dev', 'api', 'NOTES.md')).nlink).toBe(1);
  });
});

describe('recoverOutput', () => {
  test('removes staging folders and empty old folders, and leaves other names alone', async () => {
    const out = tmp();
    for (const folder of ['dev', 'prod', '.dev.kasane-7', '.prod.kasane-old-7', '.dev.kasane-42', '.dev.kasane-old-42', '.git', '.dev.kasane-x']) mkdirSync(path.join(out, folder));
    writeFileSync(path.join(out, '.dev.kasane-8'), 'a file, not a folder of kasane\n');
    expect(recoverOutput(out)).toEqual([]);
    expect(readdirSync(out).sort()).toEqual(['.dev.kasane-8', '.dev.kasane-x', '.git', 'dev', 'prod']);
  });

  test('puts back an environment folder moved aside for a swap that never finished', async () => {
    const out = tmp();
    mkdirSync(path.join(out, '.prod.kasane-old-7'));
    writeFileSync(path.join(out, '.prod.kasane-old-7', 'a.yaml'), 'a\n');
    mkdirSync(path.join(out, '.prod.kasane-7'));
    recoverOutput(out);
    expect(snapshotTree(out)).toEqual({ 'prod/a.yaml': 'a\n' });
  });

  test('does nothing for a folder that does not exist', async () => {
    expect(recoverOutput(path.join(tmp(), 'missing'))).toEqual([]);
  });
});

describe('checkEnvironment', () => {
  test('reports changed, added and removed files with diffs, and ignores foreign files', async () => {
    const out = tmp();
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a: 1\n', 'gone.yaml': 'g\n' })]);
    writeFileSync(path.join(out, 'dev', 'README.md'), 'mine\n');
    const next = rendered('dev', { 'a.yaml': 'a: 2\n', 'new.yaml': 'n\n' });
    next.objects.set('a.yaml', { kind: 'ConfigMap', name: 'a', namespace: 'ns' });
    const drift = checkEnvironment('dev', next.files, await readTree(path.join(out, 'dev')), next.objects);
    expect(drift.map((d) => [d.file, d.change])).toEqual([
      ['dev/a.yaml', 'changed'],
      ['dev/gone.yaml', 'removed'],
      ['dev/kustomization.yaml', 'changed'],
      ['dev/new.yaml', 'added'],
    ]);
    expect(drift[0]!.diff).toBe('--- a/dev/a.yaml (ConfigMap/ns/a)\n+++ b/dev/a.yaml (ConfigMap/ns/a)\n@@ -1,1 +1,1 @@\n-a: 1\n+a: 2\n');
    expect(drift[1]!.diff).toBe('--- a/dev/gone.yaml\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-g\n');
  });
});
