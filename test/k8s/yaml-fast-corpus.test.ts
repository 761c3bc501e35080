/**
 * The fast path of the YAML reader (src/k8s/yaml-fast.ts) against the full reader on real
 * input: every document of every chart-corpus oracle output (read as helm's output is read, one
 * Source chunk at a time, and whole) and every YAML file of the Kustomize corpus, in both
 * dialects. Wherever the fast path reads a text it must give exactly the full reader's
 * documents, lines and values, and the full reader must find no problem there (the fast path
 * leaves every problem to it). It must also take most of the bytes, or it would not be the fast
 * path; the shares are printed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { splitSources } from '../../src/charts/helm-output.ts';
import { readFast } from '../../src/k8s/yaml-fast.ts';
import { MAX_DEPTH, readYaml, type YamlDialect } from '../../src/k8s/yaml-read.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Bytes seen and bytes the fast path read. */
interface Share {
  bytes: number;
  fast: number;
}

/** Whether the fast path read `text`; fails the test when it read it differently from the full reader. */
function agrees(text: string, dialect: YamlDialect, label: string, share: Share): void {
  share.bytes += text.length;
  const fast = readFast(text, dialect, MAX_DEPTH - 8);
  const full = readYaml(text, { dialect, fast: false });
  if (!fast) return;
  share.fast += text.length;
  expect(full.problems, `${label}: the full reader refuses what the fast path read`).toEqual([]);
  expect(fast, label).toStrictEqual(full.documents.map((d) => ({ index: d.index, line: d.line, value: d.value })));
  // readYaml takes the fast path itself.
  expect(readYaml(text, { dialect }).documents).toStrictEqual(fast);
}

const percent = (s: Share) => `${((s.fast / s.bytes) * 100).toFixed(1)} % of ${(s.bytes / 1e6).toFixed(1)} MB`;

const helmOutputs = yamlFiles(path.join(fixtures, 'helm-charts')).filter((f) => f.includes('/expected/'));
const kustomizeFiles = yamlFiles(path.join(fixtures, 'kustomize-corpus'));
/** The files under `root` by the folder they are in just below it. */
function byFolder(files: string[], root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of files) {
    const folder = path.relative(root, f).split(path.sep)[0]!;
    out.set(folder, [...(out.get(folder) ?? []), f]);
  }
  return out;
}
const charts = [...byFolder(helmOutputs, path.join(fixtures, 'helm-charts'))];
const kustomizeCases = [...byFolder(kustomizeFiles, path.join(fixtures, 'kustomize-corpus'))];
const shares = { chart: { bytes: 0, fast: 0 }, kustomize: { bytes: 0, fast: 0 } };

// helm's output is read one Source chunk at a time (as src/charts/helm-output.ts reads it), a
// Kustomize tree's files in the kustomize dialect (as src/kustomize/ reads them).
describe('the fast YAML path on real input', () => {
  test.each(charts)("reads helm's output for %s as the full reader does", (_, files) => {
    for (const file of files) {
      const label = path.relative(fixtures, file);
      for (const chunk of splitSources(readFileSync(file, 'utf8'))) agrees(chunk.text, 'kubectl', `${label} ${chunk.source}`, shares.chart);
    }
  });

  test.each(kustomizeCases)('reads the Kustomize corpus case %s as the full reader does', (_, files) => {
    for (const file of files) agrees(readFileSync(file, 'utf8'), 'kustomize', path.relative(fixtures, file), shares.kustomize);
  });

  test('takes most of the bytes of both corpora', () => {
    console.log(`chart corpus (${helmOutputs.length} outputs): fast path read ${percent(shares.chart)}; Kustomize corpus (${kustomizeFiles.length} files): ${percent(shares.kustomize)}`);
    expect(helmOutputs.length).toBeGreaterThanOrEqual(29);
    expect(kustomizeFiles.length).toBeGreaterThan(1000);
    expect(shares.chart.fast / shares.chart.bytes).toBeGreaterThan(0.95);
    expect(shares.kustomize.fast / shares.kustomize.bytes).toBeGreaterThan(0.95);
  });
});
