import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { diffObjects, formatDiffs } from '../../src/import/compare.ts';
import { importAndRender, parseObjects } from './harness.ts';

const dir = path.join(import.meta.dirname, '..', 'fixtures', 'import', 'plain');
const input = () => parseObjects(readFileSync(path.join(dir, 'app.yaml'), 'utf8'));

describe('importProject with plain YAML', () => {
  test('renders the imported objects again when the input is a YAML file', async () => {
    const got = await importAndRender(['app.yaml'], dir);
    expect(got.result.findings).toEqual([]);
    expect(got.result.environments.map((e) => e.name)).toEqual(['main']);
    expect(formatDiffs('main', diffObjects(input(), got.rendered.get('main') ?? []))).toBe('');
  });

  test('keeps field comments as code comments when the YAML documents fields', async () => {
    const got = await importAndRender(['app.yaml'], dir);
    const component = got.result.files.get('components/billing.ts') as string;
    expect(component).toContain('      // Billing service.\n      deployment({');
    expect(component).toContain('        // one per zone\n        replicas: values.replicas,');
    expect(component).toContain('          // Minutes before an unpaid invoice is cancelled.\n          TIMEOUT:');
  });

  test('writes secret values only to a git-ignored file when a Secret has stringData', async () => {
    const got = await importAndRender(['.'], dir);
    for (const [file, content] of got.result.files) {
      if (file.endsWith('.ts')) expect(String(content), file).not.toContain('hunter2');
    }
    const env = got.result.files.get('environments/main.ts') as string;
    expect(env).toContain("secretGenerator({\n      name: 'billing-db',\n      envs: ['main/secrets/billing-db.env'],");
    expect(Buffer.from(got.result.files.get('environments/main/secrets/billing-db.env')!).toString()).toBe('password=hunter2-plaintext\nurl=postgres://billing@db:5432/billing\n');
    expect(got.result.files.get('.gitignore')).toContain('environments/**/secrets/\n');
    // kubectl keeps stringData as written, and so does the generator.
    expect(env).toContain("stringDataKeys: ['password', 'url'],\n      asResource: true,");
    expect(got.result.notes.join('\n')).not.toContain('base64');
  });
});
