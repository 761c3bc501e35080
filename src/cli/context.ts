/**
 * What every command shares: loading the project from the command line's point of view, and
 * turning findings into printed text and an exit code.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Option } from 'commander';
import { isKasaneError, type Finding } from '../errors.ts';
import { findProjectRoot, loadProject, locateProject, type LoadedProject } from '../load/load-project.ts';
import { render, type RenderResult } from '../pipeline/render.ts';
import type { RenderOptions, SealSettings } from '../pipeline/stage.ts';
import { chartRendersFor } from './chart-renders.ts';
import { exitCodeFor, findingsToJson, formatFindings } from './format.ts';
import type { CliIo } from './io.ts';
import { rememberSecrets } from './redacting-io.ts';
import { hiddenSecretTexts, secretTextsOf } from '../secrets/secret-texts.ts';

/** Thrown by a command to end with an exit code after printing. */
export class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Options every command that loads a project accepts. */
export interface ProjectFlags {
  project?: string;
  json?: boolean;
}

/** `-C, --project <dir>`, the option of every command that works on a project. */
export function projectOption(): Option {
  return new Option('-C, --project <dir>', 'project folder (default: the nearest folder from here up with kasane.config.ts or environments/)');
}

/** Prints findings to stderr (or JSON to stdout) and returns their exit code. */
export function reportFindings(io: CliIo, findings: readonly Finding[], root: string, flags: { json?: boolean }, scope?: string): number {
  if (flags.json) io.stdout(findingsToJson(findings, root));
  else {
    const text = formatFindings(findings, root, scope);
    if (text) io.stderr(text);
  }
  return exitCodeFor(findings);
}

/**
 * The folder whose `kasane.config.ts` applies to a command that works without a project
 * (`validate -f`): `-C`, else the nearest project folder from here up, else the current folder.
 */
export async function configRoot(io: CliIo, flags: ProjectFlags): Promise<string> {
  if (flags.project !== undefined) return path.resolve(io.cwd, flags.project);
  return (await findProjectRoot(io.cwd)) ?? io.cwd;
}

/**
 * Loads the project (`-C`, else the nearest project folder from the current folder up), or
 * prints why it cannot be loaded and exits 2.
 */
export async function loadForCli(io: CliIo, flags: ProjectFlags): Promise<LoadedProject> {
  let root = io.cwd;
  try {
    root = await locateProject(io.cwd, flags.project);
    return await loadProject(root, io.compileBundle ? { compile: io.compileBundle } : {});
  } catch (error) {
    if (isKasaneError(error)) {
      reportFindings(io, error.findings, root, flags);
      throw new Exit(2);
    }
    throw error;
  }
}

/**
 * How a command uses secret values. `output`: `render` writes or prints them, so each one must
 * be there. `check`: the command only looks at the project (`validate`, `list`, `explain`,
 * `diff`, `graph`, `render --check`), so a value it cannot read becomes a placeholder, and
 * SealedSecret entries are sealed only when they can be reproduced (KASANE_SEAL_KEY set).
 */
export type SecretUse = 'output' | 'check';

/**
 * How SealedSecrets are sealed from the CLI: reproducibly with the key in KASANE_SEAL_KEY
 * (base64, 32+ bytes); else, for `output` only, with fresh randomness as kubeseal does (the
 * output changes every run).
 */
export function sealSettings(io: CliIo, use: SecretUse = 'output'): SealSettings | undefined {
  const key = io.env.KASANE_SEAL_KEY;
  if (key) return { stableKey: Buffer.from(key, 'base64') };
  return use === 'output' ? { random: (n) => randomBytes(n) } : undefined;
}

/** The files `secretValue.fromFile` names, read when the render asks for one (relative to the project root). */
function projectFiles(root: string): Pick<ReadonlyMap<string, Uint8Array>, 'get'> {
  const read = new Map<string, Uint8Array | undefined>();
  return {
    get(file) {
      if (!read.has(file)) {
        try {
          read.set(file, readFileSync(path.resolve(root, file)));
        } catch {
          // Left out: the render reports `secrets/missing-file` naming it, or uses a placeholder.
          read.set(file, undefined);
        }
      }
      return read.get(file);
    },
  };
}

/**
 * The render options the CLI passes: secret values from the process environment and from the
 * files `secretValue.fromFile` names, and the seal settings, for `use`.
 */
export function cliRenderOptions(io: CliIo, project: LoadedProject, use: SecretUse = 'output'): RenderOptions {
  const seal = sealSettings(io, use);
  return { secrets: { sources: { env: io.env, files: projectFiles(project.root) }, ...(seal ? { seal } : {}), ...(use === 'check' ? { placeholders: true } : {}) } };
}

/**
 * Tells the output gate (see `redacting-io.ts`) the secret values a render met, but those its
 * objects show in the clear anyway; returns them.
 */
export function rememberRender(io: CliIo, result: Pick<RenderResult, 'secretValues' | 'resources'>): string[] {
  const hidden = hiddenSecretTexts(
    result.secretValues,
    result.resources.map((r) => r.object),
  );
  rememberSecrets(io, hidden);
  return hidden;
}

/** Tells the output gate the secret values of objects a command read (committed output, YAML files), but those they show in the clear. */
export function rememberSecretsOf(io: CliIo, objects: readonly unknown[]): void {
  rememberSecrets(io, hiddenSecretTexts(secretTextsOf(objects), objects));
}

/**
 * The render options of environment `env` from the CLI: secrets as {@link cliRenderOptions}
 * gives them, and its chart components rendered by helm (at `kubernetesVersion` when given).
 */
export async function envRenderOptions(io: CliIo, project: LoadedProject, env: string, use: SecretUse, kubernetesVersion?: string): Promise<RenderOptions> {
  const charts = await chartRendersFor(io, project, env, kubernetesVersion);
  return { ...cliRenderOptions(io, project, use), ...(charts ? { charts } : {}) };
}

/** Renders one environment the way every command does, and tells the output gate its secret values. */
export async function renderForCli(io: CliIo, project: LoadedProject, env: string, use: SecretUse, options: RenderOptions = {}): Promise<RenderResult> {
  const result = render(project, env, { ...(await envRenderOptions(io, project, env, use, options.kubernetesVersion)), ...options });
  rememberRender(io, result);
  return result;
}
