/**
 * What each chart component of an environment asks of helm: its values layered from the root of
 * the `extends` chain down and checked by the chart's schema (as component values are), the
 * release and namespace, the environment's Kubernetes version, and the APIs the cluster serves.
 * The caller renders the requests (cli/chart-renders.ts) and passes the results to `render` as
 * `RenderOptions.charts`; the build stage then takes the objects from there.
 *
 * The APIs a request names are those the component and the project declare, the CRDs of the
 * project's `crds`, and the CRDs the environment's other components build; the CRDs other charts
 * of the environment render are added by the caller after a first round (see
 * charts/environment-charts.ts).
 */
import { didYouMean, errorFinding, type Finding } from '../errors.ts';
import { buildComponent, buildContextOf } from '../build/build-component.ts';
import { resolveValues } from '../build/values.ts';
import { crdApiVersions } from '../k8s/crd-apis.ts';
import { DEFAULT_KUBERNETES_VERSION } from '../k8s/schema/graph.ts';
import type { ChartRequest } from '../project/chart-component.ts';
import type { ValuesSchema } from '../project/component.ts';
import { planComponents, type ComponentPlan } from '../project/component-plan.ts';
import { environmentChain, findEnvironment, type Environment } from '../project/environment.ts';
import { declaredKubernetesVersion } from '../project/kubernetes-version.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import type { ProjectData } from './stage.ts';

/** What the caller read of a vendored chart. */
export interface VendoredChartInfo {
  /** The digest of its files, as the lock records it. */
  digest: string;
  /**
   * The schema of its values from its own files, or why they cannot be read: for components
   * declared without the generated one, or with one generated from another version. Read only
   * when one needs it (inferring it costs more than rendering a small chart).
   */
  values: () => { schema: ValuesSchema } | { finding: Finding };
}

/** Options of {@link chartRequests}. */
export interface ChartRequestOptions {
  /** The vendored charts by declared name; a chart component whose chart is not here is left out (the caller reports why). */
  vendored: ReadonlyMap<string, VendoredChartInfo>;
  /** Render for this Kubernetes version instead of the environment's (`validate --upgrade-to`). @default the environment's */
  kubernetesVersion?: string;
}

/** The chart components an environment renders, with their value layers. */
export function chartPlansOf(env: Environment): ComponentPlan[] {
  return planComponents(env).filter((p) => p.component.chart !== undefined);
}

/** The APIs every chart of the environment sees: declared by the project, and the CRDs of `crds` and of the other components. */
function environmentApis(project: ProjectData, plans: readonly ComponentPlan[], chain: readonly Environment[]): string[] {
  const built = plans.filter((p) => p.component.chart === undefined).flatMap((p) => buildComponent(p, buildContextOf(chain, p.scopes), project.files).resources.map((r) => r.object));
  return [...(project.config.apiVersions ?? []), ...crdApiVersions([...(project.config.crds ?? []), ...built])];
}

const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort(compareCodeUnits);

/**
 * The schema a chart component's values are checked with, and findings: a warning when its
 * generated module is older than the vendored chart, an error when the vendored chart's values
 * cannot be read (no schema then).
 */
function valuesSchemaOf(plan: ComponentPlan, vendored: VendoredChartInfo, env: string): { schema?: ValuesSchema; findings: Finding[] } {
  const { component } = plan;
  const spec = component.chart!;
  if (spec.typed && (spec.typesDigest === undefined || spec.typesDigest === vendored.digest)) return { schema: component.values, findings: [] };
  const read = vendored.values();
  if ('finding' in read) return { findings: [read.finding] };
  if (!spec.typed) return { schema: read.schema, findings: [] };
  return {
    schema: read.schema,
    findings: [
      {
        severity: 'warning',
        code: 'charts/stale-types',
        message: `the values module of chart '${spec.chart}' was generated from files with digest ${spec.typesDigest}, but the vendored chart has digest ${vendored.digest}: values are checked against the vendored chart`,
        hint: 'run `kasane chart-types` to type the values of the chart as it is vendored now',
        env,
        component: component.name,
        ...(component.source ? { source: component.source } : {}),
      },
    ],
  };
}

/**
 * The requests of environment `envName`'s chart components, and the findings of their values
 * (`values/unknown-key` with near matches, `values/invalid`, naming the environment file that
 * wrote the value; `charts/stale-types`, a warning).
 * @throws KasaneError `cli/unknown-environment`, `project/extends-cycle`
 */
export function chartRequests(project: ProjectData, envName: string, options: ChartRequestOptions): { requests: ChartRequest[]; findings: Finding[] } {
  const env = findEnvironment(project.environments, envName);
  const chain = environmentChain(env);
  const plans = planComponents(env);
  const charts = plans.filter((p) => p.component.chart !== undefined);
  if (charts.length === 0) return { requests: [], findings: [] };
  const apis = environmentApis(project, plans, chain);
  const kubeVersion = options.kubernetesVersion ?? declaredKubernetesVersion(chain, project.config) ?? DEFAULT_KUBERNETES_VERSION;
  const requests: ChartRequest[] = [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const plan of charts) {
    const { component } = plan;
    const spec = component.chart!;
    // helm renders a chart component once per environment: a second copy (in another group) would get the first one's values.
    if (seen.has(component.name)) {
      findings.push(chartInSeveralGroupsFinding(plan, env.name));
      continue;
    }
    seen.add(component.name);
    const vendored = options.vendored.get(spec.chart);
    if (!vendored) continue;
    const { schema, findings: read } = valuesSchemaOf(plan, vendored, env.name);
    findings.push(...read);
    if (!schema) continue;
    const values = resolveValues({ ...component, values: schema }, plan.layers, env.name);
    if (!values.ok) {
      findings.push(...values.findings);
      continue;
    }
    const ns = spec.namespace ?? buildContextOf(chain, plan.scopes).namespace;
    requests.push({
      component: component.name,
      chart: spec.chart,
      release: spec.release ?? component.name,
      namespace: ns ?? 'default',
      namespaceSet: ns !== undefined,
      values: values.values as Record<string, unknown>,
      kubeVersion,
      apiVersions: sorted([...spec.apiVersions, ...apis]),
      includeCrds: spec.includeCrds,
      hooks: spec.hooks,
      ...(component.source ? { source: component.source } : {}),
    });
  }
  return { requests, findings };
}

/** A finding for a chart component listed more than once in an environment (in two groups). Code: `charts/chart-in-several-groups`. */
function chartInSeveralGroupsFinding(plan: ComponentPlan, env: string): Finding {
  return {
    severity: 'error',
    code: 'charts/chart-in-several-groups',
    message: `chart component '${plan.component.name}' is listed more than once in environment '${env}': helm renders it once per environment`,
    hint: "declare one helmChart per release, each with its own name (helmChart({ name: 'web-blue', chart: 'web' }))",
    env,
    component: plan.component.name,
    ...(plan.component.source ? { source: plan.component.source } : {}),
  };
}

/** A finding for a chart component whose chart `kasane.config.ts` does not declare. Code: `charts/unknown-chart`. */
export function unknownChartFinding(plan: ComponentPlan, declared: readonly string[], env: string): Finding {
  const { component } = plan;
  const chart = component.chart!.chart;
  return errorFinding('charts/unknown-chart', `chart component '${component.name}' renders chart '${chart}', which kasane.config.ts does not declare${didYouMean(chart, declared)}`, {
    env,
    component: component.name,
    ...(component.source ? { source: component.source } : {}),
    hint: declared.length
      ? `declared charts: ${declared.join(', ')}; declare it in charts of kasane.config.ts and run kasane vendor`
      : 'declare the chart in charts of kasane.config.ts and run kasane vendor',
  });
}
