/**
 * renderEnvironmentCharts with a stand-in for helm: the release namespace given to namespaced
 * objects that have none (custom kinds by their CRD), and a chart that reads
 * `.Capabilities.APIVersions` rendered again with the APIs another chart's CRDs add.
 */
import { describe, expect, test } from 'vitest';
import type { HelmResult } from '../../src/charts/helm-process.ts';
import { renderEnvironmentCharts } from '../../src/charts/environment-charts.ts';
import type { VendoredChart } from '../../src/charts/render-chart.ts';
import type { ChartRequest } from '../../src/project/chart-component.ts';

const chart = (name: string, files: Record<string, string>): VendoredChart => ({ name, dir: `/charts/${name}`, files: new Map(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)])) });

const CRD = `---
# Source: ops/templates/crd.yaml
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Widget, plural: widgets }
  versions:
  - { name: v1, served: true, storage: true }
`;

/** What the app chart prints: a Widget only when helm was told the cluster serves it. */
const appOutput = (args: readonly string[]): string =>
  `---\n# Source: app/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n` +
  (args.includes('example.com/v1/Widget') ? `---\n# Source: app/templates/widget.yaml\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: app\n` : '');

function fakeHelm() {
  const calls: (readonly string[])[] = [];
  return {
    calls,
    run: async (args: readonly string[]): Promise<HelmResult> => {
      calls.push(args);
      return { status: 0, stdout: args.includes('/charts/ops') ? CRD : appOutput(args), stderr: '' };
    },
  };
}

const request = (component: string, extra: Partial<ChartRequest> = {}): ChartRequest => ({
  component,
  chart: component,
  release: component,
  namespace: 'web',
  namespaceSet: true,
  values: {},
  kubeVersion: '1.30.0',
  apiVersions: [],
  includeCrds: true,
  hooks: 'keep',
  ...extra,
});

describe('renderEnvironmentCharts', () => {
  const charts = new Map([
    ['ops', chart('ops', { 'Chart.yaml': 'name: ops\nversion: 1.0.0\n', 'templates/crd.yaml': 'kind: CustomResourceDefinition\n' })],
    ['app', chart('app', { 'Chart.yaml': 'name: app\nversion: 1.0.0\n', 'templates/widget.yaml': '{{- if .Capabilities.APIVersions.Has "example.com/v1/Widget" }}\n' })],
  ]);

  test("renders a chart that reads the cluster's APIs again with the CRDs of the other charts, and namespaces its objects", async () => {
    const helm = fakeHelm();
    const done = await renderEnvironmentCharts([request('app'), request('ops')], { charts, helm });
    const appCalls = helm.calls.filter((a) => a.includes('/charts/app'));
    expect(appCalls).toHaveLength(2);
    expect(appCalls[1]).toEqual(expect.arrayContaining(['example.com/v1', 'example.com/v1/Widget']));
    const app = done.renders.get('app')!;
    expect(app.findings).toEqual([]);
    expect(app.objects.map((o) => [o.object.kind, o.object.metadata.namespace, o.from.template])).toEqual([
      ['ConfigMap', 'web', 'templates/cm.yaml'],
      ['Widget', 'web', 'templates/widget.yaml'],
    ]);
    // A CustomResourceDefinition is cluster-scoped: it gets no namespace.
    expect(done.renders.get('ops')!.objects.map((o) => o.object.metadata.namespace)).toEqual([undefined]);
  });

  test('a chart that does not read the APIs is rendered once', async () => {
    const helm = fakeHelm();
    const plain = new Map([...charts, ['app', chart('app', { 'Chart.yaml': 'name: app\nversion: 1.0.0\n', 'templates/cm.yaml': 'kind: ConfigMap\n' })]]);
    const done = await renderEnvironmentCharts([request('app'), request('ops')], { charts: plain, helm });
    expect(helm.calls.filter((a) => a.includes('/charts/app'))).toHaveLength(1);
    expect(done.renders.get('app')!.objects.map((o) => o.object.kind)).toEqual(['ConfigMap']);
  });

  test('without a namespace set, objects keep what the chart printed', async () => {
    const done = await renderEnvironmentCharts([request('app', { namespaceSet: false, namespace: 'default' })], { charts, helm: fakeHelm() });
    expect(done.renders.get('app')!.objects.map((o) => o.object.metadata.namespace)).toEqual([undefined]);
  });
});
