/**
 * Removing an environment's old folder after the swap: only what kasane wrote, and what the new
 * folder holds too, is removed; anything else moves into the new folder or stays, reported.
 */
import { linkSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { kustomizationFile } from '../../src/render/layout.ts';
import { disposeOldFolder } from '../../src/output/write-dispose.ts';
import { writeEnvironments } from '../../src/output/write.ts';
import { snapshotTree, writeProject } from '../helpers/project.ts';
import { rendered } from '../helpers/rendered.ts';

function folders(oldFiles: Record<string, string>, newFiles: Record<string, string>): { old: string; fresh: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'kasane-dispose-'));
  const old = writeProject(oldFiles, path.join(root, 'old'));
  const fresh = writeProject(newFiles, path.join(root, 'new'));
  mkdirSync(old, { recursive: true });
  mkdirSync(fresh, { recursive: true });
  return { old, fresh };
}

describe('disposeOldFolder', () => {
  test('removes the files kasane listed and the entries the new folder holds too, then the folder', () => {
    const { old, fresh } = folders({ 'api/a.yaml': 'a\n', 'kustomization.yaml': kustomizationFile(['api/a.yaml']) }, { 'kustomization.yaml': kustomizationFile([]) });
    writeFileSync(path.join(fresh, 'NOTES.md'), 'mine\n');
    linkSync(path.join(fresh, 'NOTES.md'), path.join(old, 'NOTES.md'));
    symlinkSync('NOTES.md', path.join(old, 'link'));
    symlinkSync('NOTES.md', path.join(fresh, 'link'));
    expect(disposeOldFolder(old, fresh)).toEqual([]);
    expect(readdirSync(path.dirname(old))).toEqual(['new']);
    expect(snapshotTree(fresh)).toEqual({ 'NOTES.md': 'mine\n', 'kustomization.yaml': kustomizationFile([]), link: 'mine\n' });
  });

  test('moves a file kasane did not write, and the new folder lacks, into the new folder', () => {
    const { old, fresh } = folders({ 'kustomization.yaml': kustomizationFile([]), 'docs/saved-meanwhile.md': 'new notes\n' }, { 'kustomization.yaml': kustomizationFile([]) });
    mkdirSync(path.join(old, 'drafts'));
    expect(disposeOldFolder(old, fresh)).toEqual([]);
    expect(snapshotTree(fresh)).toEqual({ 'docs/saved-meanwhile.md': 'new notes\n', 'kustomization.yaml': kustomizationFile([]) });
    expect(readdirSync(path.join(fresh, 'drafts'))).toEqual([]);
    expect(readdirSync(path.dirname(old))).toEqual(['new']);
  });

  test('keeps the old folder, with what differs from the new folder, when the new folder has something else there', () => {
    const { old, fresh } = folders({ 'kustomization.yaml': kustomizationFile(['a.yaml']), 'a.yaml': 'a\n', 'NOTES.md': 'edited meanwhile\n' }, { 'NOTES.md': 'older copy\n' });
    expect(disposeOldFolder(old, fresh)).toEqual(['NOTES.md']);
    // kasane's own files go; the kustomization goes last, so it went too.
    expect(snapshotTree(old)).toEqual({ 'NOTES.md': 'edited meanwhile\n' });
    expect(snapshotTree(fresh)).toEqual({ 'NOTES.md': 'older copy\n' });
  });

  test('removes a folder that only held files kasane wrote, instead of carrying it over empty', () => {
    const { old, fresh } = folders({ 'gone/deployment-x.yaml': 'x\n', 'kustomization.yaml': kustomizationFile(['gone/deployment-x.yaml']) }, { 'kustomization.yaml': kustomizationFile([]) });
    expect(disposeOldFolder(old, fresh)).toEqual([]);
    expect(readdirSync(fresh)).toEqual(['kustomization.yaml']);
  });

  test('treats a kustomization.yaml it did not write as a file of someone else', () => {
    const { old, fresh } = folders({ 'kustomization.yaml': 'resources: [a.yaml]\n', 'a.yaml': 'a\n' }, {});
    expect(disposeOldFolder(old, fresh)).toEqual([]);
    expect(snapshotTree(fresh)).toEqual({ 'a.yaml': 'a\n', 'kustomization.yaml': 'resources: [a.yaml]\n' });
  });
});

describe('writeEnvironments and a file saved while it wrote', () => {
  test('a file someone saves after staging ends up in the new folder', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kasane-dispose-'));
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' })]);
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a2\n' })], {
      onStep: (step) => {
        if (step === 'journal') writeFileSync(path.join(out, 'dev', 'saved-meanwhile.md'), 'mine\n');
      },
    });
    expect(snapshotTree(out)).toEqual({ 'dev/a.yaml': 'a2\n', 'dev/kustomization.yaml': kustomizationFile(['a.yaml']), 'dev/saved-meanwhile.md': 'mine\n' });
    expect(readdirSync(out)).toEqual(['dev']);
  });
});

describe('writeEnvironments when another process makes the environment folder during the swap', () => {
  test('moves that folder aside too, and carries its files into the new folder', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kasane-race-'));
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' })]);
    let races = 0;
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a2\n' })], {
      onStep: (step) => {
        if (step === 'swap:dev' && races++ === 0) writeProject({ 'late.md': 'made meanwhile\n' }, path.join(out, 'dev'));
      },
    });
    expect(snapshotTree(out)).toEqual({ 'dev/a.yaml': 'a2\n', 'dev/kustomization.yaml': kustomizationFile(['a.yaml']), 'dev/late.md': 'made meanwhile\n' });
    expect(readdirSync(out)).toEqual(['dev']);
  });

  test('gives up with render/concurrent-change when it keeps happening, and puts the old folder back', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kasane-race-'));
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' })]);
    const before = snapshotTree(path.join(out, 'dev'));
    const write = writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a2\n' })], {
      onStep: (step) => {
        if (step === 'swap:dev') writeProject({ 'late.md': 'made meanwhile\n' }, path.join(out, 'dev'));
      },
    });
    await expect(write).rejects.toMatchObject({ code: 'render/concurrent-change', message: `'${path.join(out, 'dev')}' was made again by another process while kasane replaced it` });
    expect(snapshotTree(path.join(out, 'dev'))).toEqual(before);
    // The folders the other process made wait beside it; the next render carries their files in.
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a2\n' })]);
    expect(snapshotTree(out)).toEqual({ 'dev/a.yaml': 'a2\n', 'dev/kustomization.yaml': kustomizationFile(['a.yaml']), 'dev/late.md': 'made meanwhile\n' });
  });
});
