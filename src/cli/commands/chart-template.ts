/**
 * `kasane chart-template <name> [-f values.yaml]...`: renders one vendored chart, offline, as the
 * chart component will render it in an environment: values checked against the chart's types,
 * helm template with the project's Kubernetes version, CRDs, the hook and test policy, random
 * output reported. Prints the objects as YAML, each with the template it came from.
 */
import { Command, Option } from 'commander';
import { countOf, didYouMean, errorFinding, formatObjectRef } from '../../errors.ts';
import { vendoredValuesShape } from '../../charts/chart-values-input.ts';
import { HOOK_POLICIES, type HookPolicy } from '../../charts/hooks.ts';
import { renderChart } from '../../charts/render-chart.ts';
import { openDocumentCache, verifyVendored } from '../../charts/vendor-fs.ts';
import { treeDigest } from '../../charts/digest.ts';
import { DEFAULT_KUBERNETES_VERSION } from '../../k8s/schema/graph.ts';
import { refOf } from '../../k8s/object.ts';
import { emitDocument } from '../../render/emit.ts';
import { projectCacheDir } from '../../load/load-project.ts';
import { failWith, helmFor, loadChartProject } from '../chart-project.ts';
import { projectOption, reportFindings, type ProjectFlags } from '../context.ts';
import { EXIT, type CliIo } from '../io.ts';
import { readValuesFiles } from '../values-files.ts';

interface ChartTemplateFlags extends ProjectFlags {
  values: string[];
  release?: string;
  namespace: string;
  kubeVersion?: string;
  apiVersions: string[];
  crds: boolean;
  hooks: HookPolicy;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `kasane chart-template`. */
export function makeChartTemplateCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('chart-template')
    .description('render one vendored chart with checked values, offline, and print its objects as YAML')
    .argument('<name>', 'the chart, by the name kasane.config.ts gives it')
    .addOption(projectOption())
    .option('-f, --values <file>', 'a values file (repeatable; later files win)', collect, [])
    .option('--release <name>', 'release name (default: the chart name)')
    .option('-n, --namespace <ns>', 'release namespace', 'default')
    .option('--kube-version <version>', 'Kubernetes version (default: kubernetesVersion of kasane.config.ts)')
    .option('--api-versions <api>', 'an API the cluster serves, group/version or group/version/Kind (repeatable)', collect, [])
    .option('--no-crds', "leave out the files of the chart's crds/ folder")
    .addOption(new Option('--hooks <policy>', 'Helm hooks: keep, drop, or rewrite to Argo CD hooks (tests are always dropped)').choices([...HOOK_POLICIES]).default('keep'))
    .option('--json', 'print findings as JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ kasane chart-template podinfo -f values-prod.yaml -n web
  $ kasane chart-template cert-manager --api-versions monitoring.coreos.com/v1 --hooks argocd

Reads only vendor/charts/ (run kasane vendor first); runs helm 3.17+ (not 3.18.0) or helm 4.`,
    )
    .action(async (name: string, flags: ChartTemplateFlags) => setExit(await runChartTemplate(io, name, flags)));
}

async function runChartTemplate(io: CliIo, name: string, flags: ChartTemplateFlags): Promise<number> {
  const project = await loadChartProject(io, flags);
  const source = project.sources.find((s) => s.name === name);
  const declared = project.sources.map((s) => s.name);
  if (!source)
    failWith(
      io,
      [
        errorFinding('charts/unknown-chart', `no chart '${name}' is declared in kasane.config.ts${didYouMean(name, declared)}`, {
          hint: declared.length ? `declared charts: ${declared.join(', ')}` : 'declare charts in kasane.config.ts (charts: [...]) and run kasane vendor',
        }),
      ],
      project.root,
      flags,
      '',
    );
  const { charts, findings } = await verifyVendored(project.root, [source]);
  if (findings.length) failWith(io, findings, project.root, flags, '');
  const chart = charts.get(name)!;
  const read = vendoredValuesShape(name, chart.files);
  if ('finding' in read) failWith(io, [read.finding], project.root, flags, '');
  const values = readValuesFiles(name, read.shape, flags.values, io.cwd);
  if (values.findings.length) failWith(io, values.findings, project.root, flags, 'nothing rendered: fix the values and run again');
  const helm = await helmFor(io, project.root, flags);
  const cache = await openDocumentCache(projectCacheDir(project.root), treeDigest(chart.files));
  const options = {
    release: flags.release ?? name,
    namespace: flags.namespace,
    values: values.values,
    kubeVersion: flags.kubeVersion ?? project.config.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    apiVersions: flags.apiVersions,
    includeCrds: flags.crds,
    hooks: flags.hooks,
    cache,
  };
  const result = await renderChart(chart, options, helm);
  await cache.save();
  if (result.findings.some((f) => f.severity === 'error')) failWith(io, result.findings, project.root, flags, 'nothing rendered');
  const text = result.objects
    .map((o) => `# chart ${name}, ${o.crd ? 'crds file' : 'template'} ${o.template}${o.hook ? `, helm hook ${o.hook.events.join(',')} (${o.hook.policy})` : ''}\n${emitDocument(o.object)}`)
    .join('---\n');
  if (!flags.json) io.stdout(text);
  for (const d of result.dropped) io.stderr(`note: dropped ${formatObjectRef(refOf(d.object))} (template ${d.template}): ${d.reason}\n`);
  reportFindings(io, result.findings, project.root, flags);
  if (!flags.json)
    io.stderr(`rendered chart '${name}' with helm ${helm.version.text}: ${countOf(result.objects.length, 'object')}${result.dropped.length ? `, ${result.dropped.length} dropped` : ''}\n`);
  return EXIT.ok;
}
