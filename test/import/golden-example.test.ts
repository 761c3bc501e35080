/**
 * The committed example of what `kasane import` writes (test/fixtures/import/golden-example/,
 * from the shop tree; regenerate with `node scripts/oracle-import.mjs --golden`). The repo's
 * type check covers its TypeScript; this test keeps it equal to the importer's output.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readImportSource } from '../../src/import/fs.ts';
import { importProject } from '../../src/import/import-project.ts';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'import');
const golden = path.join(fixtures, 'golden-example');

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? listFiles(path.join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]));
}

describe('golden example', () => {
  test('equals what the importer writes for the shop tree when secret files are left out', () => {
    const { source } = readImportSource(['.'], path.join(fixtures, 'shop'));
    const result = importProject(source, { name: 'shop' });
    const expected = [...result.files].filter(([file]) => !file.includes('/secrets/'));
    expect(listFiles(golden).sort()).toEqual(expected.map(([file]) => file).sort());
    for (const [file, content] of expected) expect(readFileSync(path.join(golden, file), 'utf8'), file).toBe(Buffer.from(content).toString('utf8'));
  });
});
