/**
 * The chart components of an environment, rendered before its pipeline runs (the stages run no
 * process): the vendored charts checked offline against the lock (`verifyVendored`), the
 * requests computed by the pipeline (values layered and checked), helm run on each, and the
 * results handed to `render` as `RenderOptions.charts`. Every problem on the way is a finding
 * of a chart component, so the render reports it like any other and writes nothing.
 */
import { isKasaneError, type Finding } from '../errors.ts';
import { vendoredValuesShape } from '../charts/chart-values-input.ts';
import { renderEnvironmentCharts } from '../charts/environment-charts.ts';
import { findHelm } from '../charts/helm-process.ts';
import type { VendoredChart } from '../charts/render-chart.ts';
import { shapeSchema } from '../charts/values-check.ts';
import { openDocumentCache, verifyVendored, type FileDocumentCache } from '../charts/vendor-fs.ts';
import { treeDigest } from '../charts/digest.ts';
import type { LoadedProject } from '../load/load-project.ts';
import { chartPlansOf, chartRequests, unknownChartFinding, type VendoredChartInfo } from '../pipeline/chart-requests.ts';
import type { ChartRenders, RenderedChart } from '../project/chart-component.ts';
import { checkChartSources } from '../project/chart-source.ts';
import type { ComponentPlan } from '../project/component-plan.ts';
import type { CliIo } from './io.ts';

const prepared = new WeakMap<LoadedProject, Map<string, Promise<ChartRenders | undefined>>>();

const failed = (findings: readonly Finding[]): RenderedChart => ({ objects: [], dropped: [], crds: [], findings });

/** Findings that belong to no one chart go to the first chart component; the others render nothing (the environment fails anyway). */
function withFindings(plans: readonly ComponentPlan[], renders: Map<string, RenderedChart>, general: readonly Finding[], byComponent: ReadonlyMap<string, Finding[]>): ChartRenders {
  const out = new Map<string, RenderedChart>();
  plans.forEach((plan, i) => {
    const name = plan.component.name;
    const own = [...(i === 0 ? general : []), ...(byComponent.get(name) ?? [])];
    const render = renders.get(name);
    out.set(name, render ? { ...render, findings: [...own, ...render.findings] } : failed(own));
  });
  return out;
}

function group(findings: readonly Finding[]): { general: Finding[]; byComponent: Map<string, Finding[]> } {
  const byComponent = new Map<string, Finding[]>();
  const general: Finding[] = [];
  for (const f of findings) {
    if (f.component === undefined) general.push(f);
    else byComponent.set(f.component, [...(byComponent.get(f.component) ?? []), f]);
  }
  return { general, byComponent };
}

/** What the requests need of each vendored chart: its digest, and the schema of its values when asked. */
function vendoredInfo(charts: ReadonlyMap<string, VendoredChart>): Map<string, VendoredChartInfo> {
  const out = new Map<string, VendoredChartInfo>();
  for (const [name, chart] of charts) {
    let read: ReturnType<VendoredChartInfo['values']> | undefined;
    const values = (): ReturnType<VendoredChartInfo['values']> => {
      if (!read) {
        const shape = vendoredValuesShape(name, chart.files);
        read = 'finding' in shape ? shape : { schema: shapeSchema(shape.shape) };
      }
      return read;
    };
    out.set(name, { digest: treeDigest(chart.files), values });
  }
  return out;
}

async function prepare(io: CliIo, project: LoadedProject, envName: string, kubernetesVersion: string | undefined): Promise<ChartRenders | undefined> {
  // An unknown environment renders nothing here: the render reports it.
  const env = project.environments.find((e) => e.name === envName);
  const plans = env ? chartPlansOf(env) : [];
  if (plans.length === 0) return undefined;
  const findings: Finding[] = [];
  const declared = checkChartSources(project.config.charts, project.config.file);
  findings.push(...declared.findings);
  const names = new Set(declared.sources.map((s) => s.name));
  for (const plan of plans) if (!names.has(plan.component.chart!.chart) && declared.findings.length === 0) findings.push(unknownChartFinding(plan, [...names], envName));
  const used = new Set(plans.map((p) => p.component.chart!.chart));
  const vendored = await verifyVendored(
    project.root,
    declared.sources.filter((s) => used.has(s.name)),
  );
  findings.push(...vendored.findings);
  const info = vendoredInfo(vendored.charts);
  const requested = chartRequests(project, envName, { vendored: info, ...(kubernetesVersion ? { kubernetesVersion } : {}) });
  findings.push(...requested.findings);
  const renders = new Map<string, RenderedChart>();
  if (!findings.some((f) => f.severity === 'error')) await renderAll(io, project, vendored.charts, requested.requests, renders, findings);
  const { general, byComponent } = group(findings);
  return withFindings(plans, renders, general, byComponent);
}

/** Runs helm on every request; its document caches are saved afterwards. */
async function renderAll(
  io: CliIo,
  project: LoadedProject,
  charts: ReadonlyMap<string, VendoredChart>,
  requests: Parameters<typeof renderEnvironmentCharts>[0],
  into: Map<string, RenderedChart>,
  findings: Finding[],
): Promise<void> {
  let helm;
  try {
    helm = await findHelm({ env: io.env, cwd: project.root });
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    findings.push(...error.findings);
    return;
  }
  const caches = new Map<string, FileDocumentCache>();
  for (const [name, chart] of charts) caches.set(name, await openDocumentCache(project.cacheDir, treeDigest(chart.files)));
  const done = await renderEnvironmentCharts(requests, { charts, helm, cacheOf: (name) => caches.get(name), crds: project.config.crds ?? [] });
  for (const cache of caches.values()) await cache.save();
  for (const [name, render] of done.renders) into.set(name, render);
}

/**
 * The rendered chart components of environment `env` (undefined when it has none), rendered
 * once per project, environment and Kubernetes version.
 */
export function chartRendersFor(io: CliIo, project: LoadedProject, env: string, kubernetesVersion?: string): Promise<ChartRenders | undefined> {
  let byEnv = prepared.get(project);
  if (!byEnv) prepared.set(project, (byEnv = new Map()));
  const key = `${env}\0${kubernetesVersion ?? ''}`;
  let done = byEnv.get(key);
  if (!done) byEnv.set(key, (done = prepare(io, project, env, kubernetesVersion)));
  return done;
}
