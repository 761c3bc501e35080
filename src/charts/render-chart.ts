/**
 * Rendering a vendored chart: `helm template` with the environment's release, namespace,
 * Kubernetes version and APIs, its output read into objects that remember their template, the
 * hook policy applied, and randomised output detected. Pure but for the helm runner passed in.
 */
import { errorFinding, type Finding } from '../errors.ts';
import { sha256Hex } from './digest.ts';
import type { HelmResult, HelmRunOptions } from './helm-process.ts';
import { parseHelmOutput, type DocumentCache } from './helm-output.ts';
import { applyHookPolicy, type DroppedObject, type HookPolicy, type PolicyObject } from './hooks.ts';
import { changingFunctions, compareRenders, randomFindings, type RandomObject } from './random.ts';

/** A chart in the vendor folder, as the load stage read it. */
export interface VendoredChart {
  /** The name the project declares it under. */
  name: string;
  /** The chart's folder (helm reads it). */
  dir: string;
  /** Its files by relative `/`-separated path (the random check reads the templates). */
  files: ReadonlyMap<string, Uint8Array>;
}

/** How to render a chart; what `helm template` takes, and kasane's policies. */
export interface RenderChartOptions {
  /** The release name (`.Release.Name`). */
  release: string;
  /** The release namespace (`.Release.Namespace`). */
  namespace: string;
  /** Values over the chart's defaults, as a values file would give them. @default {} */
  values?: Record<string, unknown>;
  /** The cluster's Kubernetes version, `1.30` or `1.30.2` (`.Capabilities.KubeVersion`). */
  kubeVersion: string;
  /** Extra APIs the cluster serves, `group/version` and `group/version/Kind` (`.Capabilities.APIVersions`). @default [] */
  apiVersions?: readonly string[];
  /** Include the files of the chart's crds/ folders. @default true */
  includeCrds?: boolean;
  /** What happens to Helm hooks (tests are always dropped). @default 'keep' */
  hooks?: HookPolicy;
  /**
   * Render twice to find randomised output: `auto` only when a template or value names a
   * function that can return something new (randAlphaNum, genCA, now, …). @default 'auto'
   */
  randomCheck?: 'auto' | 'always' | 'off';
  /** Parsed documents kept between renders (see {@link DocumentCache}). @default none */
  cache?: DocumentCache;
}

/** What runs helm: a {@link HelmRunner} or a stand-in. */
export interface HelmTemplateRunner {
  /** The version, which keys the cached random-check verdict. */
  version?: { text: string };
  run(args: readonly string[], options?: HelmRunOptions): Promise<HelmResult>;
}

/** A rendered chart. */
export interface ChartRender {
  /** The objects, in helm's order (manifests, then hooks). */
  objects: PolicyObject[];
  /** Tests and hooks the policy left out. */
  dropped: DroppedObject[];
  /** Errors stop the render; warnings (random output, repeated keys) do not. */
  findings: Finding[];
  /** The objects two renders printed differently, and the fields that differed. */
  random: RandomObject[];
}

const KUBE_VERSION = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/;

/**
 * `1.30` → `1.30.0`: Helm 3 and 4 read a version without patch differently (4 keeps `v1.30`),
 * so kasane always passes all three parts. Undefined when it is not a version.
 */
export function fullKubeVersion(version: string): string | undefined {
  const m = KUBE_VERSION.exec(version.trim());
  return m ? `${m[1]}.${m[2]}.${m[3] ?? '0'}` : undefined;
}

const textOf = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');

/** True when a values.schema.json of the chart refers to a schema by URL: Helm 4 would fetch it while rendering. */
function hasRemoteSchemaRef(files: ReadonlyMap<string, Uint8Array>): boolean {
  for (const [file, bytes] of files) if (file.endsWith('values.schema.json') && /"\$ref"\s*:\s*"https?:/.test(textOf(bytes))) return true;
  return false;
}

/** The `helm template` arguments for a chart and options; values go on stdin (`-f -`). */
export function helmTemplateArgs(chart: VendoredChart, options: RenderChartOptions, kubeVersion: string): string[] {
  const args = ['template', options.release, chart.dir, '--namespace', options.namespace, '--kube-version', kubeVersion];
  if (options.includeCrds ?? true) args.push('--include-crds');
  if (options.values && Object.keys(options.values).length) args.push('-f', '-');
  for (const api of options.apiVersions ?? []) args.push('--api-versions', api);
  // Rendering never uses the network; kasane checks values against the chart's types itself.
  if (hasRemoteSchemaRef(chart.files)) args.push('--skip-schema-validation');
  return args;
}

/** The finding for a failed `helm template`: helm's message, without its `--debug` advice. */
function renderFailed(chart: string, result: HelmResult): Finding {
  const lines = result.stderr
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '' && !/^Use --debug flag/.test(l));
  const first = (lines[0] ?? `helm exited with status ${result.status}`).replace(/^Error: /, '');
  return errorFinding('charts/render-failed', `chart '${chart}' failed to render: ${first}`, {
    hint: lines.length > 1 ? `helm said:\n${lines.slice(1).join('\n')}` : 'check the values passed to the chart (helm template prints the template and line)',
  });
}

/** The chart's template texts and the values, for the random check. */
function* scanTexts(chart: VendoredChart, values: string): Generator<string> {
  yield values;
  for (const [file, bytes] of chart.files) if (/(^|\/)templates\//.test(file)) yield textOf(bytes);
}

/** Waits until the wall clock is past the second `from` fell in. */
function afterSecond(from: number): Promise<void> {
  const ms = 1005 - (from % 1000) - (Date.now() - from);
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * Starts the random check's second helm run: at once, beside the first; or, for a chart that
 * reads the clock, once the first has ended well and the wall clock has passed into the next
 * second, so that a time printed to the second differs too (none when the first failed).
 */
function secondRun(first: Promise<HelmResult>, again: () => Promise<HelmResult>, clock: boolean): Promise<HelmResult | undefined> {
  return clock ? first.then((r) => (r.status === 0 ? afterSecond(Date.now()).then(again) : undefined)) : again();
}

const failed = (finding: Finding): ChartRender => ({ objects: [], dropped: [], random: [], findings: [finding] });

const invalidKubeVersion = (chart: string, version: string): Finding =>
  errorFinding('charts/invalid-kube-version', `expected a Kubernetes version like '1.30' or '1.30.2' for chart '${chart}', found ${JSON.stringify(version)}`, {
    hint: "set kubernetesVersion in kasane.config.ts, e.g. '1.30'",
  });

/** The random objects a cached verdict names, found again among this render's objects. */
function randomFromVerdict(objects: readonly PolicyObject[], verdict: string): RandomObject[] {
  const byKey = new Map(objects.map((o) => [`${o.source}\0${o.object.kind}\0${o.index}`, o]));
  return (JSON.parse(verdict) as { key: string; paths: string[] }[]).flatMap(({ key, paths }) => {
    const entry = byKey.get(key);
    return entry ? [{ entry, paths }] : [];
  });
}

const verdictOf = (random: readonly RandomObject[]): string => JSON.stringify(random.map(({ entry, paths }) => ({ key: `${entry.source}\0${entry.object.kind}\0${entry.index}`, paths })));

/**
 * Renders a vendored chart with helm and reads the result. With the random check, a second helm
 * runs at the same time as the first (after it, in a later wall-clock second, when the chart
 * reads the clock); only when the two outputs differ is the second one read and compared. When
 * the first fails or prints output that cannot be read, the second is ended (its result is not
 * used) and the first's findings are reported. With a cache, the verdict is kept for the same
 * helm, arguments and values, so the second helm runs once.
 * Findings: `charts/invalid-kube-version`, `charts/render-failed`, `charts/invalid-output`,
 * `charts/invalid-object` (errors); `charts/random-output` (a warning).
 */
export async function renderChart(chart: VendoredChart, options: RenderChartOptions, helm: HelmTemplateRunner): Promise<ChartRender> {
  const kubeVersion = fullKubeVersion(options.kubeVersion);
  if (!kubeVersion) return failed(invalidKubeVersion(chart.name, options.kubeVersion));
  const args = helmTemplateArgs(chart, options, kubeVersion);
  const stdin = args.includes('-') ? JSON.stringify(options.values) : '';
  const mode = options.randomCheck ?? 'auto';
  const changing = mode === 'off' ? { any: false, clock: false } : changingFunctions(scanTexts(chart, stdin));
  const verdictKey = `random:${sha256Hex(JSON.stringify([helm.version?.text ?? '', args, stdin]))}`;
  const verdict = mode === 'auto' && changing.any ? options.cache?.get(verdictKey) : undefined;
  const stop = new AbortController();
  const running = helm.run(args, { stdin });
  const twice = mode === 'always' || (changing.any && verdict === undefined);
  const second = twice ? secondRun(running, () => helm.run(args, { stdin, signal: stop.signal }), mode === 'always' || changing.clock) : undefined;
  const first = await running;
  if (first.status !== 0) {
    // The first run's error is the one reported, whichever ends first; the other is ended and awaited.
    stop.abort();
    await second;
    return failed(renderFailed(chart.name, first));
  }
  const parsed = parseHelmOutput(first.stdout, options.cache);
  const policy = options.hooks ?? 'keep';
  const kept = applyHookPolicy(parsed.objects, policy);
  const result: ChartRender = { ...kept, findings: parsed.findings, random: verdict === undefined ? [] : randomFromVerdict(kept.objects, verdict) };
  const invalid = result.findings.some((f) => f.severity === 'error');
  // Output that cannot be read is not compared: the second run is not needed.
  if (invalid) stop.abort();
  const other = await second;
  if (other && !invalid) {
    if (other.stdout !== first.stdout) {
      if (other.status !== 0) return failed(renderFailed(chart.name, other));
      result.random = compareRenders(result.objects, applyHookPolicy(parseHelmOutput(other.stdout, options.cache).objects, policy).objects);
    }
    options.cache?.set(verdictKey, verdictOf(result.random));
  }
  result.findings.push(...randomFindings(chart.name, result.random));
  return result;
}
