/**
 * `helmChart`: declares a component whose objects come from a vendored Helm chart. It is used in
 * environments like any component (`certManager.with({ replicaCount: 2 })`); the build stage
 * takes its objects from `helm template` instead of a `build` function.
 */
import { z } from 'zod';
import { KasaneError, type SourceLocation } from '../errors.ts';
import { isCapabilityApi } from '../k8s/crd-apis.ts';
import { isDns1123Label } from '../k8s/grammar.ts';
import { HOOK_POLICIES } from '../k8s/chart-provenance.ts';
import type { ChartSpec, HelmChartProps } from '../project/chart-component.ts';
import type { Component, ValuesSchema } from '../project/component.ts';
import { callSite } from './call-site.ts';
import { componentOf } from './component.ts';

/** The values of a chart component declared without its generated schema: checked against the vendored chart at render time. */
const anyValues = z.record(z.string(), z.unknown());

/** Helm's release names: a DNS subdomain of at most 53 characters. */
const RELEASE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why the props cannot make a chart component, or undefined. */
function problemOf(props: HelmChartProps<ValuesSchema>): string | undefined {
  const name = props?.name;
  if (typeof name !== 'string' || !isDns1123Label(name)) return `expected a lowercase DNS label as component name, found ${JSON.stringify(name)}`;
  const chart = typeof props.chart === 'string' ? props.chart : props.chart?.name;
  if (typeof chart !== 'string' || !isDns1123Label(chart)) return `expected 'chart' of chart component '${name}' to name a chart of kasane.config.ts, found ${JSON.stringify(props.chart)}`;
  if (props.values !== undefined && typeof (props.values as { safeParse?: unknown })?.safeParse !== 'function') return `expected a zod schema as 'values' of chart component '${name}'`;
  if (props.release !== undefined && (typeof props.release !== 'string' || !RELEASE.test(props.release) || props.release.length > 53))
    return `expected 'release' of chart component '${name}' to be a Helm release name (lowercase, at most 53 characters), found ${JSON.stringify(props.release)}`;
  if (props.namespace !== undefined && (typeof props.namespace !== 'string' || !isDns1123Label(props.namespace)))
    return `expected 'namespace' of chart component '${name}' to be a namespace name, found ${JSON.stringify(props.namespace)}`;
  if (props.includeCrds !== undefined && typeof props.includeCrds !== 'boolean') return `expected 'includeCrds' of chart component '${name}' to be true or false`;
  if (props.hooks !== undefined && !HOOK_POLICIES.includes(props.hooks))
    return `expected 'hooks' of chart component '${name}' to be one of ${HOOK_POLICIES.join(', ')}, found ${JSON.stringify(props.hooks)}`;
  const bad = (props.apiVersions ?? []).find((a) => !isCapabilityApi(a));
  if (bad !== undefined || (props.apiVersions !== undefined && !Array.isArray(props.apiVersions)))
    return `expected 'apiVersions' of chart component '${name}' to list 'group/version' or 'group/version/Kind', found ${JSON.stringify(bad ?? props.apiVersions)}`;
  return undefined;
}

function notRendered(name: string, source: SourceLocation | undefined): never {
  throw new KasaneError({
    severity: 'error',
    code: 'charts/not-rendered',
    message: `chart component '${name}' has no build function: its objects come from helm when an environment renders`,
    hint: 'render the environment (kasane render), which runs helm on the vendored chart',
    ...(source ? { source } : {}),
  });
}

/**
 * Declares a component that renders a vendored Helm chart (`kasane vendor`) with its typed
 * values (`kasane chart-types`). Environments layer values over it like any component's.
 *
 * @throws KasaneError `project/invalid-component` when a prop is not what it should be.
 * @example
 * import { podinfoChart, podinfoValues } from '../imports/charts/podinfo.ts';
 * export default helmChart({ name: 'podinfo', chart: podinfoChart, values: podinfoValues, namespace: 'web' });
 */
export function helmChart<S extends ValuesSchema = typeof anyValues>(props: HelmChartProps<S>): Component<S> {
  const source = callSite();
  const problem = problemOf(props as HelmChartProps<ValuesSchema>);
  if (problem) {
    throw new KasaneError({
      severity: 'error',
      code: 'project/invalid-component',
      message: problem,
      hint: "write helmChart({ name: 'podinfo', chart: podinfoChart, values: podinfoValues }) with the module kasane chart-types writes",
      ...(source ? { source } : {}),
    });
  }
  const info = typeof props.chart === 'string' ? undefined : props.chart;
  const spec: ChartSpec = {
    chart: info?.name ?? (props.chart as string),
    ...(info ? { typesDigest: info.digest } : {}),
    ...(props.release !== undefined ? { release: props.release } : {}),
    ...(props.namespace !== undefined ? { namespace: props.namespace } : {}),
    includeCrds: props.includeCrds ?? true,
    hooks: props.hooks ?? 'keep',
    apiVersions: [...(props.apiVersions ?? [])],
    typed: props.values !== undefined,
  };
  return componentOf({ name: props.name, values: (props.values ?? anyValues) as S, build: () => notRendered(props.name, source) }, source, { chart: spec });
}
