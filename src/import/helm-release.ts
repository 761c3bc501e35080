/**
 * `helmReleaseProject`: a Helm release (a chart's files and the values it was installed with) →
 * the files of a kasane project that keeps the chart a chart: the chart under `charts/<name>/`,
 * declared in kasane.config.ts (so `kasane vendor` locks it), a `helmChart` component typed by
 * the module `kasane chart-types` writes, and one environment that passes the values through
 * `.with(...)`. Pure: the caller reads the chart, vendors it and generates the types.
 */
import { chartModuleNames, chartTypesFile } from '../codegen/chart-values.ts';
import { lowerCamel, pascalCase } from '../codegen/identifiers.ts';
import { printValue, quote } from './code.ts';
import { projectFiles } from './project-files.ts';

/** What a Helm release is made of. */
export interface HelmRelease {
  /** The chart's name in the new project: a lowercase DNS label (component, chart and folder name). */
  name: string;
  /** The chart's files by `/`-separated path below its folder (Chart.yaml, values.yaml, templates/…). */
  chartFiles: ReadonlyMap<string, Uint8Array>;
  /** The values the release was installed with, merged as Helm merges values files. */
  values: Record<string, unknown>;
  release: string;
  namespace: string;
  /** The Kubernetes version helm renders for, `X.Y.Z`. */
  kubernetesVersion: string;
}

/** Options of {@link helmReleaseProject}. */
export interface HelmReleaseOptions {
  /** package.json name. */
  name: string;
  /** Version range of the kasane dependency. */
  kasaneVersion: string;
}

/** The environment every imported release gets. */
export const HELM_RELEASE_ENVIRONMENT = 'main';

/** Where the chart's values module goes, relative to the project (what `kasane chart-types` writes by default). */
export const CHART_TYPES_DIR = 'imports/charts';

function componentFile(release: HelmRelease): string {
  const names = chartModuleNames(release.name);
  const props = `{ name: ${quote(release.name)}, chart: ${names.chart}, values: ${names.values}, release: ${quote(release.release)}, namespace: ${quote(release.namespace)} }`;
  return [
    `// Chart '${release.name}' as a component: upgrade it by declaring another chart in kasane.config.ts,`,
    '// then `kasane vendor` and `kasane chart-types`.',
    "import { helmChart } from 'kasane';",
    `import { ${names.chart}, ${names.values} } from '../${CHART_TYPES_DIR}/${chartTypesFile(release.name)}';`,
    '',
    `export default helmChart(${props});`,
    '',
  ].join('\n');
}

function environmentFile(release: HelmRelease, component: string): string {
  const used = Object.keys(release.values).length ? `${component}.with(${printValue(release.values, 1)})` : component;
  return [
    "import { defineEnvironment } from 'kasane';",
    `import ${component} from '../components/${release.name}.ts';`,
    '',
    '// The values of the release (its values files, merged as helm merges them).',
    'export default defineEnvironment({',
    `  name: ${quote(HELM_RELEASE_ENVIRONMENT)},`,
    `  components: [${used}],`,
    '});',
    '',
  ].join('\n');
}

/** The project files for `release`. */
export function helmReleaseProject(release: HelmRelease, options: HelmReleaseOptions): Map<string, string | Uint8Array> {
  const component = lowerCamel(pascalCase(release.name) || 'chart');
  const files = new Map<string, string | Uint8Array>();
  for (const [file, bytes] of release.chartFiles) files.set(`charts/${release.name}/${file}`, bytes);
  files.set(`components/${release.name}.ts`, componentFile(release));
  files.set(`environments/${HELM_RELEASE_ENVIRONMENT}.ts`, environmentFile(release, component));
  const config = { kubernetesVersion: release.kubernetesVersion, charts: [{ name: release.name, repository: `./charts/${release.name}` }] };
  for (const [p, content] of projectFiles({ name: options.name, kasaneVersion: options.kasaneVersion, secrets: false, config, codeFolders: ['imports'] })) files.set(p, content);
  return files;
}
