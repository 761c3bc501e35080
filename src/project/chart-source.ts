/**
 * The charts a project declares (`charts` in kasane.config.ts): where each comes from and
 * which version. `kasane vendor` pulls them into the vendor folder; rendering reads only that.
 */
import { didYouMean, errorFinding, type Finding } from '../errors.ts';
import { isPlainObject } from '../util/plain-object.ts';

/** The vendor folder, relative to the project root: one folder per declared chart, and the lock. */
export const VENDOR_DIR = 'vendor/charts';

/** The vendored file of a chart that a template path names: `vendor/charts/<chart>/<template>`. */
export function vendoredFile(chart: string, template: string): string {
  return `${VENDOR_DIR}/${chart}/${template}`;
}

/** One chart the project uses. */
export interface ChartSource {
  /** The project's name for it: its folder under vendor/charts/ and its key in the lock file. */
  name: string;
  /**
   * Where it comes from: a classic chart repository (`https://charts.example.com`), an OCI
   * registry path without the chart (`oci://ghcr.io/org/charts`), or a chart folder relative
   * to the project root (`./charts/web`).
   */
  repository: string;
  /** The chart's name in the repository or registry. @default name */
  chart?: string;
  /** The exact chart version; required for repositories and registries, not for folders. */
  version?: string;
  /** Talk plain HTTP to an `oci://` registry (a registry on localhost). @default false */
  plainHttp?: boolean;
}

/** How a chart is pulled. */
export type SourceKind = 'repository' | 'oci' | 'folder';

/** The kind of a declared repository. */
export function sourceKind(repository: string): SourceKind {
  if (repository.startsWith('oci://')) return 'oci';
  if (/^https?:\/\//.test(repository)) return 'repository';
  return 'folder';
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const CHART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const KEYS = ['name', 'repository', 'chart', 'version', 'plainHttp'];

function checkOne(entry: unknown, i: number, at: Omit<Finding, 'severity' | 'code' | 'message'>): Finding[] {
  const path = ['charts', i];
  const bad = (message: string, hint: string, key?: string): Finding => errorFinding('config/invalid-chart', message, { ...at, hint, path: key ? [...path, key] : path });
  if (!isPlainObject(entry))
    return [bad(`expected an object at charts[${i}], found ${JSON.stringify(entry)}`, "{ name: 'podinfo', repository: 'https://stefanprodan.github.io/podinfo', version: '6.14.1' }")];
  const out: Finding[] = [];
  for (const key of Object.keys(entry)) if (!KEYS.includes(key)) out.push(bad(`unknown key '${key}' in charts[${i}]${didYouMean(key, KEYS)}`, `known keys: ${KEYS.join(', ')}`, key));
  const { name, repository, chart, version, plainHttp } = entry;
  if (typeof name !== 'string' || !NAME.test(name) || name.length > 63)
    out.push(bad(`expected a lowercase DNS label as charts[${i}].name, found ${JSON.stringify(name)}`, "a name like 'cert-manager': it names the chart's folder under vendor/charts/", 'name'));
  if (typeof repository !== 'string' || repository === '') {
    out.push(
      bad(
        `expected a repository URL or folder as charts[${i}].repository, found ${JSON.stringify(repository)}`,
        "'https://…' (chart repository), 'oci://…' (registry) or './path' (chart folder)",
        'repository',
      ),
    );
    return out;
  }
  const kind = sourceKind(repository);
  if (kind === 'folder' && !/^\.\.?\//.test(repository))
    out.push(
      bad(
        `expected charts[${i}].repository to be 'https://…', 'oci://…' or a folder starting with './', found ${JSON.stringify(repository)}`,
        'write a folder relative to the project root as ./path',
        'repository',
      ),
    );
  if (chart !== undefined && (typeof chart !== 'string' || !CHART.test(chart)))
    out.push(bad(`expected a chart name as charts[${i}].chart, found ${JSON.stringify(chart)}`, "the chart's name in the repository, e.g. 'cert-manager'", 'chart'));
  if (kind === 'folder' && (chart !== undefined || version !== undefined))
    out.push(bad(`charts[${i}] is a chart folder: it takes no 'chart' or 'version'`, "the folder's Chart.yaml names the chart and its version", chart !== undefined ? 'chart' : 'version'));
  if (kind !== 'folder' && (typeof version !== 'string' || !VERSION.test(version)))
    out.push(
      bad(
        `expected an exact version as charts[${i}].version, found ${JSON.stringify(version)}`,
        "write the exact version to vendor, e.g. '6.14.1': ranges would change what a render gives without a change in the project",
        'version',
      ),
    );
  if (plainHttp !== undefined && (typeof plainHttp !== 'boolean' || kind !== 'oci'))
    out.push(bad(`charts[${i}].plainHttp is for 'oci://' registries only, as true or false`, 'remove it, or use an oci:// repository', 'plainHttp'));
  return out;
}

/**
 * Checks the `charts` of kasane.config.ts; `file` is the config file for findings.
 * Findings: `config/invalid-chart`, `config/duplicate-chart`.
 */
export function checkChartSources(raw: unknown, file?: string): { sources: ChartSource[]; findings: Finding[] } {
  const at = file ? { source: { file } } : {};
  if (raw === undefined) return { sources: [], findings: [] };
  if (!Array.isArray(raw))
    return {
      sources: [],
      findings: [
        errorFinding('config/invalid-chart', `expected a list of charts as 'charts', found ${JSON.stringify(raw)}`, {
          ...at,
          path: ['charts'],
          hint: "charts: [{ name: 'podinfo', repository: 'https://…', version: '6.14.1' }]",
        }),
      ],
    };
  const findings = raw.flatMap((entry, i) => checkOne(entry, i, at));
  const seen = new Map<string, number>();
  raw.forEach((entry, i) => {
    const name = isPlainObject(entry) && typeof entry.name === 'string' ? entry.name : undefined;
    if (name === undefined) return;
    if (seen.has(name))
      findings.push(
        errorFinding('config/duplicate-chart', `chart '${name}' is declared twice, at charts[${seen.get(name)}] and charts[${i}]`, {
          ...at,
          path: ['charts', i, 'name'],
          hint: 'give each chart its own name',
        }),
      );
    else seen.set(name, i);
  });
  return { sources: findings.length ? [] : (raw as ChartSource[]), findings };
}
