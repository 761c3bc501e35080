/**
 * `kasane import --chart <folder|.tgz> [-f values.yaml]... [--release NAME] [-n NS]`: a Helm
 * release → a kasane project that keeps the chart a chart component (declared, vendored with a
 * lock, typed values), then the zero-diff check against `helm template` of the same chart with
 * the same values files. Every input is checked, and helm run once, before anything is written.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { countOf, errorFinding, isKasaneError, type Finding } from '../../errors.ts';
import { vendoredValuesShape } from '../../charts/chart-values-input.ts';
import { hookOf } from '../../charts/hooks.ts';
import { findHelm, type HelmRunner } from '../../charts/helm-process.ts';
import { readVendorFolder, readChartFolder, verifyVendored } from '../../charts/vendor-fs.ts';
import { fullKubeVersion } from '../../charts/render-chart.ts';
import { withReleaseNamespace } from '../../charts/release-objects.ts';
import { readChartArchive } from '../../charts/tar.ts';
import { vendorCharts } from '../../charts/vendor.ts';
import { writeGeneratedFiles } from '../../codegen/fs.ts';
import { diffObjects, formatDiffs } from '../../import/compare.ts';
import { writeProjectFiles } from '../../import/fs.ts';
import { CHART_TYPES_DIR, HELM_RELEASE_ENVIRONMENT, helmReleaseProject } from '../../import/helm-release.ts';
import { dnsLabel } from '../../import/placement.ts';
import { manifestObjects } from '../../k8s/manifest-objects.ts';
import { DEFAULT_KUBERNETES_VERSION } from '../../k8s/schema/graph.ts';
import type { KObject } from '../../k8s/object.ts';
import { readYaml, readYamlValue } from '../../k8s/yaml-read.ts';
import { isPlainObject } from '../../util/plain-object.ts';
import { loadProject } from '../../load/load-project.ts';
import type { ChartSource } from '../../project/chart-source.ts';
import { chartTypesModule } from '../chart-project.ts';
import { rememberSecretsOf, renderForCli, reportFindings } from '../context.ts';
import { checkZeroDiff, withScratchCache } from '../zero-diff.ts';
import { EXIT, type CliIo } from '../io.ts';
import { readValuesFiles } from '../values-files.ts';

/** The flags of `kasane import --chart`. */
export interface ChartImportFlags {
  chart: string;
  values: string[];
  release?: string;
  namespace: string;
  out: string;
  kasaneVersion: string;
  json?: boolean;
}

type Step<T> = { ok: T } | { findings: Finding[] };

const notAChart = (shown: string, detail: string): Finding =>
  errorFinding('import/not-a-chart', `expected a Helm chart at '${shown}' (a folder with Chart.yaml, or a packaged .tgz), ${detail}`, {
    hint: 'pass the chart folder or the archive helm pull wrote',
    source: { file: shown },
  });

/** The chart's files and its name from Chart.yaml, from a folder or a packaged chart. */
async function readChart(file: string, shown: string): Promise<Step<{ name: string; files: Map<string, Uint8Array> }>> {
  const info = await stat(file).catch(() => undefined);
  if (!info) return { findings: [errorFinding('import/no-such-path', `expected a chart at '${shown}', found nothing`, { hint: 'check the path given to --chart' })] };
  let files: Map<string, Uint8Array>;
  if (info.isDirectory()) {
    const read = (await readChartFolder(file))!;
    if (read.others.length) return { findings: [notAChart(shown, `found a link or special file '${read.others[0]}' in it`)] };
    files = read.files;
  } else {
    try {
      files = readChartArchive(new Uint8Array(await readFile(file)), `'${shown}'`).files;
    } catch (error) {
      if (!isKasaneError(error)) throw error;
      return { findings: error.findings };
    }
  }
  const meta = files.get('Chart.yaml');
  const chart = meta ? readYamlValue(Buffer.from(meta).toString('utf8')) : undefined;
  const name = isPlainObject(chart) && typeof chart.name === 'string' ? chart.name : undefined;
  if (!name) return { findings: [notAChart(shown, meta ? "found a Chart.yaml without a 'name'" : 'found no Chart.yaml')] };
  return { ok: { name: dnsLabel(name, 'chart'), files } };
}

/** What `helm install` would create, as `helm template` prints it: tests left out (kasane never renders them), namespaced objects in the release namespace. */
function releaseObjects(text: string, namespace: string): KObject[] {
  const objects = manifestObjects(readYaml(text, { dialect: 'kubectl' }).documents).objects.map((o) => o.object);
  const installed = objects.filter((o) => !(hookOf(o)?.events ?? []).some((e) => e === 'test' || e === 'test-success'));
  const crds = installed.filter((o) => o.kind === 'CustomResourceDefinition');
  return withReleaseNamespace(installed, namespace, crds).objects;
}

/** `helm template` of the chart as the user gave it, with the values files as given: the oracle of the zero-diff check. */
async function helmTemplate(helm: HelmRunner, chart: string, shown: string, flags: ChartImportFlags, release: string, kubeVersion: string, cwd: string): Promise<Step<KObject[]>> {
  const args = ['template', release, chart, '--namespace', flags.namespace, '--kube-version', kubeVersion, '--include-crds', ...flags.values.flatMap((f) => ['-f', f])];
  const run = await helm.run(args, { cwd });
  if (run.status === 0) return { ok: releaseObjects(run.stdout, flags.namespace) };
  const said = run.stderr.split('\n').find((l) => l.trim() !== '' && !l.startsWith('Use --debug')) ?? `helm exited with status ${run.status}`;
  return {
    findings: [
      errorFinding('import/chart-render-failed', `helm template of '${shown}' failed: ${said.replace(/^Error: /, '')}`, {
        hint: 'fix the chart or the values files; helm names the template and line',
      }),
    ],
  };
}

/** Checks everything and renders the oracle; the findings when something is wrong. */
async function prepare(io: CliIo, flags: ChartImportFlags) {
  const chartPath = path.resolve(io.cwd, flags.chart);
  const chart = await readChart(chartPath, flags.chart);
  if ('findings' in chart) return chart;
  const shape = vendoredValuesShape(chart.ok.name, chart.ok.files);
  if ('finding' in shape) return { findings: [shape.finding] };
  const values = readValuesFiles(chart.ok.name, shape.shape, flags.values, io.cwd);
  if (values.findings.length) return { findings: values.findings };
  let helm: HelmRunner;
  try {
    helm = await findHelm({ env: io.env, cwd: io.cwd });
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    return { findings: error.findings };
  }
  const release = flags.release ?? chart.ok.name;
  const kubeVersion = fullKubeVersion(DEFAULT_KUBERNETES_VERSION)!;
  const expected = await helmTemplate(helm, chartPath, flags.chart, flags, release, kubeVersion, io.cwd);
  if ('findings' in expected) return expected;
  return { ok: { chart: chart.ok, values: values.values, helm, release, kubeVersion, expected: expected.ok } };
}

/** Vendors the chart of the new project and writes its values module, as `kasane vendor` and `kasane chart-types` do. */
async function vendorAndType(out: string, name: string, helm: HelmRunner): Promise<Finding[]> {
  const sources: ChartSource[] = [{ name, repository: `./charts/${name}` }];
  try {
    await vendorCharts(out, sources, helm, String(process.pid));
    const { charts, findings } = await verifyVendored(out, sources);
    if (findings.length) return findings;
    const lock = (await readVendorFolder(out)).lock!;
    const typed = chartTypesModule(name, charts.get(name)!, lock.charts[name]!);
    if ('finding' in typed) return [typed.finding];
    await writeGeneratedFiles(path.join(out, CHART_TYPES_DIR), [typed.file]);
    return [];
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    return error.findings;
  }
}

/** Renders the new project's environment and compares it with what helm printed. */
async function checkChartZeroDiff(io: CliIo, out: string, expected: readonly KObject[], cacheDir: string): Promise<number> {
  const env = HELM_RELEASE_ENVIRONMENT;
  rememberSecretsOf(io, expected);
  const result = await renderForCli(io, await loadProject(out, { cacheDir }), env, 'output', { validate: false });
  // Warnings such as charts/random-output explain a difference the check is about to report.
  const warnings = result.findings.filter((f) => f.severity === 'warning');
  if (warnings.length && result.output) reportFindings(io, warnings, out, {});
  if (checkZeroDiff(io, out, env, result, expected, 'helm template')) return EXIT.ok;
  if (warnings.some((f) => f.code === 'charts/random-output'))
    io.stderr('the chart prints random values (charts/random-output above), which differ on every render: pass them in through the values and import again\n');
  return EXIT.failed;
}

/** `kasane import --chart`: exit 0 imported with a zero diff, 1 the check found differences, 2 bad input (nothing written). */
export async function runChartImport(io: CliIo, flags: ChartImportFlags, out: string): Promise<number> {
  const ready = await prepare(io, flags);
  if ('findings' in ready) {
    reportFindings(io, ready.findings, io.cwd, flags);
    io.stderr('nothing written: fix the errors above and run again\n');
    return EXIT.usage;
  }
  const { chart, values, helm, release, kubeVersion, expected } = ready.ok;
  const imported = { name: chart.name, chartFiles: chart.files, values, release, namespace: flags.namespace, kubernetesVersion: kubeVersion };
  await writeProjectFiles(out, helmReleaseProject(imported, { name: path.basename(out), kasaneVersion: flags.kasaneVersion }));
  const failed = await vendorAndType(out, chart.name, helm);
  if (failed.length) {
    reportFindings(io, failed, out, flags);
    io.stderr(`the project in '${path.relative(io.cwd, out) || '.'}' is incomplete: fix the errors above, then run kasane vendor and kasane chart-types there\n`);
    return EXIT.usage;
  }
  io.stderr(`wrote a project to ${path.relative(io.cwd, out) || '.'}: chart '${chart.name}' vendored and typed (${CHART_TYPES_DIR}/${chart.name}.ts), environment '${HELM_RELEASE_ENVIRONMENT}'\n`);
  return withScratchCache((cacheDir) => checkChartZeroDiff(io, out, expected, cacheDir));
}
