/**
 * What the chart commands share: the project's declared charts and a checked helm.
 */
import { isKasaneError, type Finding } from '../errors.ts';
import { vendoredValuesShape } from '../charts/chart-values-input.ts';
import type { LockedChart } from '../charts/lock.ts';
import type { VendoredChart } from '../charts/render-chart.ts';
import { chartTypesFile, generateChartTypes } from '../codegen/chart-values.ts';
import type { GeneratedFile } from '../codegen/generate.ts';
import { checkChartSources, type ChartSource } from '../project/chart-source.ts';
import { findHelm, type HelmRunner } from '../charts/helm-process.ts';
import { loadConfig, locateProject } from '../load/load-project.ts';
import type { ResolvedConfig } from '../project/config.ts';
import { Exit, reportFindings, type ProjectFlags } from './context.ts';
import { EXIT, type CliIo } from './io.ts';

/** A project's root, config and declared charts. */
export interface ChartProject {
  root: string;
  config: ResolvedConfig;
  sources: ChartSource[];
}

/** Prints findings and ends the command with exit code 2 (bad input): nothing was written. */
export function failWith(io: CliIo, findings: readonly Finding[], root: string, flags: { json?: boolean }, note = 'nothing written: fix the errors above and run again'): never {
  reportFindings(io, findings, root, flags);
  if (!flags.json && note) io.stderr(`${note}\n`);
  throw new Exit(EXIT.usage);
}

/** Runs `task`; a KasaneError it throws ends the command with its findings and exit code 2. */
export async function orFail<T>(io: CliIo, root: string, flags: { json?: boolean }, task: () => Promise<T>, note?: string): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (isKasaneError(error)) failWith(io, error.findings, root, flags, note);
    throw error;
  }
}

/** Loads the project's config and its `charts`, or ends the command with exit code 2. */
export async function loadChartProject(io: CliIo, flags: ProjectFlags): Promise<ChartProject> {
  const root = await orFail(io, io.cwd, flags, () => locateProject(io.cwd, flags.project), '');
  const config = await orFail(io, root, flags, () => loadConfig(root), '');
  const checked = checkChartSources(config.charts, config.file);
  if (checked.findings.length) failWith(io, checked.findings, root, flags, '');
  return { root, config, sources: checked.sources };
}

/** The user's helm (KASANE_HELM, else PATH), checked, or ends the command with exit code 2. */
export function helmFor(io: CliIo, root: string, flags: { json?: boolean }): Promise<HelmRunner> {
  return orFail(io, root, flags, () => findHelm({ env: io.env, cwd: root }), '');
}

/** The values module `kasane chart-types` writes for a vendored chart (and which file it was typed from), or why it cannot. */
export function chartTypesModule(name: string, chart: VendoredChart, locked: LockedChart): { file: GeneratedFile; from: string } | { finding: Finding } {
  const read = vendoredValuesShape(name, chart.files);
  if ('finding' in read) return read;
  const content = generateChartTypes({ name, chart: locked.chart, version: locked.version, digest: locked.digest, from: read.from, shape: read.shape });
  return { file: { path: chartTypesFile(name), content }, from: read.from };
}
