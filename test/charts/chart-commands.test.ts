/**
 * The chart commands on a real project: vendored chart folders rendered with checked values by
 * `chart-template`, typed by `chart-types`, and each kind of bad input a clear error with exit
 * code 2 and nothing printed on stdout.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { helmPath } from '../../scripts/helm-binaries.mjs';
import { runCli, writeProject } from '../helpers/project.ts';
import { corpus, helmEnv, installedLines } from './corpus.ts';

const line = installedLines.includes('4.1') ? '4.1' : installedLines.find((l) => l !== '3.18');
if (!line) console.warn('skipping the chart command tests: no supported Helm installed (run node scripts/helm-binaries.mjs)');
const env = helmEnv(mkdtempSync(path.join(tmpdir(), 'kasane-helm-home-')), line);

describe.skipIf(!line)('chart commands', () => {
  let dir: string;
  beforeAll(async () => {
    dir = writeProject({
      'kasane.config.ts': `export default { kubernetesVersion: '1.30', charts: [{ name: 'podinfo', repository: './charts/podinfo' }, { name: 'lbc', repository: './charts/lbc' }] };\n`,
      'values-prod.yaml': 'replicaCount: 3\nhooks:\n  preInstall:\n    job:\n      enabled: true\n',
      'values-typo.yaml': 'replicaCount: 2\n\nreplicaCont: 3\n',
      'values-type.yaml': 'image:\n  tag: 6.14.1\n  pullPolicy: [Always]\n',
    });
    cpSync(path.join(corpus, 'podinfo/chart'), path.join(dir, 'charts/podinfo'), { recursive: true });
    cpSync(path.join(corpus, 'aws-load-balancer-controller/chart'), path.join(dir, 'charts/lbc'), { recursive: true });
    const vendored = await runCli(['vendor'], dir, env);
    expect(vendored.code, vendored.stderr).toBe(0);
  });

  test('chart-template prints the objects with their templates, and leaves Helm tests out', async () => {
    const r = await runCli(['chart-template', 'podinfo', '-f', 'values-prod.yaml', '-n', 'web'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS() as { kind: string; spec?: { replicas?: number } });
    expect(docs.map((d) => d.kind)).toEqual(['Service', 'Deployment', 'Job']);
    expect(docs[1]!.spec!.replicas).toBe(3);
    expect(r.stdout).toContain('# chart podinfo, template templates/deployment.yaml\n');
    expect(r.stdout).toContain('# chart podinfo, template templates/hooks/job.yaml, helm hook pre-install (keep)\n');
    expect(r.stderr).toContain('note: dropped Pod/web/podinfo-grpc-test-');
    expect(r.stderr).toContain('a Helm test (test-success): tests are never rendered; run them with helm test');
    expect(r.stderr).toMatch(/rendered chart 'podinfo' with helm v\d+\.\d+\.\d+: 3 objects, 3 dropped\n$/);
  });

  test('chart-template rewrites hooks for Argo CD when asked', async () => {
    const r = await runCli(['chart-template', 'podinfo', '-f', 'values-prod.yaml', '--hooks', 'argocd'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const job = parseAllDocuments(r.stdout)
      .map((d) => d.toJS() as { kind: string; metadata: { annotations?: Record<string, string> } })
      .find((d) => d.kind === 'Job')!;
    expect(job.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'PreSync' });
    expect(Object.keys(job.metadata.annotations!).filter((k) => k.startsWith('helm.sh/hook'))).toEqual([]);
  });

  test('a misspelt value is an error with its file, line and the near match', async () => {
    const r = await runCli(['chart-template', 'podinfo', '-f', 'values-typo.yaml'], dir, env);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("error: replicaCont: chart 'podinfo' has no value 'replicaCont' (did you mean 'replicaCount'?) (values-typo.yaml:3)");
    expect(r.stderr).toContain('code: charts/unknown-value');
    expect(r.code).toBe(2);
  });

  test('a value of the wrong type is an error', async () => {
    const r = await runCli(['chart-template', 'podinfo', '-f', 'values-type.yaml'], dir, env);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("error: image.pullPolicy: chart 'podinfo' value 'image.pullPolicy': expected string, received array (values-type.yaml:3)");
    expect(r.stderr).toContain('code: charts/invalid-value');
    expect(r.code).toBe(2);
  });

  test("a chart that fails to render is an error with helm's message", async () => {
    const r = await runCli(['chart-template', 'lbc'], dir, env);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      "error: chart 'lbc' failed to render: execution error at (aws-load-balancer-controller/templates/deployment.yaml:67:28): Chart cannot be installed without a valid clusterName!",
    );
    expect(r.stderr).toContain('code: charts/render-failed');
    expect(r.code).toBe(2);
  });

  test('chart-types writes a module per chart and names unknown charts with a near match', async () => {
    const r = await runCli(['chart-types', 'podinfo'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('podinfo: podinfo 6.14.1 → imports/charts/podinfo.ts (from values.yaml)');
    const module = readFileSync(path.join(dir, 'imports/charts/podinfo.ts'), 'utf8');
    expect(module).toContain('export const podinfoValues = z.strictObject({');
    expect(module).toContain('export type PodinfoValues = z.input<typeof podinfoValues>;');
    const bad = await runCli(['chart-types', 'podinf'], dir, env);
    expect(bad.stderr).toContain("error: no chart 'podinf' is declared in kasane.config.ts (did you mean 'podinfo'?)");
    expect(bad.code).toBe(2);
  });

  test('a changed or missing vendor folder is an error naming the chart and kasane vendor', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'kasane-vendor-copy-'));
    cpSync(dir, copy, { recursive: true });
    writeFileSync(path.join(copy, 'vendor/charts/podinfo/templates/service.yaml'), 'kind: Service\n');
    const changed = await runCli(['chart-template', 'podinfo'], copy, env);
    expect(changed.stdout).toBe('');
    expect(changed.stderr).toContain("error: chart 'podinfo' in 'vendor/charts' was changed after it was vendored");
    expect(changed.stderr).toContain('fix: run `kasane vendor`');
    expect(changed.code).toBe(2);
    rmSync(path.join(copy, 'vendor'), { recursive: true });
    const missing = await runCli(['chart-template', 'podinfo'], copy, env);
    expect(missing.stderr).toContain("error: chart 'podinfo' is declared in kasane.config.ts but not vendored: 'vendor/charts/charts.lock.json' has no entry for it");
    expect(missing.stderr).toContain('code: charts/not-vendored');
    expect(missing.code).toBe(2);
  });

  test('a missing or refused helm is an error with the version found and needed', async () => {
    const none = await runCli(['chart-template', 'podinfo'], dir, { ...env, KASANE_HELM: '/nonexistent/helm' });
    expect(none.stderr).toContain("error: cannot run helm: '/nonexistent/helm' is not an executable file; kasane needs Helm 3.17.0 or later (3.x or 4.x)");
    expect(none.code).toBe(2);
    if (installedLines.includes('3.18')) {
      const refused = await runCli(['chart-template', 'podinfo'], dir, { ...env, KASANE_HELM: helmPath('3.18') });
      expect(refused.stderr).toContain(`error: Helm v3.18.0 at '${helmPath('3.18')}' reads numbers in a chart's values.yaml as strings (helm#30880)`);
      expect(refused.stderr).toContain('code: charts/helm-unsupported');
      expect(refused.code).toBe(2);
    }
  });
});
