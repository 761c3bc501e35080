/**
 * `kasane import --chart` from the command line on a real chart of the corpus (podinfo) with its
 * override values file: the project keeps the chart a chart component (declared, vendored with a
 * lock, typed values, the values passed through `.with`), renders what `helm template` prints for
 * the same values (checked by the import itself and again here against helm run by the test),
 * and stays a kasane project: `vendor --check`, `render --check` and a misspelt value.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { helmPath } from '../../scripts/helm-binaries.mjs';
import { runCli, snapshotTree } from '../helpers/project.ts';
import { corpus, helmEnv, installedLines } from '../charts/corpus.ts';

const line = installedLines.includes('4.1') ? '4.1' : installedLines.find((l) => l !== '3.18');
if (!line) console.warn('skipping the Helm release import tests: no supported Helm installed (run node scripts/helm-binaries.mjs)');
const home = mkdtempSync(path.join(tmpdir(), 'kasane-helm-home-'));
const env = helmEnv(home, line);
const podinfo = path.join(corpus, 'podinfo');

interface Doc {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
}

/** `Kind/namespace/name` of every object under `dir` (the rendered output), sorted. */
function renderedIds(dir: string): string[] {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.yaml') && e.name !== 'kustomization.yaml');
  return files
    .flatMap((f) => parseAllDocuments(readFileSync(path.join(f.parentPath, f.name), 'utf8')).map((d) => d.toJS() as Doc))
    .map((d) => `${d.kind}/${d.metadata.namespace ?? ''}/${d.metadata.name}`)
    .sort();
}

function work(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kasane-helm-import-'));
  cpSync(path.join(podinfo, 'chart'), path.join(dir, 'podinfo'), { recursive: true });
  cpSync(path.join(podinfo, 'values-override.yaml'), path.join(dir, 'prod.yaml'));
  writeFileSync(path.join(dir, 'replicas.yaml'), 'replicaCount: 5\n');
  return dir;
}

describe.skipIf(!line)('kasane import --chart', () => {
  let dir: string;
  let imported: { code: number; stdout: string; stderr: string };
  beforeAll(async () => {
    dir = work();
    imported = await runCli(['import', '--chart', 'podinfo', '-f', 'prod.yaml', '-f', 'replicas.yaml', '--release', 'web', '-n', 'apps', '--out', 'project'], dir, env);
  }, 120_000);

  test('writes a project that keeps the chart a chart component, and reports a zero diff against helm template', () => {
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/zero diff: 'main' renders the same \d+ objects as helm template/);
    const project = path.join(dir, 'project');
    expect(readFileSync(path.join(project, 'kasane.config.ts'), 'utf8')).toContain("charts: [{ name: 'podinfo', repository: './charts/podinfo' }]");
    const lock = JSON.parse(readFileSync(path.join(project, 'vendor/charts/charts.lock.json'), 'utf8')) as { charts: Record<string, { chart: string; digest: string }> };
    expect(lock.charts.podinfo!.chart).toBe('podinfo');
    expect(readFileSync(path.join(project, 'imports/charts/podinfo.ts'), 'utf8')).toContain(`digest: '${lock.charts.podinfo!.digest}'`);
    const component = readFileSync(path.join(project, 'components/podinfo.ts'), 'utf8');
    expect(component).toContain("helmChart({ name: 'podinfo', chart: podinfoChart, values: podinfoValues, release: 'web', namespace: 'apps' })");
    const environment = readFileSync(path.join(project, 'environments/main.ts'), 'utf8');
    // The later values file wins, as with helm.
    expect(environment).toContain('replicaCount: 5');
    expect(environment).toContain("message: 'Hello from the platform team'");
    // The zero-diff check compiles the project in a cache folder of its own: none is left in the project.
    expect(existsSync(path.join(project, 'node_modules'))).toBe(false);
  });

  test('the project renders from the command line what helm template prints for the same values files', async () => {
    const project = path.join(dir, 'project');
    for (const argv of [['vendor', '--check'], ['render']]) {
      const r = await runCli(argv, project, env);
      expect(r.code, r.stderr).toBe(0);
    }
    const kubeVersion = /kubernetesVersion: '([0-9.]+)'/.exec(readFileSync(path.join(project, 'kasane.config.ts'), 'utf8'))![1]!;
    const args = ['template', 'web', path.join(dir, 'podinfo'), '-n', 'apps', '-f', path.join(dir, 'prod.yaml'), '-f', path.join(dir, 'replicas.yaml'), '--kube-version', kubeVersion];
    const helmDocs = parseAllDocuments(execFileSync(helmPath(line!), args, { env, encoding: 'utf8' }))
      .map((d) => d.toJS() as Doc)
      .filter((d) => d !== null && !/test/.test(d.metadata.annotations?.['helm.sh/hook'] ?? ''));
    // podinfo's templates name no namespace: helm install puts every object into the release namespace.
    expect(renderedIds(path.join(project, 'rendered/main'))).toEqual(helmDocs.map((d) => `${d.kind}/apps/${d.metadata.name}`).sort());
    expect(renderedIds(path.join(project, 'rendered/main'))).toContain('HorizontalPodAutoscaler/apps/web-podinfo');
    const check = await runCli(['render', '--check'], project, env);
    expect(check.code, check.stderr).toBe(0);
  });

  test('values stay typed: a misspelt value in the environment is an error with a near match', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'kasane-helm-import-typo-'));
    cpSync(path.join(dir, 'project'), copy, { recursive: true });
    const file = path.join(copy, 'environments/main.ts');
    writeFileSync(file, `// @ts-nocheck\n${readFileSync(file, 'utf8').replace('replicaCount: 5', 'replicaCont: 5')}`);
    const r = await runCli(['render'], copy, env);
    expect(r.stderr).toContain("did you mean 'replicaCount'?");
    expect(r.code).toBe(2);
  });
});

test.skipIf(!line)(
  'kasane import --chart reads a packaged chart as helm package writes it',
  async () => {
    const dir = work();
    execFileSync(helmPath(line!), ['package', 'podinfo', '-d', '.'], { cwd: dir, env });
    const archive = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const r = await runCli(['import', '--chart', archive, '-f', 'prod.yaml', '--out', 'project'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/zero diff: 'main' renders the same \d+ objects as helm template/);
    // The archive's files, unpacked below the project's chart folder (helm package rewrites Chart.yaml, not the templates).
    const template = 'templates/deployment.yaml';
    expect(readFileSync(path.join(dir, 'project/charts/podinfo', template), 'utf8')).toBe(readFileSync(path.join(dir, 'podinfo', template), 'utf8'));
  },
  60_000,
);

test.skipIf(!line)(
  'a chart that prints random values fails the zero-diff check (exit 1) and says why; the value passed in imports with a zero diff',
  async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kasane-helm-import-random-'));
    mkdirSync(path.join(dir, 'chart/templates'), { recursive: true });
    writeFileSync(path.join(dir, 'chart/Chart.yaml'), 'apiVersion: v2\nname: random-password\nversion: 0.1.0\n');
    writeFileSync(path.join(dir, 'chart/values.yaml'), '# The password; generated when empty.\npassword: ""\n');
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: {{ .Values.password | default (randAlphaNum 24) | b64enc | quote }}\n';
    writeFileSync(path.join(dir, 'chart/templates/secret.yaml'), secret);
    writeFileSync(path.join(dir, 'fixed.yaml'), 'password: s3cret-value\n');
    const random = await runCli(['import', '--chart', 'chart', '--out', 'random'], dir, env);
    expect(random.stdout).toContain('main: Secret/default/db: 1 field differs');
    expect(random.stderr).toContain('code: charts/random-output');
    expect(random.stderr).toContain('pass them in through the values and import again');
    expect(random.code).toBe(1);
    const fixed = await runCli(['import', '--chart', 'chart', '-f', 'fixed.yaml', '--out', 'fixed'], dir, env);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(fixed.stderr).toContain("zero diff: 'main' renders the same 1 object as helm template");
    // The secret value is in the values the user gave; the import prints it nowhere.
    expect(fixed.stdout + fixed.stderr + random.stdout + random.stderr).not.toContain('s3cret-value');
  },
  60_000,
);

describe.skipIf(!line)('kasane import --chart refuses bad input with exit code 2 and writes nothing', () => {
  const cases: [string, (dir: string) => string[], string][] = [
    ['a missing chart', () => ['--chart', 'nothing-here'], "expected a chart at 'nothing-here', found nothing"],
    ['a folder that is not a chart', () => ['--chart', '.'], 'found no Chart.yaml'],
    ['an unreadable values file', () => ['--chart', 'podinfo', '-f', 'missing.yaml'], "cannot read values file 'missing.yaml': ENOENT"],
    [
      'a values file that is not a map',
      (dir) => (writeFileSync(path.join(dir, 'list.yaml'), '- a\n- b\n'), ['--chart', 'podinfo', '-f', 'list.yaml']),
      "values file 'list.yaml' holds a list, not a map",
    ],
    ['a misspelt value', (dir) => (writeFileSync(path.join(dir, 'typo.yaml'), 'replicaCont: 2\n'), ['--chart', 'podinfo', '-f', 'typo.yaml']), "did you mean 'replicaCount'?"],
    ['a chart that fails to render', (dir) => (writeFileSync(path.join(dir, 'podinfo/templates/broken.yaml'), '{{ .Values.nope.deeper }}\n'), ['--chart', 'podinfo']), 'helm template of'],
    ['paths and --chart together', () => ['prod.yaml', '--chart', 'podinfo'], 'expected either paths or --chart'],
  ];
  test.each(cases)('%s', async (_, argv, message) => {
    const dir = work();
    const args = argv(dir);
    const before = snapshotTree(dir);
    const r = await runCli(['import', ...args, '--out', 'project'], dir, env);
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(2);
    expect(existsSync(path.join(dir, 'project'))).toBe(false);
    expect(snapshotTree(dir)).toEqual(before);
  });
});

test('kasane import --chart without helm is an error naming what was looked for, and writes nothing', async () => {
  const dir = work();
  const r = await runCli(['import', '--chart', 'podinfo', '--out', 'project'], dir, { PATH: '', HOME: home, KASANE_HELM: path.join(dir, 'no-helm') });
  expect(r.stderr).toContain('no-helm');
  expect(r.stderr).toContain('charts/helm-not-found');
  expect(r.code).toBe(2);
  expect(existsSync(path.join(dir, 'project'))).toBe(false);
});
