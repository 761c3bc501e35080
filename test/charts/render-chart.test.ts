/**
 * renderChart and its parts with a stand-in for helm: output reading, the hook and test policy,
 * the random check, the document cache and the arguments helm gets.
 */
import { describe, expect, test } from 'vitest';
import { dedent } from '../helpers/project.ts';
import { parseHelmOutput, type DocumentCache } from '../../src/charts/helm-output.ts';
import type { HelmResult } from '../../src/charts/helm-process.ts';
import { applyHookPolicy } from '../../src/charts/hooks.ts';
import { changingFunctions } from '../../src/charts/random.ts';
import { fullKubeVersion, helmTemplateArgs, renderChart, type VendoredChart } from '../../src/charts/render-chart.ts';

const chart = (files: Record<string, string> = {}): VendoredChart => ({ name: 'web', dir: '/charts/web', files: new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])) });

/** A helm that prints the given outputs, one per call, and records its calls. */
function fakeHelm(...outputs: (string | HelmResult)[]) {
  const calls: { args: readonly string[]; stdin: string }[] = [];
  return {
    calls,
    run: async (args: readonly string[], options: { stdin?: string } = {}): Promise<HelmResult> => {
      calls.push({ args, stdin: options.stdin ?? '' });
      const out = outputs[Math.min(calls.length - 1, outputs.length - 1)]!;
      return typeof out === 'string' ? { status: 0, stdout: out, stderr: '' } : out;
    },
  };
}

const doc = (source: string, body: string) => `---\n# Source: ${source}\n${dedent(body)}`;

describe('parseHelmOutput', () => {
  test('keeps the template of each object, reads crds/ files whole, expands Lists and skips comment-only documents', () => {
    const output = [
      doc(
        'web/crds/crds.yaml',
        `
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: { name: a.example.com }
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: { name: b.example.com }
      `,
      ),
      doc('web/templates/pdb.yaml', '# only a comment\n'),
      doc('web/charts/db/templates/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n'),
      doc('web/templates/class.yaml', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: networking.k8s.io/v1\n  kind: IngressClass\n  metadata: { name: alb }\n'),
    ].join('');
    const { objects, findings } = parseHelmOutput(output);
    expect(findings).toEqual([]);
    expect(objects.map((o) => [o.object.kind, o.object.metadata.name, o.template, o.crd, o.index])).toEqual([
      ['CustomResourceDefinition', 'a.example.com', 'crds/crds.yaml', true, 0],
      ['CustomResourceDefinition', 'b.example.com', 'crds/crds.yaml', true, 1],
      ['Service', 'db', 'charts/db/templates/svc.yaml', false, 0],
      ['IngressClass', 'alb', 'templates/class.yaml', false, 0],
    ]);
  });

  test('reports a document that is not an object and one with a repeated key', () => {
    const { objects, findings } = parseHelmOutput(
      doc('web/templates/a.yaml', 'kind: ConfigMap\ndata: {}\n') + doc('web/templates/b.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  name: c\n'),
    );
    expect(findings.map((f) => `${f.severity} ${f.code} ${f.message}`)).toEqual([
      "error charts/invalid-object template 'web/templates/a.yaml' printed an object without apiVersion, metadata.name, not a Kubernetes object",
      `error charts/invalid-output template 'web/templates/b.yaml' printed YAML kasane cannot read: expected each key once in a map, found "name" twice`,
    ]);
    // kubectl refuses a repeated key: the document is not read.
    expect(objects).toEqual([]);
  });

  test('reads a cached document from the cache, as a copy of its own', () => {
    const big = doc('web/templates/cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  a: "${'x'.repeat(2000)}"\n`);
    const store = new Map<string, string>();
    let hits = 0;
    const cache: DocumentCache = { get: (k) => (store.has(k) ? (hits++, store.get(k)) : undefined), set: (k, v) => store.set(k, v) };
    const first = parseHelmOutput(big, cache).objects[0]!.object;
    const second = parseHelmOutput(big, cache).objects[0]!.object;
    expect(hits).toBe(1);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });
});

describe('applyHookPolicy', () => {
  const hook = (name: string, annotations: Record<string, string>) => ({
    object: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name, annotations } },
    source: `web/templates/${name}.yaml`,
    template: `templates/${name}.yaml`,
    crd: false,
    index: 0,
  });
  const objects = [
    hook('migrate', { 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' }),
    hook('test', { 'helm.sh/hook': 'test' }),
    hook('undo', { 'helm.sh/hook': 'pre-rollback' }),
    hook('plain', {}),
  ];

  test('keep leaves hooks as they are and drops tests and rollback hooks', () => {
    const r = applyHookPolicy(objects, 'keep');
    expect(r.objects.map((o) => [o.object.metadata.name, o.hook?.policy])).toEqual([
      ['migrate', 'keep'],
      ['plain', undefined],
    ]);
    expect(r.objects[0]!.object).toBe(objects[0]!.object);
    expect(r.dropped.map((d) => `${d.object.metadata.name}: ${d.reason}`)).toEqual([
      'test: a Helm test (test): tests are never rendered; run them with helm test',
      'undo: a rollback hook (pre-rollback): GitOps tools have no rollback phase',
    ]);
  });

  test('drop leaves out every hook', () => {
    expect(applyHookPolicy(objects, 'drop').objects.map((o) => o.object.metadata.name)).toEqual(['plain']);
  });

  test('argocd rewrites the hook annotations to Argo CD ones', () => {
    const migrate = applyHookPolicy(objects, 'argocd').objects[0]!.object;
    expect(migrate.metadata.annotations).toEqual({
      'argocd.argoproj.io/hook': 'PreSync',
      'argocd.argoproj.io/sync-wave': '-5',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation,HookSucceeded',
    });
    expect(objects[0]!.object.metadata.annotations['helm.sh/hook']).toBe('pre-install,pre-upgrade');
  });
});

describe('renderChart', () => {
  const cm = (name: string, data: string) => doc('web/templates/cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  token: ${data}\n`);
  const dep = (sum: string) =>
    doc('web/templates/dep.yaml', `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      annotations:\n        checksum/config: ${sum}\n`);
  const random = chart({ 'templates/cm.yaml': 'token: {{ randAlphaNum 8 }}' });

  test('passes the release, namespace, full Kubernetes version, CRDs and values on stdin', async () => {
    const helm = fakeHelm(cm('a', 'x'));
    const r = await renderChart(chart(), { release: 'web', namespace: 'shop', kubeVersion: '1.30', values: { replicas: 2 }, apiVersions: ['monitoring.coreos.com/v1'] }, helm);
    expect(r.findings).toEqual([]);
    expect(helm.calls).toEqual([
      {
        args: ['template', 'web', '/charts/web', '--namespace', 'shop', '--kube-version', '1.30.0', '--include-crds', '-f', '-', '--api-versions', 'monitoring.coreos.com/v1'],
        stdin: '{"replicas":2}',
      },
    ]);
  });

  test('skips schema validation when a schema refers to a URL, so that helm 4 fetches nothing', () => {
    const args = helmTemplateArgs(chart({ 'values.schema.json': '{"$ref": "https://example.com/s.json"}' }), { release: 'r', namespace: 'n', kubeVersion: '1.30', includeCrds: false }, '1.30.0');
    expect(args).toEqual(['template', 'r', '/charts/web', '--namespace', 'n', '--kube-version', '1.30.0', '--skip-schema-validation']);
  });

  test('reports the fields that differ between two renders, the checksum derived from them last', async () => {
    const r = await renderChart(random, { release: 'r', namespace: 'n', kubeVersion: '1.30.0' }, fakeHelm(cm('a', 'x1') + dep('aaa'), cm('a', 'x2') + dep('bbb')));
    expect(r.findings.map((f) => `${f.code} ${f.object?.kind}: ${f.message.split(' on every')[0]}`)).toEqual([
      "charts/random-output ConfigMap: chart 'web' prints different 'data.token'",
      "charts/random-output Deployment: chart 'web' prints different 'spec.template.metadata.annotations[\"checksum/config\"]'",
    ]);
  });

  test('renders once when no template names a random function, and twice with the same output finds nothing', async () => {
    const once = fakeHelm(cm('a', 'x'));
    expect((await renderChart(chart({ 'templates/cm.yaml': 'token: {{ .Values.t }}' }), { release: 'r', namespace: 'n', kubeVersion: '1.30.0' }, once)).random).toEqual([]);
    expect(once.calls.length).toBe(1);
    const twice = fakeHelm(cm('a', 'x'));
    expect((await renderChart(random, { release: 'r', namespace: 'n', kubeVersion: '1.30.0' }, twice)).findings).toEqual([]);
    expect(twice.calls.length).toBe(2);
  });

  test("reports a failed render with helm's message, without its --debug advice", async () => {
    const r = await renderChart(
      chart(),
      { release: 'r', namespace: 'n', kubeVersion: '1.30.0' },
      fakeHelm({ status: 1, stdout: '', stderr: 'Error: execution error at (web/templates/a.yaml:3:4): name is required\n\nUse --debug flag to render out invalid YAML\n' }),
    );
    expect(r.findings.map((f) => [f.code, f.message, f.hint])).toEqual([
      [
        'charts/render-failed',
        "chart 'web' failed to render: execution error at (web/templates/a.yaml:3:4): name is required",
        'check the values passed to the chart (helm template prints the template and line)',
      ],
    ]);
  });

  test('refuses a Kubernetes version it cannot pass on', async () => {
    expect(fullKubeVersion('v1.31')).toBe('1.31.0');
    expect(fullKubeVersion('1.30.2')).toBe('1.30.2');
    const r = await renderChart(chart(), { release: 'r', namespace: 'n', kubeVersion: '130' }, fakeHelm(''));
    expect(r.findings[0]!.code).toBe('charts/invalid-kube-version');
  });
});

describe('changingFunctions', () => {
  test('looks only inside template actions, and tells the clock apart', () => {
    expect(changingFunctions(['description: works now, no action'])).toEqual({ any: false, clock: false });
    expect(changingFunctions(['{{ genCA "x" 365 }}'])).toEqual({ any: true, clock: false });
    expect(changingFunctions(['{{ now | date "2006" }}'])).toEqual({ any: true, clock: true });
  });
});

describe('renderChart with a cache', () => {
  test("keeps the random check's verdict, so that the same input renders once the next time", async () => {
    const store = new Map<string, string>();
    const cache: DocumentCache = { get: (k) => store.get(k), set: (k, v) => void store.set(k, v) };
    const random = chart({ 'templates/cm.yaml': 'token: {{ randAlphaNum 8 }}' });
    const out = (token: string) => doc('web/templates/cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  token: ${token}\n`);
    const options = { release: 'r', namespace: 'n', kubeVersion: '1.30.0', cache };
    const first = fakeHelm(out('x1'), out('x2'));
    expect((await renderChart(random, options, first)).random.map((r) => r.paths)).toEqual([['data.token']]);
    expect(first.calls.length).toBe(2);
    const again = fakeHelm(out('x3'));
    const r = await renderChart(random, options, again);
    expect(again.calls.length).toBe(1);
    expect(r.random.map((x) => [x.entry.object.data, x.paths])).toEqual([[{ token: 'x3' }, ['data.token']]]);
    expect(r.findings.map((f) => f.code)).toEqual(['charts/random-output']);
    const other = fakeHelm(out('y'), out('y'));
    await renderChart(random, { ...options, values: { other: true } }, other);
    expect(other.calls.length).toBe(2);
  });
});
