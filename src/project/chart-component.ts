/**
 * Chart components as data: a component whose objects come from a vendored Helm chart rendered
 * by `helm template` (made by `helmChart`, define/chart.ts), the request one environment makes of
 * it, and the rendered chart the build stage turns into objects.
 *
 * The pipeline's stages are synchronous and never run a process, so a chart is rendered before
 * the render of its environment starts (cli/chart-renders.ts runs helm): the pipeline computes
 * each chart component's request (values layered and checked, Kubernetes version, APIs), helm
 * renders it, and the result comes into the render as {@link ChartRenders}.
 */
import type { Finding, SourceLocation } from '../errors.ts';
import type { ChartProvenance, HookPolicy } from '../k8s/chart-provenance.ts';
import type { KObject } from '../k8s/object.ts';
import type { ValuesSchema } from './component.ts';

/** What a chart component renders and how: the part of a component `helmChart` adds. */
export interface ChartSpec {
  /** The chart, by the name `charts` of kasane.config.ts gives it (its folder under vendor/charts/). */
  chart: string;
  /** The digest of the vendored chart the values module was generated from (`<name>Chart.digest`). */
  typesDigest?: string;
  /** `.Release.Name`. @default the component's name */
  release?: string;
  /** `.Release.Namespace`, also given to namespaced objects that name none. @default the environment's namespace */
  namespace?: string;
  /** Include the files of the chart's crds/ folders. */
  includeCrds: boolean;
  /** What happens to hooks. */
  hooks: HookPolicy;
  /** APIs the cluster serves besides the built-in ones and the CRDs the project renders. */
  apiVersions: readonly string[];
  /** False when the component was declared without the generated values schema: values are checked against the vendored chart at render time. */
  typed: boolean;
}

/** The generated `<name>Chart` constant of a values module (`kasane chart-types`): which vendored chart it types. */
export interface ChartTypesInfo {
  /** The declared chart's name. */
  readonly name: string;
  /** The digest of the vendored files the module was generated from. */
  readonly digest: string;
  /** The chart's own name and version (Chart.yaml). */
  readonly chart?: string;
  readonly version?: string;
}

/** The props of `helmChart`. */
export interface HelmChartProps<S extends ValuesSchema> {
  /** Component name: lowercase DNS label; used in environments, `explain` and as the output folder name. */
  name: string;
  /**
   * The chart: the name `charts` of kasane.config.ts gives it, or the `<name>Chart` constant of
   * its generated values module (then a module older than the vendored chart is reported).
   */
  chart: string | ChartTypesInfo;
  /**
   * The chart's values schema, `<name>Values` of the module `kasane chart-types` writes: values
   * in environments are typed and checked by it.
   * @default any values, checked against the vendored chart when the environment renders
   */
  values?: S;
  /** `.Release.Name`. @default the component's name */
  release?: string;
  /** `.Release.Namespace`; namespaced objects that name no namespace get it. @default the environment's namespace, else `default` */
  namespace?: string;
  /** Include the files of the chart's crds/ folders (their CRDs validate the chart's custom resources either way). @default true */
  includeCrds?: boolean;
  /** Helm hooks: kept for Argo CD, dropped, or rewritten to Argo CD's annotations (tests are always dropped). @default 'keep' */
  hooks?: HookPolicy;
  /**
   * APIs the cluster serves besides the built-in ones and the CRDs the project renders, for the
   * chart's `.Capabilities.APIVersions.Has`: both `group/version` and `group/version/Kind`.
   * @default []
   */
  apiVersions?: readonly string[];
}

/** One chart component as one environment renders it: what `helm template` is given. */
export interface ChartRequest {
  /** The component's name. */
  component: string;
  /** The declared chart's name. */
  chart: string;
  release: string;
  namespace: string;
  /** True when the component or the environment set the namespace: namespaced objects without one get it. */
  namespaceSet: boolean;
  /** The environment's values over the chart's defaults, layered and checked. */
  values: Record<string, unknown>;
  /** The environment's Kubernetes version as declared (`1.30`, `1.30.2`). */
  kubeVersion: string;
  /** `group/version` and `group/version/Kind` entries, sorted. */
  apiVersions: string[];
  includeCrds: boolean;
  hooks: HookPolicy;
  /** Where `helmChart` was called. */
  source?: SourceLocation;
}

/** A chart rendered for one environment. */
export interface RenderedChart {
  /** The objects, namespaced as the release puts them, each with where it came from. */
  objects: readonly { object: KObject; from: ChartProvenance }[];
  /** Tests and hooks the policy left out, and why. */
  dropped: readonly { object: KObject; from: ChartProvenance; reason: string }[];
  /** CustomResourceDefinitions of the chart's crds/ folders that are not rendered (`includeCrds: false`): they still validate its custom resources. */
  crds: readonly KObject[];
  /** Values, vendoring and rendering problems (errors stop the render), random output (warnings). */
  findings: readonly Finding[];
}

/** The rendered charts of one environment by component name, as `render` takes them. */
export type ChartRenders = ReadonlyMap<string, RenderedChart>;
