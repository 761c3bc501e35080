/**
 * The Helm chart corpus (test/fixtures/helm-charts/) as the chart tests use it: charts, cases,
 * oracle records, and the installed Helm binaries (scripts/helm-binaries.mjs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { helmPath } from '../../scripts/helm-binaries.mjs';
import { readChartFolder } from '../../src/charts/vendor-fs.ts';
import type { VendoredChart } from '../../src/charts/render-chart.ts';

export const repo = path.resolve(import.meta.dirname, '../..');
export const corpus = path.join(repo, 'test/fixtures/helm-charts');

/** The corpus charts, sorted. */
export const corpusCharts = readdirSync(corpus, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** One case of a chart's oracle.json. */
export interface OracleCase {
  args: string[];
  outputs: Record<string, string>;
  failed: boolean;
  random?: { key: string; kind: string; name: string; paths: string[] }[];
}

/** A chart's oracle.json. */
export interface Oracle {
  chart: string;
  release: string;
  namespace: string;
  kubeVersion: string;
  helm: Record<string, string>;
  cases: Record<string, OracleCase>;
}

export function oracleOf(chart: string): Oracle {
  return JSON.parse(readFileSync(path.join(corpus, chart, 'expected/oracle.json'), 'utf8')) as Oracle;
}

/** The values of a case: the override file read as YAML 1.1 (as Helm reads it), or none. */
export function caseValues(chart: string, c: OracleCase): Record<string, unknown> {
  const at = c.args.indexOf('-f');
  if (at < 0) return {};
  return parse(readFileSync(path.join(corpus, chart, c.args[at + 1]!), 'utf8'), { version: '1.1' }) as Record<string, unknown>;
}

/** The `--api-versions` of a case. */
export function caseApiVersions(c: OracleCase): string[] {
  return c.args.flatMap((a, i) => (c.args[i - 1] === '--api-versions' ? [a] : []));
}

/** The corpus chart's folder as a vendored chart. */
export async function corpusChart(chart: string): Promise<VendoredChart> {
  const dir = path.join(corpus, chart, 'chart');
  const read = await readChartFolder(dir);
  return { name: chart, dir, files: read!.files };
}

/** Helm lines (3.17, 3.18, 4.1) whose binary is installed. */
export const installedLines = ['3.17', '3.18', '4.1'].filter((line) => existsSync(helmPath(line)));

/** The process environment a test runs helm with: an empty HOME, so no user configuration applies. */
export function helmEnv(home: string, line?: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    HELM_CACHE_HOME: path.join(home, 'cache'),
    HELM_CONFIG_HOME: path.join(home, 'config'),
    HELM_DATA_HOME: path.join(home, 'data'),
    ...(line ? { KASANE_HELM: helmPath(line) } : {}),
  };
}
