/**
 * The build stage for a chart component: its objects are those helm rendered for this
 * environment (`RenderOptions.charts`), each remembering the chart and template it came from.
 */
import type { Finding } from '../errors.ts';
import type { KObject } from '../k8s/object.ts';
import type { Resource } from '../k8s/resource.ts';
import type { ChartRenders } from '../project/chart-component.ts';
import type { ComponentPlan } from '../project/component-plan.ts';

/** What a chart component contributes to the build: its objects, the findings of its render, and CRDs that only validate. */
export interface BuiltChart {
  resources: Resource[];
  findings: Finding[];
  crds: KObject[];
}

/**
 * Builds a chart component from its render. Each object is a copy, so a render can be used by
 * more than one pipeline run (`validate --upgrade-to` renders twice).
 * Finding: `charts/not-rendered` when the caller rendered no chart for the component.
 */
export function buildChartComponent(plan: ComponentPlan, env: string, charts: ChartRenders | undefined): BuiltChart {
  const { component } = plan;
  const src = component.source ? { source: component.source } : {};
  const rendered = charts?.get(component.name);
  if (!rendered) {
    return {
      resources: [],
      crds: [],
      findings: [
        {
          severity: 'error',
          code: 'charts/not-rendered',
          message: `chart component '${component.name}' (chart '${component.chart!.chart}') was not rendered: render runs no helm itself`,
          hint: 'render with the kasane CLI, which runs helm on the vendored chart first; from code, pass the rendered charts as RenderOptions.charts',
          env,
          component: component.name,
          ...src,
        },
      ],
    };
  }
  const scope = plan.scopes[plan.scopes.length - 1];
  const resources = rendered.objects.map(({ object, from }): Resource => ({
    object: structuredClone(object),
    component: component.name,
    ...src,
    chart: from,
    ...(scope ? { scope: scope.path } : {}),
  }));
  const findings = rendered.findings.map((f) => ({ env, component: component.name, ...src, ...f }));
  return { resources, findings, crds: rendered.crds.map((c) => structuredClone(c)) };
}
