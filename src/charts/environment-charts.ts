/**
 * Rendering the chart components of one environment: each request through `renderChart`, then
 * what a release does to the objects (the release namespace on namespaced objects that name
 * none), the crds/ files kept for validation only when the component leaves them out, and the
 * APIs other charts of the environment add.
 *
 * `.Capabilities.APIVersions` of a chart lists, besides what the request names, the CRDs that
 * the environment's other charts render (a chart's own CRDs are not in the cluster on its first
 * install, and leaving them out keeps its output that of `helm template` alone). Those are known
 * only after rendering, so a chart whose templates read `.Capabilities.APIVersions` is rendered
 * once more when the other charts add APIs its first render did not see.
 */
import type { Finding, ObjectRef } from '../errors.ts';
import { crdApiVersions, crdKindOf } from '../k8s/crd-apis.ts';
import { formatObjectRef } from '../errors.ts';
import type { KObject } from '../k8s/object.ts';
import type { ChartRequest, RenderedChart } from '../project/chart-component.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import type { DocumentCache } from './helm-output.ts';
import { withReleaseNamespace } from './release-objects.ts';
import { renderChart, type ChartRender, type HelmTemplateRunner, type VendoredChart } from './render-chart.ts';

/** What rendering an environment's charts needs besides the requests. */
export interface EnvironmentChartsOptions {
  /** The vendored charts by declared name. */
  charts: ReadonlyMap<string, VendoredChart>;
  helm: HelmTemplateRunner;
  /** The document cache of a chart, by declared name. @default none */
  cacheOf?: (chart: string) => DocumentCache | undefined;
  /** CustomResourceDefinitions of the environment besides the charts' (the project's `crds`, other components'): the scopes of custom kinds. @default [] */
  crds?: readonly unknown[];
  /** Charts rendered at the same time. @default 2 */
  parallel?: number;
}

/** Runs `task` for every item, at most `limit` at a time; results in the order of `items`. */
async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

/** True when a template of the chart (or a value, which `tpl` may render) reads `.Capabilities.APIVersions`. */
function readsApiVersions(chart: VendoredChart, request: ChartRequest): boolean {
  if (JSON.stringify(request.values).includes('APIVersions')) return true;
  for (const [file, bytes] of chart.files) if (/(^|\/)templates\//.test(file) && text(bytes).includes('APIVersions')) return true;
  return false;
}

function renderOne(request: ChartRequest, options: EnvironmentChartsOptions): Promise<ChartRender> {
  const chart = options.charts.get(request.chart)!;
  const cache = options.cacheOf?.(request.chart);
  return renderChart(
    chart,
    {
      release: request.release,
      namespace: request.namespace,
      values: request.values,
      kubeVersion: request.kubeVersion,
      apiVersions: request.apiVersions,
      // crds/ files are always read: left out of the output, they still validate the chart's custom resources.
      includeCrds: true,
      hooks: request.hooks,
      ...(cache ? { cache } : {}),
    },
    options.helm,
  );
}

const refKey = (r: Pick<ObjectRef, 'kind' | 'name'> & { apiVersion?: string }): string => `${r.apiVersion ?? ''}\0${r.kind}\0${r.name}`;

/** A render as the build stage takes it: crds/ files in or out, the release namespace given, findings naming the namespaced objects. */
function releaseOf(request: ChartRequest, render: ChartRender, crds: readonly unknown[]): RenderedChart {
  const kept = request.includeCrds ? render.objects : render.objects.filter((o) => !o.crd);
  const validationCrds = request.includeCrds ? [] : render.objects.filter((o) => o.crd).map((o) => o.object);
  const objects = kept.map((o) => o.object);
  const placed = request.namespaceSet ? withReleaseNamespace(objects, request.namespace, [...crds, ...validationCrds]) : { objects, unknownScope: [] };
  const renamed = new Map<string, string>();
  placed.objects.forEach((o, i) => {
    if (o !== objects[i]) renamed.set(refKey({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name }), o.metadata.namespace!);
  });
  const findings: Finding[] = render.findings.map((f) => {
    const namespace = f.object && !f.object.namespace ? renamed.get(refKey(f.object)) : undefined;
    return namespace ? { ...f, object: { ...f.object!, namespace } } : f;
  });
  for (const o of placed.unknownScope) findings.push(unknownScopeFinding(request, o));
  return {
    objects: kept.map((o, i) => ({ object: placed.objects[i]!, from: { chart: request.chart, template: o.template, ...(o.hook ? { hook: o.hook } : {}) } })),
    dropped: render.dropped.map((d) => ({ object: d.object, from: { chart: request.chart, template: d.template }, reason: d.reason })),
    crds: validationCrds,
    findings,
  };
}

function unknownScopeFinding(request: ChartRequest, object: KObject): Finding {
  return {
    severity: 'warning',
    code: 'charts/unknown-scope',
    message: `chart '${request.chart}' prints ${formatObjectRef({ kind: object.kind, name: object.metadata.name })} (${object.apiVersion}) without a namespace, and no CustomResourceDefinition of the project says whether its kind is namespaced: it is left without one, where helm install would put it in '${request.namespace}'`,
    hint: "add the kind's CRD to the project (crds of kasane.config.ts, kasane import-crd), or set the namespace with a patch",
    object: { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name },
  };
}

/** The APIs the CRDs of the other renders add to `request`'s, or undefined when they add none. */
function addedApis(request: ChartRequest, index: number, renders: readonly ChartRender[]): string[] | undefined {
  const others = renders.filter((_, i) => i !== index).flatMap((r) => r.objects.filter((o) => crdKindOf(o.object)).map((o) => o.object));
  const have = new Set(request.apiVersions);
  const added = crdApiVersions(others).filter((a) => !have.has(a));
  return added.length ? [...request.apiVersions, ...added].sort(compareCodeUnits) : undefined;
}

/**
 * Renders the chart requests of one environment; the rendered charts by component name. The
 * requests rendered last (with the APIs other charts add) are returned beside them.
 */
export async function renderEnvironmentCharts(requests: readonly ChartRequest[], options: EnvironmentChartsOptions): Promise<{ renders: Map<string, RenderedChart>; requests: ChartRequest[] }> {
  const limit = options.parallel ?? 2;
  const first = await mapLimited(requests, limit, (r) => renderOne(r, options));
  const final = requests.map((r, i) => {
    const apis = first[i]!.findings.some((f) => f.severity === 'error') ? undefined : addedApis(r, i, first);
    return apis && readsApiVersions(options.charts.get(r.chart)!, r) ? { ...r, apiVersions: apis } : r;
  });
  const again = final.flatMap((r, i) => (r === requests[i] ? [] : [i]));
  const renders = [...first];
  const redone = await mapLimited(again, limit, (i) => renderOne(final[i]!, options));
  again.forEach((i, k) => (renders[i] = redone[k]!));
  const crds = [...(options.crds ?? []), ...renders.flatMap((r) => r.objects.map((o) => o.object).filter((o) => crdKindOf(o)))];
  return { renders: new Map(final.map((r, i) => [r.component, releaseOf(r, renders[i]!, crds)])), requests: final };
}
