/**
 * A swap that fails while the environments are committed leaves the environment's folder as
 * it was and no staging folder behind.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { writeEnvironments } from '../../src/output/write.ts';
import { snapshotTree } from '../helpers/project.ts';
import { rendered } from '../helpers/rendered.ts';

const failing = vi.hoisted(() => ({ env: undefined as string | undefined }));

// Renaming the staging folder of `failing.env` into place fails; every other rename works.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const renameSync = (from: string, to: string): void => {
    if (failing.env && path.basename(from).startsWith(`.${failing.env}.kasane-`) && !from.includes('-old-')) {
      throw Object.assign(new Error(`EACCES: permission denied, rename '${from}' -> '${to}'`), { code: 'EACCES' });
    }
    fs.renameSync(from, to);
  };
  return { ...fs, default: { ...fs, renameSync }, renameSync };
});

describe('commitStaged when a swap fails', () => {
  test('puts the folder back, removes the staging folders and names the folder', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'kasane-write-'));
    failing.env = undefined;
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' }), rendered('prod', { 'a.yaml': 'p\n' })]);
    const before = snapshotTree(out);
    failing.env = 'dev';
    await expect(writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a2\n' }), rendered('prod', { 'a.yaml': 'p2\n' })])).rejects.toMatchObject({
      code: 'render/write-failed',
      findings: [expect.objectContaining({ env: 'dev', message: expect.stringMatching(/^cannot write '.*[/\\]dev': EACCES: permission denied, rename '/) })],
    });
    expect(snapshotTree(out)).toEqual(before);
    expect(readdirSync(out).sort()).toEqual(['dev', 'prod']);
  });
});
