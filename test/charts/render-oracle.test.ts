/**
 * renderChart against the committed `helm template` output of the corpus (scripts/oracle-helm.mjs):
 * for every chart and case, with each installed supported Helm, the same objects from the same
 * templates in the same order, field for field; the fields oracle.json records as random may
 * differ, and kasane must find them random too. The expected files are read with
 * scripts/helm-output.mjs, not with kasane's reader.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { diffValues, splitDocuments } from '../../scripts/helm-output.mjs';
import { findHelm, type HelmRunner } from '../../src/charts/helm-process.ts';
import { renderChart } from '../../src/charts/render-chart.ts';
import { caseApiVersions, caseValues, corpus, corpusChart, corpusCharts, helmEnv, installedLines, oracleOf } from './corpus.ts';

const SUPPORTED = installedLines.filter((l) => l !== '3.18');
if (SUPPORTED.length === 0) console.warn('skipping the chart oracle comparison: no supported Helm installed (run node scripts/helm-binaries.mjs)');
// Without a Helm the suite still holds its tests, skipped, so the run shows them as skipped
// (an empty describe.each would make the file an error: "No test suite found").
const LINES = SUPPORTED.length ? SUPPORTED : ['(no supported Helm installed)'];

interface Expected {
  key: string;
  value: Record<string, unknown>;
  test: boolean;
}

/** The oracle's objects keyed as kasane keys them (source, kind, position), List documents expanded. */
function expectedObjects(text: string): Expected[] {
  const counts = new Map<string, number>();
  const out: Expected[] = [];
  for (const doc of splitDocuments(text)) {
    // Read as YAML 1.1, as kubectl reads what helm prints (`defaultMode: 0755` is octal 493);
    // the script reads 1.2, where it is 755.
    const value = doc.value === null ? null : (parse(doc.text, { version: '1.1', uniqueKeys: false }) as Record<string, unknown> | null);
    if (value === null || typeof value !== 'object') continue;
    const items = typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items) ? (value.items as Record<string, unknown>[]) : [value];
    for (const item of items) {
      const k = `${doc.source}\0${String(item.kind)}`;
      const index = counts.get(k) ?? 0;
      counts.set(k, index + 1);
      const hook = String((item.metadata as { annotations?: Record<string, string> } | undefined)?.annotations?.['helm.sh/hook'] ?? '');
      out.push({ key: `${k}\0${index}`, value: item, test: /\btest(-success|-failure)?\b/.test(hook) });
    }
  }
  return out;
}

/** oracle.json random keys (`source:kind:n`) in kasane's form. */
const randomKey = (key: string): string => {
  const [source, kind, n] = key.split(/:(?=[^:]*:[^:]*$)|:(?=[^:]*$)/);
  return `${source}\0${kind}\0${n}`;
};

describe.skipIf(SUPPORTED.length === 0).each(LINES)('renderChart with Helm %s', (line) => {
  let helm: HelmRunner;
  const home = mkdtempSync(path.join(tmpdir(), 'kasane-helm-home-'));

  test.each(corpusCharts)('prints what helm template printed for %s', async (name) => {
    helm ??= await findHelm({ env: helmEnv(home, line), cwd: corpus });
    const oracle = oracleOf(name);
    const chart = await corpusChart(name);
    for (const [caseName, c] of Object.entries(oracle.cases)) {
      const render = await renderChart(
        chart,
        { release: oracle.release, namespace: oracle.namespace, kubeVersion: oracle.kubeVersion, values: caseValues(name, c), apiVersions: caseApiVersions(c) },
        helm,
      );
      const expectedText = readFileSync(path.join(corpus, name, 'expected', c.outputs[line]!), 'utf8');
      if (c.failed) {
        expect(
          render.findings.map((f) => f.code),
          caseName,
        ).toEqual(['charts/render-failed']);
        expect(render.findings[0]!.message, caseName).toContain(expectedText.split('\n')[0]!.replace(/^Error: /, ''));
        continue;
      }
      expect(
        render.findings.filter((f) => f.severity === 'error'),
        caseName,
      ).toEqual([]);
      const expected = expectedObjects(expectedText);
      const ours = new Map(render.objects.map((o) => [`${o.source}\0${o.object.kind}\0${o.index}`, o]));
      expect([...ours.keys()], `${name} ${caseName}: objects in order`).toEqual(expected.filter((e) => !e.test).map((e) => e.key));
      expect(render.dropped.map((d) => `${d.source}\0${d.object.kind}\0${d.index}`).sort(), `${name} ${caseName}: tests dropped`).toEqual(
        expected
          .filter((e) => e.test)
          .map((e) => e.key)
          .sort(),
      );
      const random = new Map((c.random ?? []).map((r) => [randomKey(r.key), r.paths]));
      for (const e of expected.filter((x) => !x.test)) {
        const masked = new Set(random.get(e.key) ?? []);
        const diffs = diffValues(e.value, ours.get(e.key)!.object).filter((d) => !masked.has(d.path));
        expect(diffs, `${name} ${caseName} ${e.key.replaceAll('\0', ' ')}`).toEqual([]);
      }
      // Every random object the oracle saw (tests aside) is reported, and nothing else.
      const found = new Map(render.random.map((r) => [`${r.entry.source}\0${r.entry.object.kind}\0${r.entry.index}`, r]));
      const expectedRandom = [...random.keys()].filter((k) => expected.some((e) => e.key === k && !e.test)).sort();
      expect([...found.keys()].sort(), `${name} ${caseName}: random objects`).toEqual(expectedRandom);
      expect(render.findings.filter((f) => f.code === 'charts/random-output').length).toBe(expectedRandom.length);
    }
  });
});
