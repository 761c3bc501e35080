/**
 * `kasane import <path...> [--out DIR] [--force]`: plain YAML or Kustomize trees → a kasane
 * project, then the zero-diff check: every environment rendered in process must equal what
 * `kubectl kustomize` prints for its overlay (or the imported YAML itself). With `--chart`, a
 * Helm release instead (import-chart.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { manifestObjects } from '../../k8s/manifest-objects.ts';
import { readYaml } from '../../k8s/yaml-read.ts';
import { countOf, isKasaneError, type Finding } from '../../errors.ts';
import { diffObjects, formatDiffs } from '../../import/compare.ts';
import { explainKustomizeScope } from '../../import/kustomize-scope.ts';
import { readImportSource, writeProjectFiles } from '../../import/fs.ts';
import { importProject, type ImportedEnvironment } from '../../import/import-project.ts';
import { projectConfig } from '../../import/project-files.ts';
import { missingReferences, type MissingReference } from '../../validate/references.ts';
import type { KObject } from '../../k8s/object.ts';
import { loadProject } from '../../load/load-project.ts';
import { render } from '../../pipeline/render.ts';
import { rememberRender, rememberSecretsOf, reportFindings } from '../context.ts';
import { checkZeroDiff, manifestObjectsOf, renderFailed, withScratchCache } from '../zero-diff.ts';
import { EXIT, type CliIo } from '../io.ts';
import { runChartImport } from './import-chart.ts';
import { kasaneSpec, kasaneSpecOption } from '../kasane-spec.ts';

interface ImportFlags {
  out: string;
  chart?: string;
  values: string[];
  release?: string;
  namespace: string;
  force?: boolean;
  json?: boolean;
  kasane?: string;
}

/** `kasane import`. */
export function makeImportCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('import')
    .description('turn plain YAML, Kustomize trees (base + overlays) or a Helm release into a kasane project, checked for a zero diff')
    .argument('[path...]', 'YAML files, folders of them, or Kustomize folders')
    .option('-o, --out <dir>', 'folder of the new project', 'kasane-project')
    .option('--chart <chart>', 'import a Helm release of this chart (a chart folder or a packaged .tgz) as a chart component')
    .option('-f, --values <file>', 'with --chart: a values file of the release (repeatable; later files win)', (v: string, all: string[]) => [...all, v], [])
    .option('--release <name>', 'with --chart: the release name (default: the chart name)')
    .option('-n, --namespace <ns>', 'with --chart: the release namespace', 'default')
    .option('--force', 'write the project even when some Kustomize features cannot be imported, or into a folder that is not empty')
    .option('--json', 'print findings as JSON on stdout')
    .addOption(kasaneSpecOption())
    .addHelpText(
      'after',
      `
Imports resources, components, namespace, namePrefix, nameSuffix, commonLabels, labels,
commonAnnotations, images, replicas, patches, patchesStrategicMerge, patchesJson6902,
configMapGenerator, secretGenerator, generatorOptions, vars, replacements, configurations, crds,
sortOptions, buildMetadata [managedByLabel, originAnnotations, transformerAnnotations],
openapi (a local schema file)
and builtin transformers and generators.
Secret values go to git-ignored files, never into code. Objects the tree names but does not
hold are listed in 'external' of kasane.config.ts. The zero-diff check does not count, and
names in a note, the namespace Kustomize gives a cluster-scoped kind it reads as namespaced.
Exit codes: 0 imported with a zero diff, 1 the new project does not render or the zero-diff
check found differences (the project is written either way),
2 bad input or Kustomize features kasane cannot express (nothing written without --force).

Examples:
  $ kasane import k8s/ --out platform        a tree with base/ and overlays/<env>/
  $ kasane import overlays/prod overlays/dev   chosen overlays only
  $ kasane import manifests/*.yaml             plain YAML
  $ kasane import --chart ./podinfo -f prod.yaml --release web -n web
                                               a Helm release, kept as a chart component:
                                               vendored with a lock, values typed, compared
                                               with helm template (needs helm, see kasane vendor)`,
    )
    .action(async (paths: string[], flags: ImportFlags) => setExit(await runImport(io, paths, flags)));
}

async function runImport(io: CliIo, paths: string[], flags: ImportFlags): Promise<number> {
  const usage = usageProblem(paths, flags);
  if (usage) {
    io.stderr(`error: ${usage}\n`);
    return EXIT.usage;
  }
  const out = path.resolve(io.cwd, flags.out);
  if (flags.chart !== undefined) {
    if (existsSync(out) && readdirSync(out).length) return notEmpty(io, out, 'choose another --out');
    return runChartImport(io, { ...flags, chart: flags.chart, kasaneVersion: kasaneSpec(flags.kasane, io.cwd, out) }, out);
  }
  const missing = paths.filter((p) => !existsSync(path.resolve(io.cwd, p)));
  if (missing.length) {
    return reportFindings(
      io,
      missing.map((p) => ({ severity: 'error', code: 'import/no-such-path', message: `expected a file or folder at '${p}', found nothing`, hint: 'check the path' })),
      io.cwd,
      flags,
    );
  }
  const { root, source } = readImportSource(paths, io.cwd);
  rememberSourceSecrets(io, source.files);
  const result = importProject(source, { name: path.basename(out), kasaneVersion: kasaneSpec(flags.kasane, io.cwd, out) });
  const findings: Finding[] = result.findings.map((f) => (f.source ? { ...f, source: { ...f.source, file: path.join(root, f.source.file) } } : f));
  const blocked = findings.some((f) => f.severity === 'error');
  if (findings.length) reportFindings(io, findings, io.cwd, flags);
  if (blocked && !flags.force) {
    io.stderr('nothing written: the input uses what kasane cannot import (above); fix it or pass --force to write the rest\n');
    return EXIT.usage;
  }
  if (existsSync(out) && readdirSync(out).length && !flags.force) return notEmpty(io, out, 'choose another --out or pass --force to overwrite files in it');
  try {
    await writeProjectFiles(out, result.files);
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    reportFindings(io, error.findings, io.cwd, flags);
    io.stderr('nothing written: a file of the project would land outside the output folder (above)\n');
    return EXIT.usage;
  }
  io.stderr(`wrote ${countOf(result.files.size, 'file')} to ${path.relative(io.cwd, out) || '.'} (${result.environments.map((e) => e.name).join(', ')})\n`);
  for (const note of result.notes) io.stderr(`note: ${note}\n`);
  const code = await withScratchCache((cacheDir) => checkEnvironments(io, out, root, result.environments, cacheDir));
  return blocked ? EXIT.usage : code;
}

/** Why the arguments do not make one import, or undefined. */
function usageProblem(paths: readonly string[], flags: ImportFlags): string | undefined {
  if (flags.chart === undefined) {
    if (paths.length === 0) return 'expected YAML files, folders or Kustomize folders to import, or --chart <chart>';
    if (flags.values.length || flags.release !== undefined || flags.namespace !== 'default') return '-f, --release and --namespace belong to --chart <chart>';
    return undefined;
  }
  if (paths.length) return `expected either paths or --chart, found both ('${paths[0]}' and --chart ${flags.chart})`;
  if (flags.force) return '--force does not apply to --chart: a chart import writes only into an empty folder';
  return undefined;
}

function notEmpty(io: CliIo, out: string, fix: string): number {
  io.stderr(`nothing written: '${path.relative(io.cwd, out) || '.'}' is not empty; ${fix}\n`);
  return EXIT.usage;
}

/** Tells the output gate the values of the Secrets in the files being imported: nothing printed may show them. */
function rememberSourceSecrets(io: CliIo, files: ReadonlyMap<string, Uint8Array>): void {
  for (const bytes of files.values()) {
    const text = Buffer.from(bytes).toString('utf8');
    if (!text.includes('Secret')) continue;
    // Read as kubectl reads it; documents it cannot read are reported by the importer.
    rememberSecretsOf(
      io,
      readYaml(bytes, { dialect: 'kubectl' }).documents.map((d) => d.value),
    );
  }
}

/**
 * The message of a failed kubectl run: kubectl logs it as `E1207 15:51:20.029573 20571
 * run.go:72] "command failed" err="..."`, whose time and process id say nothing to the user.
 */
function kubectlMessage(stderr: string): string {
  const logged = /"command failed" err="((?:[^"\\]|\\.)*)"/.exec(stderr);
  if (!logged) return stderr.trim();
  try {
    return JSON.parse(`"${logged[1]}"`) as string;
  } catch {
    return logged[1]!;
  }
}

/** What kubectl prints for `dir`, or why it could not be asked. */
function kubectlKustomize(dir: string): { objects?: KObject[]; skipped?: string; error?: string } {
  const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) return { skipped: 'kubectl not found' };
  if (run.status !== 0) return { error: kubectlMessage(run.stderr) };
  return { objects: manifestObjectsOf(run.stdout) };
}

/**
 * The objects of plain YAML `files` as `kubectl apply -f` reads them, asked of kubectl itself
 * (a merge patch with nothing in it, printed as JSON, reads and prints the files unchanged).
 */
function kubectlRead(files: readonly string[]): { objects?: KObject[]; skipped?: string; error?: string } {
  const args = ['patch', '--local', ...files.flatMap((f) => ['-f', f]), '-p', '{}', '--type=merge', '-o', 'json'];
  const run = spawnSync('kubectl', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.error) return { skipped: 'kubectl not found' };
  if (run.status !== 0) return { error: kubectlMessage(run.stderr) };
  // One pretty-printed JSON object per object, one after the other.
  return { objects: run.stdout.split(/(?<=^\})\n(?=\{$)/m).flatMap(manifestObjectsOf) };
}

/** What the render of a plain-YAML environment must equal: kubectl's reading of the files, else kasane's. */
function plainExpected(io: CliIo, root: string, env: ImportedEnvironment): KObject[] {
  const got = kubectlRead((env.files ?? []).map((f) => path.join(root, f)));
  if (got.objects) return got.objects;
  io.stderr(`note: zero-diff check of '${env.name}' compares with kasane's reading of the YAML (which follows kubectl's): ${got.skipped ?? `kubectl could not read it: ${got.error}`}\n`);
  return env.objects ?? [];
}

/** Renders every imported environment and checks it against its source: exit 0 when all are equal, else 1 (the project does not load, or an environment differs). */
async function checkEnvironments(io: CliIo, out: string, root: string, environments: readonly ImportedEnvironment[], cacheDir: string): Promise<number> {
  let project;
  try {
    project = await loadProject(out, { cacheDir });
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    reportFindings(io, error.findings, out, {});
    io.stderr('zero-diff check failed: the new project does not load\n');
    return EXIT.failed;
  }
  let failed = 0;
  const missing = new Map<string, MissingReference & { env: string }>();
  for (const env of environments) {
    const result = render(project, env.name, { validate: false });
    rememberRender(io, result);
    for (const m of missingReferences(result.resources, project.config.external)) {
      const key = `${m.kind}/${m.namespace}/${m.name}`;
      if (!missing.has(key)) missing.set(key, { ...m, env: env.name });
    }
    // A project that does not render has failed, with kubectl or without it; where Kustomize
    // refuses the tree too (a patch that names no single object), the note says so.
    if (renderFailed(io, out, env.name, result)) {
      const source = env.objects ? undefined : kubectlKustomize(path.join(root, env.kustomization ?? '.'));
      if (source?.error) io.stderr(`note: kubectl kustomize ${env.kustomization ?? '.'} fails as well: ${source.error}\n`);
      failed++;
      continue;
    }
    let expected = env.objects && plainExpected(io, root, env);
    if (!expected) {
      const got = kubectlKustomize(path.join(root, env.kustomization ?? '.'));
      if (got.skipped) {
        io.stderr(`zero-diff check of '${env.name}' skipped: ${got.skipped}; run \`kasane render ${env.name} --stdout\` and compare with \`kubectl kustomize\` yourself\n`);
        continue;
      }
      if (got.error) {
        io.stderr(`zero-diff check of '${env.name}' skipped: kubectl kustomize failed: ${got.error}\n`);
        continue;
      }
      expected = got.objects!;
    }
    rememberSecretsOf(io, expected);
    const source = env.objects ? 'the imported YAML' : `kubectl kustomize ${env.kustomization}`;
    if (!checkZeroDiff(io, out, env.name, result, expected, source, env.objects ? undefined : explainKustomizeScope)) failed++;
  }
  if (missing.size) await writeExternals(io, out, [...missing.values()]);
  return failed ? EXIT.failed : EXIT.ok;
}

/**
 * Lists in kasane.config.ts the objects the imported tree names but does not hold (a Secret
 * a Job or an operator creates, a ServiceAccount another tool makes), so that the project
 * renders with validation on, as the tree was applied before.
 */
async function writeExternals(io: CliIo, out: string, missing: readonly (MissingReference & { env: string })[]): Promise<void> {
  const entries = missing.map((m) => ({
    ref: m.namespace ? `${m.kind}/${m.namespace}/${m.name}` : `${m.kind}/${m.name}`,
    comment: `named by ${m.referencedBy} (${m.env})`,
  }));
  await writeProjectFiles(out, new Map([['kasane.config.ts', projectConfig(entries)]]));
  io.stderr(
    `note: ${countOf(entries.length, 'object')} the tree names but does not hold listed as 'external' in kasane.config.ts: check that something creates ${entries.length === 1 ? 'it' : 'them'}\n`,
  );
}
