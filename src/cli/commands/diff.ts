/**
 * `kasane diff <envA> [envB]`: per object and per field, what differs between two environments,
 * or between a fresh render of one environment and its committed output.
 */
import path from 'node:path';
import { Command } from 'commander';
import { isManifestObject } from '../../k8s/manifest-objects.ts';
import { readYaml } from '../../k8s/yaml-read.ts';
import type { Finding } from '../../errors.ts';
import type { KObject } from '../../k8s/object.ts';
import { isPlainObject } from '../../util/plain-object.ts';
import type { RenderResult } from '../../pipeline/render.ts';
import { environmentChain, type Environment } from '../../project/environment.ts';
import { filesListedBy } from '../../render/layout.ts';
import { diffObjectSets, entriesForDrift, entriesOfEnvironment, type DiffSide, type ObjectSetDiff } from '../../tools/object-diff.ts';
import { readTree } from '../../output/write.ts';
import { redactForDiff } from '../../secrets/redact.ts';
import { Exit, loadForCli, projectOption, rememberSecretsOf, renderForCli, reportFindings, type ProjectFlags } from '../context.ts';
import { noteNotCompared, notePlaceholders, withCommittedSecretObjects } from '../secret-placeholders.ts';
import { formatDiffJson, formatDiffMarkdown, formatDiffText } from '../diff-format.ts';
import { EXIT, type CliIo } from '../io.ts';
import type { LoadedProject } from '../../load/load-project.ts';
import { compareCodeUnits } from '../../util/code-unit.ts';

interface DiffFlags extends ProjectFlags {
  out?: string;
  markdown?: boolean;
}

/** `kasane diff`. */
export function makeDiffCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('diff')
    .description('per-object, per-field differences between two environments, or between a render and its committed output')
    .argument('<env>', 'environment to compare (alone: with its committed output)')
    .argument('[other]', 'second environment: show what changes from <env> to <other>')
    .option('-o, --out <dir>', 'output folder holding the committed output (default: `out` of kasane.config.ts, else rendered/)')
    .option('--json', 'print the differences as JSON')
    .option('--markdown', 'print the differences as Markdown (a pull request comment)')
    .addOption(projectOption())
    .addHelpText(
      'after',
      `
Secret values never appear: a changed entry of a Secret's data or stringData shows <changed>.
Secret values are not needed: one that is not available becomes a placeholder, and against the
committed output it is not compared (a note lists those).
Exit code: 0 no differences, 1 differences, 2 errors.

Examples:
  $ kasane diff staging prod           what prod does differently from staging
  $ kasane diff prod                   what a render of prod would change in the committed output
  $ kasane diff staging prod --markdown > comment.md`,
    )
    .action(async (env: string, other: string | undefined, flags: DiffFlags) => setExit(await runDiff(io, env, other, flags)));
}

async function runDiff(io: CliIo, env: string, other: string | undefined, flags: DiffFlags): Promise<number> {
  if (flags.json && flags.markdown) {
    io.stderr('error: --json and --markdown cannot be used together\n  fix: pick one output format\n');
    return EXIT.usage;
  }
  const project = await loadForCli(io, flags);
  const diff = other === undefined ? await diffWithCommitted(io, project, env, flags) : await diffEnvironments(io, project, env, other, flags);
  if (flags.json) io.stdout(formatDiffJson(diff));
  else if (flags.markdown) io.stdout(formatDiffMarkdown(diff));
  else io.stdout(formatDiffText(diff, { color: !!io.isTTY && !io.env.NO_COLOR }));
  return diff.objects.length === 0 ? EXIT.ok : EXIT.failed;
}

/** Renders `env` without validation, as a check (placeholders for secret values not available); on errors prints them and exits 2. */
async function renderOrExit(io: CliIo, project: LoadedProject, env: string, flags: DiffFlags) {
  const result = await renderForCli(io, project, env, 'check', { validate: false });
  if (result.findings.some((f) => f.severity === 'error') || !result.output) {
    reportFindings(io, result.findings, project.root, { ...(flags.json ? { json: true } : {}) }, env);
    throw new Exit(EXIT.usage);
  }
  return result;
}

function namespaceOf(project: LoadedProject, env: string): string | undefined {
  const found: Environment | undefined = project.environments.find((e) => e.name === env);
  return found ? [...environmentChain(found)].reverse().find((e) => e.namespace)?.namespace : undefined;
}

async function diffEnvironments(io: CliIo, project: LoadedProject, a: string, b: string, flags: DiffFlags): Promise<ObjectSetDiff> {
  const rendered = [await renderOrExit(io, project, a, flags), await renderOrExit(io, project, b, flags)];
  notePlaceholders(io, rendered);
  const side = (env: string, result: RenderResult): DiffSide => {
    const ns = namespaceOf(project, env);
    return { label: env, objects: entriesOfEnvironment(result.resources), ...(ns ? { namespace: ns } : {}) };
  };
  return diffObjectSets(side(a, rendered[0]!), side(b, rendered[1]!), { normalizeReferences: true, redact: redactForDiff });
}

async function diffWithCommitted(io: CliIo, project: LoadedProject, env: string, flags: DiffFlags): Promise<ObjectSetDiff> {
  const rendered = await renderOrExit(io, project, env, flags);
  const outDir = path.resolve(project.root, flags.out ?? project.config.out);
  const folder = path.join(outDir, env);
  const files = await readTree(folder);
  if (files.size === 0) io.stderr(`note: nothing committed in ${path.relative(io.cwd, folder) || '.'}: every object is new\n`);
  const { objects, findings } = readCommitted(files, path.relative(project.root, folder));
  // The committed Secrets hold values too (older ones, perhaps): never printed either.
  rememberSecretsOf(io, objects);
  if (findings.length) {
    reportFindings(io, findings, project.root, { ...(flags.json ? { json: true } : {}) }, env);
    throw new Exit(EXIT.usage);
  }
  noteNotCompared(io, [rendered]);
  // The rendered side is read back from the emitted files, so both sides went through YAML;
  // a placeholder cannot be compared, so the committed value is kept in its place.
  const after = withCommittedSecretObjects(readCommitted(rendered.output!.files, env).objects, objects, rendered.placeholders ?? []);
  return diffObjectSets({ label: 'committed', objects: entriesForDrift(objects) }, { label: 'rendered', objects: entriesForDrift(after) }, { redact: redactForDiff });
}

/**
 * The objects of an environment folder (committed or just emitted): the files its kustomization.yaml lists (every
 * `.yaml` file when kasane did not write one), parsed as YAML 1.1 like Kubernetes tooling does.
 */
export function readCommitted(files: ReadonlyMap<string, string>, folder: string): { objects: KObject[]; findings: Finding[] } {
  const listed = filesListedBy(files.get('kustomization.yaml') ?? '');
  const names = listed ?? [...files.keys()].filter((f) => f !== 'kustomization.yaml' && /\.ya?ml$/.test(f)).sort(compareCodeUnits);
  const objects: KObject[] = [];
  const findings: Finding[] = [];
  for (const name of names) {
    const text = files.get(name);
    if (text === undefined) continue;
    const file = `${folder}/${name}`;
    const read = readYaml(text, { dialect: 'kubectl' });
    for (const problem of read.problems) {
      findings.push({
        severity: 'error',
        code: 'diff/unreadable-committed-file',
        message: `expected YAML, found: ${problem.message}`,
        hint: 'run `kasane render` to rewrite the output folder, or fix the file by hand',
        source: { file, ...(problem.line ? { line: problem.line } : {}) },
      });
    }
    for (const doc of read.documents) if (isManifestObject(doc.value)) objects.push(doc.value);
  }
  return { objects, findings };
}
