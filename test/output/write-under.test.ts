import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isKasaneError } from '../../src/errors.ts';
import { unsafeRelativePath, writeFilesUnder } from '../../src/output/write-under.ts';
import { snapshotTree } from '../helpers/project.ts';

async function codesOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (isKasaneError(error)) return error.findings.map((f) => f.code);
    throw error;
  }
  return [];
}

describe('unsafeRelativePath', () => {
  test.each(['', '/etc/passwd', '../x', 'a/../../x', 'a/./b', 'a//b', 'a/', 'a\\..\\b', 'a\0b', '..'])('refuses %j', (rel) => {
    expect(unsafeRelativePath(rel)).toBeDefined();
  });
  test.each(['a', 'a/b.ts', '.gitignore', 'environments/dev/secrets/app.env', '...ts'])('accepts %j', (rel) => {
    expect(unsafeRelativePath(rel)).toBeUndefined();
  });
});

describe('writeFilesUnder', () => {
  test('writes nothing when one path of several would leave the folder', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kasane-write-under-'));
    const out = path.join(root, 'out');
    expect(
      await codesOf(
        writeFilesUnder(
          out,
          [
            ['ok.txt', 'a'],
            ['../escape.txt', 'b'],
          ],
          { area: 'import' },
        ),
      ),
    ).toEqual(['import/unsafe-path']);
    expect(snapshotTree(root)).toEqual({});
  });

  test('refuses a file that is a symbolic link to a file elsewhere, leaving that file unchanged', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kasane-write-under-'));
    writeFileSync(path.join(root, 'target'), 'mine');
    mkdirSync(path.join(root, 'out'));
    symlinkSync(path.join(root, 'target'), path.join(root, 'out', 'file.ts'));
    expect(await codesOf(writeFilesUnder(path.join(root, 'out'), [['file.ts', 'theirs']], { area: 'codegen', skipUnchanged: true }))).toEqual(['codegen/unsafe-path']);
    expect(readFileSync(path.join(root, 'target'), 'utf8')).toBe('mine');
  });

  test('leaves equal files alone and reports them as unchanged', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kasane-write-under-'));
    await writeFilesUnder(out, [['a/b.ts', 'x']], { area: 'codegen' });
    expect(
      await writeFilesUnder(
        out,
        [
          ['a/b.ts', 'x'],
          ['c.ts', 'y'],
        ],
        { area: 'codegen', skipUnchanged: true },
      ),
    ).toEqual({ written: ['c.ts'], unchanged: ['a/b.ts'] });
    expect(snapshotTree(out)).toEqual({ 'a/b.ts': 'x', 'c.ts': 'y' });
  });
});
