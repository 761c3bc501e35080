/**
 * `kasane validate [env...] [--json]` and `kasane validate -f <file|dir|->`: schema, reference
 * and policy findings for a project's environments, or for any Kubernetes YAML; with
 * `--upgrade-to`, what moving to another Kubernetes minor would break.
 */
import { Command } from 'commander';
import { countOf, isKasaneError, type Finding } from '../../errors.ts';
import type { KObject } from '../../k8s/object.ts';
import { supportedMinorOf } from '../../k8s/schema/load.ts';
import { readCrdFiles } from '../../load/crd-files.ts';
import { loadConfig, type LoadedProject } from '../../load/load-project.ts';
import { readManifests } from '../../load/read-manifests.ts';
import { renderableEnvironments } from '../../pipeline/render.ts';
import { validateOptionsOf } from '../../pipeline/validate-options.ts';
import { environmentChain, findEnvironment } from '../../project/environment.ts';
import { kubernetesVersionOf } from '../../project/kubernetes-version.ts';
import { validate, type ValidateOptions } from '../../validate/index.ts';
import { configRoot, Exit, loadForCli, projectOption, rememberSecretsOf, renderForCli, reportFindings, type ProjectFlags } from '../context.ts';
import { EXIT, type CliIo } from '../io.ts';
import { exitCodeFor } from '../format.ts';
import { notePlaceholders } from '../secret-placeholders.ts';
import { upgradeFindings, upgradeSummary, type UpgradeScope } from '../upgrade-findings.ts';

interface ValidateFlags extends ProjectFlags {
  file?: string[];
  crds?: string[];
  kubernetesVersion?: string;
  upgradeTo?: string;
}

/** `kasane validate`. */
export function makeValidateCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('validate')
    .description('check environments (or any Kubernetes YAML with -f) against the schema, references and policies')
    .argument('[env...]', 'environments to validate (default: all)')
    .option('-f, --file <path...>', 'validate YAML files or folders instead of the project (- reads stdin)')
    .option('--crds <path...>', 'with -f: CRDs to check custom resources against (files, streams, folders, Helm chart folders)')
    .option('--kubernetes-version <version>', 'validate against this Kubernetes minor (1.29 to 1.36) instead of the configured one')
    .option('--upgrade-to <version>', 'list what moving each environment (or the -f files) to this Kubernetes minor would break')
    .addOption(projectOption())
    .option('--json', 'print findings as JSON on stdout')
    .addHelpText(
      'after',
      `
Secret values are not needed: one that is not available becomes a placeholder (a note says so).

Examples:
  $ kasane validate                       every environment of the project
  $ kasane validate prod --json           findings for CI
  $ kasane validate --upgrade-to 1.34     what an upgrade breaks, in every environment
  $ helm template ./chart | kasane validate -f -
  $ kasane validate -f manifests/ --kubernetes-version 1.31
  $ kasane validate -f app.yaml --crds charts/cert-manager`,
    )
    .action(async (envs: string[], flags: ValidateFlags) => {
      const minors = versionFlags(io, flags);
      if (flags.file?.length) return setExit(await validateFiles(io, flags.file, flags, minors));
      if (flags.crds?.length) return setExit(usage(io, flags, '--crds works with -f: a project lists its CRDs in kasane.config.ts (crds)', '--crds'));
      const project = await loadForCli(io, flags);
      const names = envs.length ? envs : renderableEnvironments(project);
      if (minors.upgradeTo) return setExit(await upgradeProject(io, project, names, minors.upgradeTo, flags, minors.current));
      const results = [];
      for (const env of names) results.push(await renderForCli(io, project, env, 'check', minors.current ? { kubernetesVersion: minors.current } : {}));
      const findings = results.flatMap((r) => r.findings);
      notePlaceholders(io, results);
      const code = reportFindings(io, findings, project.root, flags, names.join(', '));
      if (!flags.json && findings.length === 0) io.stderr(`valid: ${names.join(', ')}\n`);
      setExit(code);
    });
}

function usage(io: CliIo, flags: ValidateFlags, message: string, flag: string): number {
  reportFindings(io, [{ severity: 'error', code: 'cli/invalid-option', message, hint: `drop ${flag}, or add -f <files>` }], io.cwd, flags);
  return EXIT.usage;
}

/** The minors of `--kubernetes-version` and `--upgrade-to`, or exit 2 naming the supported ones. */
function versionFlags(io: CliIo, flags: ValidateFlags): { current?: string; upgradeTo?: string } {
  const minorOf = (value: string | undefined, flag: string): string | undefined => {
    if (value === undefined) return undefined;
    try {
      return supportedMinorOf(value);
    } catch (error) {
      if (!isKasaneError(error)) throw error;
      reportFindings(
        io,
        error.findings.map((f) => ({ ...f, message: `${flag}: ${f.message}`, hint: f.hint?.replace('set kubernetesVersion to', `pass ${flag}`) })),
        io.cwd,
        flags,
      );
      throw new Exit(EXIT.usage);
    }
  };
  const current = minorOf(flags.kubernetesVersion, '--kubernetes-version');
  const upgradeTo = minorOf(flags.upgradeTo, '--upgrade-to');
  return { ...(current ? { current } : {}), ...(upgradeTo ? { upgradeTo } : {}) };
}

/**
 * `--upgrade-to`: each environment validated at its own minor and at the target; prints what
 * only the target has, and every deprecated or removed API there. Exit 1 when the target has errors.
 */
async function upgradeProject(io: CliIo, project: LoadedProject, names: readonly string[], to: string, flags: ValidateFlags, current?: string): Promise<number> {
  const shown: Finding[] = [];
  const atTarget: Finding[] = [];
  const scopes: UpgradeScope[] = [];
  for (const env of names) {
    const from = current ?? kubernetesVersionOf(environmentChain(findEnvironment(project.environments, env)), project.config);
    const before = await renderForCli(io, project, env, 'check', { kubernetesVersion: from });
    const after = await renderForCli(io, project, env, 'check', { kubernetesVersion: to });
    notePlaceholders(io, [after]);
    scopes.push({ name: env, from });
    shown.push(...upgradeFindings(before.findings, after.findings));
    atTarget.push(...after.findings);
  }
  reportFindings(io, shown, project.root, flags, names.join(', '));
  if (!flags.json) io.stderr(upgradeSummary(to, scopes, shown, atTarget));
  return upgradeExit(shown, atTarget);
}

/** 2 when the target could not be validated at all, 1 when it has errors, else 0. */
function upgradeExit(shown: readonly Finding[], atTarget: readonly Finding[]): number {
  return Math.max(exitCodeFor(shown), exitCodeFor(atTarget));
}

async function validateFiles(io: CliIo, files: string[], flags: ValidateFlags, minors: { current?: string; upgradeTo?: string }): Promise<number> {
  try {
    // A kasane.config.ts in the project folder brings its policies, external objects, CRDs and version.
    const config = await loadConfig(await configRoot(io, flags));
    const read = await readManifests(files, io.cwd, (limit) => io.readStdin?.(limit) ?? Promise.resolve(''));
    const crds = flags.crds?.length ? await readCrdFiles(flags.crds, io.cwd) : undefined;
    for (const note of crds?.notes ?? []) io.stderr(`note: ${note}\n`);
    const loadErrors = [...read.findings, ...(crds?.findings ?? [])];
    rememberSecretsOf(
      io,
      read.resources.map((r) => r.object),
    );
    const current = minors.current ?? kubernetesVersionOf([], config);
    const options: ValidateOptions = { ...validateOptionsOf(config), kubernetesVersion: current, partial: true };
    if (crds) options.crds = [...(options.crds ?? []), ...crds.crds.map((c) => c.object as KObject)];
    // Without the CRDs asked for, custom resources cannot be checked: stop. A manifest file that
    // cannot be read is reported, and the objects of the others are still validated (exit 2).
    if (crds?.findings.some((f) => f.severity === 'error')) {
      reportFindings(io, loadErrors, io.cwd, flags, files.join(', '));
      return EXIT.usage;
    }
    if (minors.upgradeTo) {
      const atTarget = validate(read.resources, { ...options, kubernetesVersion: minors.upgradeTo });
      const shown = [...loadErrors, ...upgradeFindings(validate(read.resources, options), atTarget)];
      reportFindings(io, shown, io.cwd, flags, files.join(', '));
      if (!flags.json) io.stderr(upgradeSummary(minors.upgradeTo, [{ name: files.join(', '), from: current }], shown, atTarget));
      return upgradeExit(shown, atTarget);
    }
    const findings = [...loadErrors, ...validate(read.resources, options)];
    const code = reportFindings(io, findings, io.cwd, flags, files.join(', '));
    if (!flags.json && findings.length === 0) io.stderr(`valid: ${countOf(read.resources.length, 'object')}\n`);
    return loadErrors.some((f) => f.severity === 'error') ? EXIT.usage : code;
  } catch (error) {
    if (isKasaneError(error)) return Math.max(2, reportFindings(io, error.findings, io.cwd, flags));
    throw error;
  }
}
