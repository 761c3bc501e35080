/**
 * `kasane validate [env...] [--json]` and `kasane validate -f <file|dir|->`: schema, reference
 * and policy findings for a project's environments, or for any Kubernetes YAML.
 */
import { Command } from 'commander';
import { countOf, isKasaneError } from '../../errors.ts';
import { loadConfig } from '../../load/load-project.ts';
import { readManifests } from '../../load/read-manifests.ts';
import { renderableEnvironments, validateOptionsOf } from '../../pipeline.ts';
import { validate } from '../../validate/index.ts';
import { configRoot, loadForCli, projectOption, rememberSecretsOf, renderForCli, report, type ProjectFlags } from '../context.ts';
import type { CliIo } from '../io.ts';
import { notePlaceholders } from '../secret-placeholders.ts';

interface ValidateFlags extends ProjectFlags {
  file?: string[];
}

/** `kasane validate`. */
export function makeValidateCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('validate')
    .description('check environments (or any Kubernetes YAML with -f) against the schema, references and policies')
    .argument('[env...]', 'environments to validate (default: all)')
    .option('-f, --file <path...>', 'validate YAML files or folders instead of the project (- reads stdin)')
    .addOption(projectOption())
    .option('--json', 'print findings as JSON on stdout')
    .addHelpText(
      'after',
      `
Secret values are not needed: one that is not available becomes a placeholder (a note says so).

Examples:
  $ kasane validate                       every environment of the project
  $ kasane validate prod --json           findings for CI
  $ helm template ./chart | kasane validate -f -
  $ kasane validate -f manifests/`,
    )
    .action(async (envs: string[], flags: ValidateFlags) => {
      if (flags.file?.length) return setExit(await validateFiles(io, flags.file, flags));
      const project = await loadForCli(io, flags);
      const names = envs.length ? envs : renderableEnvironments(project);
      const results = names.map((env) => renderForCli(io, project, env, 'check'));
      const findings = results.flatMap((r) => r.findings);
      notePlaceholders(io, results);
      const code = report(io, findings, project.root, flags, names.join(', '));
      if (!flags.json && findings.length === 0) io.stderr(`valid: ${names.join(', ')}\n`);
      setExit(code);
    });
}

async function validateFiles(io: CliIo, files: string[], flags: ValidateFlags): Promise<number> {
  try {
    // A kasane.config.ts in the project folder brings its policies, external objects and CRDs.
    const config = await loadConfig(await configRoot(io, flags));
    const read = await readManifests(files, io.cwd, (limit) => io.readStdin?.(limit) ?? Promise.resolve(''));
    rememberSecretsOf(io, read.resources.map((r) => r.object));
    // A file that cannot be read is reported; the objects of the others are still validated.
    const findings = [...read.findings, ...validate(read.resources, validateOptionsOf(config))];
    const code = report(io, findings, io.cwd, flags, files.join(', '));
    if (!flags.json && findings.length === 0) io.stderr(`valid: ${countOf(read.resources.length, 'object')}\n`);
    return read.findings.some((f) => f.severity === 'error') ? 2 : code;
  } catch (error) {
    if (isKasaneError(error)) return Math.max(2, report(io, error.findings, io.cwd, flags));
    throw error;
  }
}
