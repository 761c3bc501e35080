/**
 * A chart component from the command line on a real chart of the corpus (podinfo): vendored,
 * typed by `chart-types`, declared with `helmChart`, given values per environment, rendered by
 * helm and then patched, labelled and namespaced like any component's objects; `explain` names
 * the chart and template. The objects are compared with what `helm template` itself prints for
 * the same values.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { helmPath } from '../../scripts/helm-binaries.mjs';
import { runCli, writeProject } from '../helpers/project.ts';
import { corpus, helmEnv, installedLines } from './corpus.ts';

const line = installedLines.includes('4.1') ? '4.1' : installedLines.find((l) => l !== '3.18');
if (!line) console.warn('skipping the chart component tests: no supported Helm installed (run node scripts/helm-binaries.mjs)');
const home = mkdtempSync(path.join(tmpdir(), 'kasane-helm-home-'));
const env = helmEnv(home, line);

interface Doc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { replicas?: number; template?: { metadata?: { labels?: Record<string, string> } } };
}

const PROD = `
  import { defineEnvironment, patch } from 'kasane';
  import base from './base.ts';
  import podinfo from '../components/podinfo.ts';

  export default defineEnvironment({
    name: 'prod',
    extends: base,
    namespace: 'web',
    labels: { team: 'web' },
    components: [podinfo.with({ replicaCount: 3, ui: { message: 'hello prod' }, hooks: { preInstall: { job: { enabled: true } } } })],
    patches: [
      patch('Deployment', 'podinfo', (d) => {
        d.metadata!.annotations = { ...d.metadata!.annotations, 'example.com/owner': 'web-team' };
      }),
    ],
  });
`;

/** The documents of every file under `dir`, in file order. */
function renderedDocs(dir: string): Doc[] {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.yaml'));
  return files.flatMap((f) =>
    parseAllDocuments(readFileSync(path.join(f.parentPath, f.name), 'utf8'))
      .map((d) => d.toJS() as Doc)
      .filter((d) => d !== null && d.kind !== 'Kustomization'),
  );
}

describe.skipIf(!line)('a chart component', () => {
  let dir: string;
  beforeAll(async () => {
    dir = writeProject({
      'kasane.config.ts': `export default { kubernetesVersion: '1.30.0', out: 'rendered', charts: [{ name: 'podinfo', repository: './charts/podinfo' }] };\n`,
      'components/podinfo.ts': `
        import { helmChart } from 'kasane';
        import { podinfoChart, podinfoValues } from '../imports/charts/podinfo.ts';

        export default helmChart({ name: 'podinfo', chart: podinfoChart, values: podinfoValues });
      `,
      'environments/base.ts': `
        import { defineEnvironment } from 'kasane';
        import podinfo from '../components/podinfo.ts';

        export default defineEnvironment({ name: 'base', abstract: true, components: [podinfo] });
      `,
      'environments/prod.ts': PROD,
      // Declared without the generated module: values are checked against the vendored chart.
      'components/canary.ts': `
        import { helmChart } from 'kasane';

        export default helmChart({ name: 'canary', chart: 'podinfo', hooks: 'drop' });
      `,
      'environments/canary.ts': `
        import { defineEnvironment } from 'kasane';
        import canary from '../components/canary.ts';

        export default defineEnvironment({ name: 'canary', namespace: 'canary', components: [canary.with({ hooks: { preInstall: { job: { enabled: true } } } })] });
      `,
    });
    cpSync(path.join(corpus, 'podinfo/chart'), path.join(dir, 'charts/podinfo'), { recursive: true });
    for (const argv of [['vendor'], ['chart-types', 'podinfo']]) {
      const r = await runCli(argv, dir, env);
      expect(r.code, r.stderr).toBe(0);
    }
  }, 60_000);

  test('renders the chart with the environment values, then patches, labels and namespaces its objects', async () => {
    const r = await runCli(['render', 'prod'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const docs = renderedDocs(path.join(dir, 'rendered/prod'));
    // What helm itself prints for the same values, tests left out (kasane never renders them).
    const helmOut = execFileSync(
      helmPath(line!),
      [
        'template',
        'podinfo',
        path.join(dir, 'vendor/charts/podinfo'),
        '--namespace',
        'web',
        '--kube-version',
        '1.30.0',
        '--set',
        'replicaCount=3',
        '--set',
        'ui.message=hello prod',
        '--set',
        'hooks.preInstall.job.enabled=true',
      ],
      {
        env,
        encoding: 'utf8',
      },
    );
    const helmDocs = parseAllDocuments(helmOut)
      .map((d) => d.toJS() as Doc)
      .filter((d) => d !== null && !/test/.test(d.metadata.annotations?.['helm.sh/hook'] ?? ''));
    const ids = (list: Doc[]) => list.map((d) => `${d.kind}/${d.metadata.name}`).sort();
    expect(ids(docs)).toEqual(ids(helmDocs));
    expect(ids(docs)).toEqual(['Deployment/podinfo', 'Job/podinfo-pre-install', 'Service/podinfo']);
    const deployment = docs.find((d) => d.kind === 'Deployment')!;
    const fromHelm = helmDocs.find((d) => d.kind === 'Deployment')!;
    expect(deployment.spec!.replicas).toBe(3);
    expect(deployment.metadata.namespace).toBe('web');
    expect(deployment.metadata.labels).toEqual({ ...fromHelm.metadata.labels, team: 'web' });
    expect(deployment.metadata.annotations).toMatchObject({ 'example.com/owner': 'web-team' });
    expect(deployment.spec!.template!.metadata!.labels).toEqual({ ...fromHelm.spec!.template!.metadata!.labels, team: 'web' });
    // Apart from what the environment changed, the object is helm's.
    const strip = (d: Doc) => JSON.parse(JSON.stringify(d, (k, v) => (k === 'labels' || k === 'annotations' || k === 'namespace' || k === 'selector' ? undefined : v)));
    expect(strip(deployment)).toEqual(strip(fromHelm));
    const check = await runCli(['render', 'prod', '--check'], dir, env);
    expect(check.code, check.stderr).toBe(0);
  });

  test('render --timings shows the chart step beside the stages', async () => {
    const r = await runCli(['render', 'prod', '--timings', '--out', path.join(dir, 'timed')], dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^prod: charts [0-9.]+ ms, .*build [0-9.]+ ms/m);
  });

  test('explain names the chart and the template, and the values layer', async () => {
    const r = await runCli(['explain', 'prod', 'Deployment/podinfo', 'spec.replicas'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("from chart 'podinfo', template templates/deployment.yaml");
    expect(r.stdout).toContain('components/podinfo.ts');
    expect(r.stdout).toContain('"replicaCount":3');
    const hook = await runCli(['explain', 'prod', 'Job/podinfo-pre-install'], dir, env);
    expect(hook.code, hook.stderr).toBe(0);
    expect(hook.stdout).toContain("from chart 'podinfo', template templates/hooks/job.yaml, a Helm hook (pre-install) kept by hook policy 'keep'");
  });

  test('a hook the policy drops is not rendered, and explain says why', async () => {
    const r = await runCli(['render', 'canary'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    expect(renderedDocs(path.join(dir, 'rendered/canary')).map((d) => `${d.kind}/${d.metadata.namespace}/${d.metadata.name}`)).toEqual([
      'Deployment/canary/canary-podinfo',
      'Service/canary/canary-podinfo',
    ]);
    const dropped = await runCli(['explain', 'canary', 'Job/canary-podinfo-pre-install'], dir, env);
    expect(dropped.stderr).toContain("Job 'canary-podinfo-pre-install' of chart 'podinfo' (template templates/hooks/job.yaml) is not rendered in environment 'canary'");
    expect(dropped.stderr).toContain('code: cli/dropped-object');
    expect(dropped.code).toBe(2);
  });

  test('a misspelt value is an error naming the environment file and the near match, and writes nothing', async () => {
    const typo = writeProject(
      {
        'environments/prod.ts': PROD.replace('replicaCount: 3', 'replicaCont: 3').replace(
          "import { defineEnvironment, patch } from 'kasane';",
          "import { defineEnvironment, patch } from 'kasane';\n// @ts-nocheck",
        ),
      },
      copyOf(dir),
    );
    const r = await runCli(['render', 'prod'], typo, env);
    expect(r.stderr).toContain('replicaCont');
    expect(r.stderr).toContain("did you mean 'replicaCount'?");
    expect(r.stderr).toContain('environments/prod.ts');
    expect(r.code).toBe(2);
    expect(existsSync(path.join(typo, 'rendered'))).toBe(false);
  });

  test('values typed from other files than those vendored are checked against the vendored chart, with a warning', async () => {
    const stale = copyOf(dir);
    const module = path.join(stale, 'imports/charts/podinfo.ts');
    writeFileSync(module, readFileSync(module, 'utf8').replace(/digest: 'sha256:[0-9a-f]{64}'/, `digest: 'sha256:${'0'.repeat(64)}'`));
    const r = await runCli(['render', 'prod'], stale, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`the values module of chart 'podinfo' was generated from files with digest sha256:${'0'.repeat(64)}, but the vendored chart has digest sha256:`);
    expect(r.stderr).toContain('code: charts/stale-types');
  });

  test('a chart that was changed after vendoring is an error naming kasane vendor, and writes nothing', async () => {
    const changed = writeProject({ 'vendor/charts/podinfo/templates/service.yaml': 'kind: Service\n' }, copyOf(dir));
    const r = await runCli(['render', 'prod'], changed, env);
    expect(r.stderr).toContain("chart 'podinfo' in 'vendor/charts' was changed after it was vendored");
    expect(r.stderr).toContain('kasane vendor');
    expect(r.code).toBe(2);
    expect(existsSync(path.join(changed, 'rendered'))).toBe(false);
  });
});

function copyOf(dir: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'kasane-chart-copy-'));
  cpSync(dir, copy, { recursive: true });
  for (const out of ['rendered']) if (existsSync(path.join(copy, out))) execFileSync('rm', ['-r', path.join(copy, out)]);
  return copy;
}

describe.skipIf(!line)("a chart component's CRDs", () => {
  const CRD = `
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: widgets.example.com
    spec:
      group: example.com
      scope: Namespaced
      names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }
      versions:
      - name: v1
        served: true
        storage: true
        schema:
          openAPIV3Schema:
            type: object
            properties:
              spec:
                type: object
                properties:
                  size: { type: integer }
  `;
  const project = (includeCrds: boolean, size: string) =>
    writeProject({
      'kasane.config.ts': `export default { kubernetesVersion: '1.30.0', out: 'rendered', charts: [{ name: 'widgets', repository: './charts/widgets' }] };\n`,
      'charts/widgets/Chart.yaml': 'apiVersion: v2\nname: widgets\nversion: 1.0.0\n',
      'charts/widgets/values.yaml': 'size: "1"\n',
      'charts/widgets/crds/widget.yaml': CRD,
      'charts/widgets/templates/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: small\nspec:\n  size: {{ .Values.size }}\n',
      'components/widgets.ts': `
        import { helmChart } from 'kasane';

        export default helmChart({ name: 'widgets', chart: 'widgets', includeCrds: ${includeCrds} });
      `,
      'environments/dev.ts': `
        import { defineEnvironment } from 'kasane';
        import widgets from '../components/widgets.ts';

        export default defineEnvironment({ name: 'dev', namespace: 'dev', components: [widgets.with({ size: ${size} })] });
      `,
    });

  test('renders the crds/ files and puts the custom resource in the release namespace', async () => {
    const dir = project(true, "'3'");
    expect((await runCli(['vendor'], dir, env)).code).toBe(0);
    const r = await runCli(['render', 'dev'], dir, env);
    expect(r.code, r.stderr).toBe(0);
    const docs = renderedDocs(path.join(dir, 'rendered/dev'));
    expect(docs.map((d) => `${d.kind}/${d.metadata.namespace ?? ''}/${d.metadata.name}`).sort()).toEqual(['CustomResourceDefinition//widgets.example.com', 'Widget/dev/small']);
  });

  test('validates the custom resource by the CRD even when the CRD is left out, naming the template', async () => {
    const dir = project(false, "'big'");
    expect((await runCli(['vendor'], dir, env)).code).toBe(0);
    const r = await runCli(['render', 'dev'], dir, env);
    expect(r.stderr).toContain('Widget/dev/small');
    expect(r.stderr).toContain('spec.size');
    expect(r.stderr).toContain('also: vendor/charts/widgets/templates/widget.yaml');
    expect(r.code).toBe(1);
    expect(existsSync(path.join(dir, 'rendered'))).toBe(false);
    const fine = project(false, "'2'");
    expect((await runCli(['vendor'], fine, env)).code).toBe(0);
    const ok = await runCli(['render', 'dev'], fine, env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(renderedDocs(path.join(fine, 'rendered/dev')).map((d) => d.kind)).toEqual(['Widget']);
  });

  test('a chart vendored again with other templates renders again: the render cache keys on what helm printed', async () => {
    const dir = project(false, "'2'");
    expect((await runCli(['vendor'], dir, env)).code).toBe(0);
    expect((await runCli(['render', 'dev'], dir, env)).code).toBe(0);
    writeProject({ 'charts/widgets/templates/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: large\nspec:\n  size: {{ .Values.size }}\n' }, dir);
    expect((await runCli(['vendor'], dir, env)).code).toBe(0);
    const again = await runCli(['render', 'dev'], dir, env);
    expect(again.code, again.stderr).toBe(0);
    expect(renderedDocs(path.join(dir, 'rendered/dev')).map((d) => d.metadata.name)).toEqual(['large']);
  });
});
