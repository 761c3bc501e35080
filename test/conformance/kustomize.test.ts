/**
 * The Kustomize feature cases (test/conformance/kustomize/): every case is well formed, its
 * README index is current, and, where kubectl is installed, what kubectl prints today still
 * equals the committed expected.yaml / error.txt (scripts/oracle-kustomize.mjs --check).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { casesRoot, parseCaseNotes, readCases, renderIndex } from '../../scripts/kustomize-cases.mjs';

const cases = readCases();
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl) console.warn('skipping the kubectl check of test/conformance/kustomize: kubectl not found (the committed outputs are still checked for shape)');

describe('Kustomize feature cases', () => {
  test('there are cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s has CASE.md and exactly one of expected.yaml and error.txt', (_name, kase) => {
    expect(kase.problems).toStrictEqual([]);
    const text = readFileSync(join(kase.dir, kase.expected!), 'utf8');
    if (kase.expected === 'error.txt') expect(text.trim()).not.toBe('');
    else {
      const docs = parseAllDocuments(text);
      expect(docs.every((d) => d.errors.length === 0)).toBe(true);
      expect(docs.filter((d) => d.contents !== null).length).toBeGreaterThan(0);
    }
  });

  test('README.md is the index the cases generate', () => {
    expect(readFileSync(join(casesRoot, 'README.md'), 'utf8')).toBe(renderIndex(cases));
  });

  test('CASE.md problems are reported, not ignored', () => {
    expect(parseCaseNotes('# x\n\n- Feature: f\n- Build: `../up`\n- Corpus: none\n- Scope: maybe\n').problems).toStrictEqual([
      'Scope must be one of supported, refused, got "maybe"',
      'Build must be a folder inside the case, got "../up"',
      'no paragraph that states the semantics',
    ]);
  });
});

describe.skipIf(!hasKubectl)('Kustomize feature cases against kubectl', () => {
  test('scripts/oracle-kustomize.mjs --check: kubectl prints what is committed', () => {
    const script = join(import.meta.dirname, '..', '..', 'scripts', 'oracle-kustomize.mjs');
    const run = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(
      run.stderr.split('\n').filter((l) => l && !l.startsWith('warning')),
      run.stdout,
    ).toStrictEqual([]);
    expect(run.status).toBe(0);
  }, 600_000);
});
