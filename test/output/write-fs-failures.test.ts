/**
 * What the file system refuses becomes a finding with its own code that names the path: a
 * read-only file system, an old folder that cannot be removed, an output folder that cannot be
 * read. Tests run as root, which ignores permissions, so the refusals are simulated.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { kustomizationFile } from '../../src/render/layout.ts';
import { readTree, writeEnvironments } from '../../src/output/write.ts';
import { snapshotTree } from '../helpers/project.ts';
import { rendered } from '../helpers/rendered.ts';

const { refuse, failure, WRITES } = vi.hoisted(() => ({
  refuse: { writes: undefined as string | undefined, unlinkUnder: undefined as string | undefined, readdirOf: undefined as string | undefined },
  failure: (code: string, text: string, call: string, file: string) => Object.assign(new Error(`${code}: ${text}, ${call} '${file}'`), { code }),
  WRITES: ['mkdirSync', 'writeFileSync', 'linkSync', 'symlinkSync', 'copyFileSync', 'renameSync', 'rmSync', 'unlinkSync', 'rmdirSync'],
}));

// `refuse.writes` set: every call that changes something fails with EROFS. `refuse.unlinkUnder`:
// removing a file below that folder fails with EACCES. `refuse.readdirOf`: listing it fails.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const wrapped: Record<string, unknown> = {};
  for (const name of [...WRITES, 'readdirSync']) {
    const real = (fs as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
    wrapped[name] = (...args: unknown[]) => {
      const file = String(args[0]);
      if (refuse.writes && WRITES.includes(name) && file.startsWith(refuse.writes)) throw failure('EROFS', 'read-only file system', name, file);
      if (name === 'unlinkSync' && refuse.unlinkUnder && file.startsWith(refuse.unlinkUnder)) throw failure('EACCES', 'permission denied', 'unlink', file);
      if (name === 'readdirSync' && refuse.readdirOf === file) throw failure('EACCES', 'permission denied', 'scandir', file);
      return real(...args);
    };
  }
  return { ...fs, ...wrapped, default: { ...fs, ...wrapped } };
});
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const writeFile = async (file: string, ...rest: unknown[]) => {
    if (refuse.writes && String(file).startsWith(refuse.writes)) throw failure('EROFS', 'read-only file system', 'open', String(file));
    return (fs.writeFile as (...args: unknown[]) => Promise<void>)(file, ...rest);
  };
  return { ...fs, writeFile, default: { ...fs, writeFile } };
});

beforeEach(() => {
  refuse.writes = refuse.unlinkUnder = refuse.readdirOf = undefined;
});

const tmp = () => mkdtempSync(path.join(tmpdir(), 'kasane-fs-'));

describe('writeEnvironments on a read-only file system', () => {
  test('says the file system is read-only and names the path', async () => {
    const out = tmp();
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' })]);
    const before = snapshotTree(out);
    refuse.writes = out;
    await expect(writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a2\n' })])).rejects.toMatchObject({
      code: 'render/read-only-file-system',
      message: `cannot write '${path.join(out, '.dev.kasane-' + process.pid)}': the file system is read-only (EROFS)`,
    });
    expect(snapshotTree(out)).toEqual(before);
  });

  test('succeeds when nothing needs to change', async () => {
    const out = tmp();
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' })]);
    refuse.writes = out;
    const [report] = await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' })]);
    expect(report).toEqual({ env: 'dev', written: 0, unchanged: 2, removed: 0, foreign: [] });
  });
});

describe('writeEnvironments when the old folder cannot be removed', () => {
  test('puts the new folder in place and warns with render/cannot-remove, naming the file', async () => {
    const out = tmp();
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n', 'b.yaml': 'b\n' })]);
    refuse.unlinkUnder = path.join(out, `.dev.kasane-old-${process.pid}`);
    const [report] = await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a2\n' })]);
    expect(snapshotTree(path.join(out, 'dev'))).toEqual({ 'a.yaml': 'a2\n', 'kustomization.yaml': kustomizationFile(['a.yaml']) });
    expect(report!.warnings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'render/cannot-remove',
        env: 'dev',
        message: `cannot remove '${path.join(refuse.unlinkUnder, 'a.yaml')}': EACCES: permission denied, unlink '${path.join(refuse.unlinkUnder, 'a.yaml')}'`,
      }),
    ]);
    // The next render, allowed to remove it, finishes the job.
    refuse.unlinkUnder = undefined;
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a2\n' })]);
    expect(readdirSync(out)).toEqual(['dev']);
  });
});

describe('reading an output folder that cannot be read', () => {
  test('is render/read-failed naming the folder', async () => {
    const out = tmp();
    await writeEnvironments(out, [rendered('dev', { 'api/a.yaml': 'a\n' })]);
    refuse.readdirOf = path.join(out, 'dev', 'api');
    await expect(readTree(path.join(out, 'dev'))).rejects.toMatchObject({
      code: 'render/read-failed',
      message: `cannot read '${path.join(out, 'dev', 'api')}': EACCES: permission denied, scandir '${path.join(out, 'dev', 'api')}'`,
    });
  });
});
