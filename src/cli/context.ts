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
import { render, type RenderOptions, type RenderResult, type SealSettings } from '../pipeline.ts';
import { exitCodeFor, findingsToJson, formatFindings } from './format.ts';
import type { CliIo } from './io.ts';

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
export function report(io: CliIo, findings: readonly Finding[], root: string, flags: { json?: boolean }, scope?: string): number {
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
    return await loadProject(root);
  } catch (error) {
    if (isKasaneError(error)) {
      report(io, error.findings, root, flags);
      throw new Exit(2);
    }
    throw error;
  }
}

/**
 * How SealedSecrets are sealed from the CLI: reproducibly with the key in KASANE_SEAL_KEY
 * (base64, 32+ bytes), else with fresh randomness as kubeseal does (output changes every run).
 */
export function sealSettings(io: CliIo): SealSettings {
  const key = io.env.KASANE_SEAL_KEY;
  return key ? { stableKey: Buffer.from(key, 'base64') } : { random: (n) => randomBytes(n) };
}

/**
 * The render options the CLI passes: secret values from the process environment and from the
 * files `secretValue.fromFile` names (relative to the project root), and the seal settings.
 */
export function cliRenderOptions(io: CliIo, project: LoadedProject, files: ReadonlyMap<string, Uint8Array> = new Map()): RenderOptions {
  return { secrets: { sources: { env: io.env, files }, seal: sealSettings(io) } };
}

/**
 * Renders one environment the way every command does. Files that secret references name are
 * read after a first pass asks for them (the build is deterministic, so one retry suffices).
 */
export function renderForCli(io: CliIo, project: LoadedProject, env: string, options: RenderOptions = {}): RenderResult {
  const first = render(project, env, { ...cliRenderOptions(io, project), ...options });
  const wanted = first.secretNeeds?.files ?? [];
  if (wanted.length === 0) return first;
  const files = new Map<string, Uint8Array>();
  for (const file of wanted) {
    try {
      files.set(file, readFileSync(path.resolve(project.root, file)));
    } catch {
      // Left out: the render reports `secrets/missing-file` naming it.
    }
  }
  return render(project, env, { ...cliRenderOptions(io, project, files), ...options });
}
