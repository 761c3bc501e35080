/**
 * Oracle conformance through the whole pipeline. Every case of test/conformance/patch and
 * test/conformance/transforms is written as a kasane project (a component returning the base
 * objects, one environment per Kustomize level with the level's fields in kasane's API),
 * loaded with `loadProject`, rendered with `render`, and the emitted objects are compared with
 * what `kubectl kustomize` printed, object by object and field by field. A documented
 * difference (patch/DIFFERENCES.md) compares with kasane.yaml; a case where Kustomize fails or
 * kasane deliberately stops must give the recorded finding code.
 *
 * The folders under test/conformance/kasane/ are some of these projects committed as files, to
 * read as examples of the same intent written in kasane; they are rendered too, and must stay
 * what the harness writes (refresh them with `npx vitest run test/conformance/kasane.test.ts -u`).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadProject } from '../../src/load/load-project.ts';
import { loadConformanceCases, type ConformanceCase } from './harness/cases.ts';
import { objectDifferences } from './harness/compare.ts';
import { caseProjectFiles, rootEnvironment, standaloneNames } from './harness/project-files.ts';
import { renderCases, renderEnvironment, type CaseOutcome } from './harness/render-cases.ts';

const cases = loadConformanceCases();
const byName = new Map(cases.map((c) => [c.name, c]));
const examplesDir = join(import.meta.dirname, 'kasane');

/** Cases committed as projects under test/conformance/kasane/ (one per folder). */
const EXAMPLES = [
  'smp-container-add-and-delete',
  'smp-delete-object',
  'smp-env-add-change-remove',
  'smp-list-replace-directive',
  'smp-patch-second-container',
  'json-append-container',
  'json-custom-resource',
  'json-sequence-with-smp',
  'affix-suffix-hash',
  'chain-three-levels',
  'gen-files',
  'gen-merge-overlay',
  'images-workloads',
  'labels-include-selectors',
  'workload-dev',
];

/** Checks one outcome against the case's expectation. */
function expectOutcome(kase: ConformanceCase, outcome: CaseOutcome): void {
  const errors = outcome.findings.filter((f) => f.severity === 'error');
  if ('error' in kase.expected) {
    expect(outcome.objects, 'an error case renders nothing').toBeUndefined();
    expect(errors[0]?.code, JSON.stringify(errors)).toBe(kase.expected.error.code);
    if (kase.expected.error.path) expect(errors[0]?.path).toEqual(kase.expected.error.path);
    if (kase.kubectl !== 'error') expect(kase.difference, 'kubectl succeeds: document the difference').toBeDefined();
    return;
  }
  expect(errors.map((f) => `${f.code}: ${f.message}`)).toEqual([]);
  expect(kase.expected.objects.length, 'a case must expect some objects').toBeGreaterThan(0);
  expect(objectDifferences(outcome.objects ?? [], kase.expected.objects)).toEqual([]);
  if (kase.difference) {
    expect(kase.kubectl).not.toBe('error');
    expect(objectDifferences(outcome.objects ?? [], kase.kubectl as never), 'a documented difference must differ from kubectl').not.toEqual([]);
  }
}

describe('conformance through the kasane pipeline', () => {
  let dir = '';
  let outcomes = new Map<string, CaseOutcome>();

  beforeAll(async () => {
    ({ dir, outcomes } = await renderCases(cases));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('has at least 40 strategic merge, 10 JSON 6902, 25 transform and generator cases and 5 error cases when counting both suites', () => {
    const count = (f: (c: ConformanceCase) => boolean) => cases.filter(f).length;
    expect(count((c) => c.category === 'strategic-merge')).toBeGreaterThanOrEqual(40);
    expect(count((c) => c.category === 'json6902')).toBeGreaterThanOrEqual(10);
    expect(count((c) => c.category === 'transform' || c.category === 'generator')).toBeGreaterThanOrEqual(25);
    expect(count((c) => 'error' in c.expected)).toBeGreaterThanOrEqual(5);
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  test.each(cases.map((c) => [`${c.suite}/${c.name}`, c] as const))('%s renders the oracle output when written as a kasane project', (_, kase) => {
    expectOutcome(kase, outcomes.get(kase.name)!);
  });
});

describe('committed kasane projects under test/conformance/kasane', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'kasane-examples-cache-'));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  test('has one folder per listed example when listing test/conformance/kasane', () => {
    const folders = readdirSync(examplesDir)
      .filter((n) => statSync(join(examplesDir, n)).isDirectory())
      .sort();
    expect(folders).toEqual([...EXAMPLES].sort());
  });

  test.each(EXAMPLES)('%s holds exactly the files the harness writes', async (name) => {
    const files = caseProjectFiles(byName.get(name)!, standaloneNames);
    for (const [path, content] of files) {
      await expect(typeof content === 'string' ? content : Buffer.from(content).toString('utf8')).toMatchFileSnapshot(join(examplesDir, name, path));
    }
  });

  test.each(EXAMPLES)('%s renders the oracle output when loaded from its folder', async (name) => {
    const kase = byName.get(name)!;
    const root = join(examplesDir, name);
    expect(existsSync(root)).toBe(true);
    const project = await loadProject(root, { cacheDir: join(cacheDir, name) });
    expectOutcome(kase, renderEnvironment(project, rootEnvironment(kase, standaloneNames)));
  });
});
