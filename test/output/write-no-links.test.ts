/**
 * On a file system without hard links, an environment with a changed file is still written
 * completely: unchanged files are written again instead of linked.
 */
import { mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { kustomizationFile } from '../../src/render/layout.ts';
import { writeEnvironments } from '../../src/output/write.ts';
import { snapshotTree } from '../helpers/project.ts';
import { rendered } from '../helpers/rendered.ts';

const links = vi.hoisted(() => ({ attempts: 0 }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const linkSync = (): never => {
    links.attempts++;
    throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
  };
  return { ...fs, default: { ...fs, linkSync }, linkSync };
});

describe('writeEnvironments without hard links', () => {
  test('writes unchanged files again and tries to link only once', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kasane-write-'));
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n', 'b.yaml': 'b\n', 'c.yaml': 'c\n' })]);
    const before = statSync(path.join(out, 'dev', 'a.yaml')).ino;
    const [report] = await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n', 'b.yaml': 'b2\n', 'c.yaml': 'c\n' })]);
    expect(links.attempts).toBe(1);
    expect(report).toEqual({ env: 'dev', written: 1, unchanged: 3, removed: 0, foreign: [] });
    expect(statSync(path.join(out, 'dev', 'a.yaml')).ino).not.toBe(before);
    expect(snapshotTree(out)).toEqual({
      'dev/a.yaml': 'a\n',
      'dev/b.yaml': 'b2\n',
      'dev/c.yaml': 'c\n',
      'dev/kustomization.yaml': kustomizationFile(['a.yaml', 'b.yaml', 'c.yaml']),
    });
  });

  test('copies a file of someone else with its timestamps, and removes the old one only after comparing the copy', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kasane-write-'));
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' })]);
    writeFileSync(path.join(out, 'dev', 'NOTES.md'), 'mine\n');
    utimesSync(path.join(out, 'dev', 'NOTES.md'), new Date('2020-01-02T03:04:05Z'), new Date('2020-01-02T03:04:05Z'));
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a2\n' })]);
    expect(snapshotTree(out)['dev/NOTES.md']).toBe('mine\n');
    expect(statSync(path.join(out, 'dev', 'NOTES.md')).mtime.toISOString()).toBe('2020-01-02T03:04:05.000Z');
    expect(readdirSync(out)).toEqual(['dev']);
  });
});
