/**
 * `kasane import` never prints a Secret value and never changes one silently: line-wrapped
 * base64 (which the API server accepts) imports with a zero diff and no value in the report;
 * invalid base64 is an error naming the file, object and field.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, writeProject } from '../helpers/project.ts';

const CANARY = 'kasane-canary-7f3a9c';
const wrapped = (() => {
  const b64 = Buffer.from(`${CANARY} `.repeat(8)).toString('base64');
  return b64.match(/.{1,76}/g)!.join('\n');
})();

const secretYaml = (value: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: |\n${value
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\n`;

async function importSecret(value: string) {
  const dir = writeProject({});
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path.join(dir, 'secret.yaml'), secretYaml(value));
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-secret-')), 'p');
  return { run: await runCli(['import', 'secret.yaml', '--out', out], dir), out };
}

describe('kasane import and Secret values', () => {
  test('imports line-wrapped base64 with a zero diff and prints no value', async () => {
    const { run } = await importSecret(wrapped);
    expect(run.stderr).toContain("zero diff: 'main' renders the same 1 object as the imported YAML");
    expect(run.code).toBe(0);
    for (const text of [run.stdout, run.stderr]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(wrapped.slice(0, 20));
    }
  });

  test('refuses invalid base64, naming file, object and field, without printing it, and writes nothing', async () => {
    const { run, out } = await importSecret('not*base64');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: Secret/db › data.password: cannot import Secret 'db': data.password is not valid base64 (the API server rejects it)");
    expect(run.stderr).toContain('secret.yaml');
    expect(run.stderr).toContain('code: import/invalid-base64');
    expect(run.stdout + run.stderr).not.toContain('not*base64');
    expect(existsSync(out)).toBe(false);
  });
});
