/** The parts of vendoring that need no helm: declarations, the lock, the digest, helm versions, an empty declaration. */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkChartSources } from '../../src/project/chart-source.ts';
import { treeDigest } from '../../src/charts/digest.ts';
import { checkHelmVersion, parseHelmVersion } from '../../src/charts/helm-version.ts';
import { checkVendored, formatLock, parseLock, type ChartLock } from '../../src/charts/lock.ts';
import { runCli, writeProject } from '../helpers/project.ts';

describe('checkChartSources', () => {
  test('accepts repositories, registries and folders', () => {
    const r = checkChartSources(
      [
        { name: 'a', repository: 'https://charts.example.com', version: '1.2.3' },
        { name: 'b', repository: 'oci://ghcr.io/x/charts', chart: 'bee', version: 'v1.0.0', plainHttp: true },
        { name: 'c', repository: './charts/c' },
      ],
      'kasane.config.ts',
    );
    expect(r.findings).toEqual([]);
    expect(r.sources.map((s) => s.name)).toEqual(['a', 'b', 'c']);
  });

  test('names every problem with its path', () => {
    const r = checkChartSources(
      [
        { name: 'A', repository: 'charts/a', version: '^1.0.0', verison: 'x' },
        { name: 'b', repository: 'https://x', version: '~1' },
        { name: 'b', repository: './b', version: '1.0.0' },
      ],
      'kasane.config.ts',
    );
    expect(r.findings.map((f) => `${f.code} ${f.path?.join('.')}: ${f.message}`)).toEqual([
      "config/invalid-chart charts.0.verison: unknown key 'verison' in charts[0] (did you mean 'version'?)",
      'config/invalid-chart charts.0.name: expected a lowercase DNS label as charts[0].name, found "A"',
      "config/invalid-chart charts.0.repository: expected charts[0].repository to be 'https://…', 'oci://…' or a folder starting with './', found \"charts/a\"",
      "config/invalid-chart charts.0.version: charts[0] is a chart folder: it takes no 'chart' or 'version'",
      'config/invalid-chart charts.1.version: expected an exact version as charts[1].version, found "~1"',
      "config/invalid-chart charts.2.version: charts[2] is a chart folder: it takes no 'chart' or 'version'",
      "config/duplicate-chart charts.2.name: chart 'b' is declared twice, at charts[1] and charts[2]",
    ]);
  });
});

describe('treeDigest', () => {
  test('hashes sorted paths and the hashes of their contents, whatever the order given', () => {
    const files = new Map([
      ['templates/b.yaml', Buffer.from('b')],
      ['Chart.yaml', Buffer.from('name: x')],
    ]);
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(treeDigest(files)).toBe(`sha256:${sha(`Chart.yaml\0${sha('name: x')}\ntemplates/b.yaml\0${sha('b')}\n`)}`);
    expect(treeDigest(new Map([...files].reverse()))).toBe(treeDigest(files));
  });
});

describe('the lock', () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  const lock: ChartLock = {
    charts: { web: { repository: 'https://x', chart: 'web', version: '1.0.0', digest, archiveDigest: digest }, db: { repository: './db', chart: 'db', version: '0.1.0', digest } },
  };

  test('is written with sorted keys and read back', () => {
    const text = formatLock(lock);
    expect(text.indexOf('"db"')).toBeLessThan(text.indexOf('"web"'));
    expect(parseLock(text)).toEqual({ lock: { charts: JSON.parse(text).charts } });
    expect('finding' in parseLock('{"lockVersion": 2}') && parseLock('{"lockVersion": 2}')).toMatchObject({ finding: { code: 'charts/lock-invalid' } });
  });

  test('tells missing, outdated and changed charts apart', () => {
    const sources = [
      { name: 'web', repository: 'https://x', version: '1.1.0' },
      { name: 'db', repository: './db' },
      { name: 'new', repository: './new' },
    ];
    const states = new Map([
      ['web', { digest }],
      ['db', { digest: `sha256:${'b'.repeat(64)}` }],
    ]);
    expect(checkVendored(sources, lock, states).map((f) => f.code)).toEqual(['charts/vendor-outdated', 'charts/vendor-changed', 'charts/not-vendored']);
  });
});

describe('helm versions', () => {
  test.each([
    ['v3.16.4', 'charts/helm-too-old'],
    ['v3.17.0', undefined],
    ['v3.18.0', 'charts/helm-unsupported'],
    ['v3.18.1', undefined],
    ['v4.1.4', undefined],
    ['v5.0.0', 'charts/helm-unsupported'],
  ])('%s', (text, code) => {
    expect(checkHelmVersion(parseHelmVersion(text)!, '/usr/bin/helm')?.code).toBe(code);
  });
});

describe('kasane vendor without charts', () => {
  test('says there is nothing to vendor and writes nothing', async () => {
    const dir = writeProject({ 'kasane.config.ts': 'export default {};\n' });
    const r = await runCli(['vendor'], dir, { PATH: '' });
    expect(r.stderr).toBe('no charts declared in kasane.config.ts (charts: [{ name, repository, version }]): nothing to vendor\n');
    expect(r.code).toBe(0);
    expect(readdirSync(dir).filter((e) => e !== 'node_modules')).toEqual(['kasane.config.ts']);
  });

  test('refuses a bad declaration with exit code 2', async () => {
    const dir = writeProject({ 'kasane.config.ts': "export default { charts: [{ name: 'web', repository: 'https://x', version: '^1' }] };\n" });
    const r = await runCli(['vendor'], dir, { PATH: '' });
    expect(r.stderr).toContain('expected an exact version as charts[0].version, found "^1"');
    expect(r.stderr).toContain('code: config/invalid-chart');
    expect(r.code).toBe(2);
  });
});
