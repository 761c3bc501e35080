/**
 * What every command shares: loading the project from the command line's point of view, and
 * turning findings into printed text and an exit code.
 */
import path from 'node:path';
import { isKasaneError, type Finding } from '../errors.ts';
import { loadProject, type LoadedProject } from '../load/load-project.ts';
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

/** Prints findings to stderr (or JSON to stdout) and returns their exit code. */
export function report(io: CliIo, findings: readonly Finding[], root: string, flags: { json?: boolean }, scope?: string): number {
  if (flags.json) io.stdout(findingsToJson(findings, root));
  else {
    const text = formatFindings(findings, root, scope);
    if (text) io.stderr(text);
  }
  return exitCodeFor(findings);
}

/** The project root a command works on. */
export function projectRoot(io: CliIo, flags: ProjectFlags): string {
  return path.resolve(io.cwd, flags.project ?? '.');
}

/** Loads the project, or prints why it cannot be loaded and exits 2. */
export async function loadForCli(io: CliIo, flags: ProjectFlags): Promise<LoadedProject> {
  const root = projectRoot(io, flags);
  try {
    return await loadProject(root);
  } catch (error) {
    if (isKasaneError(error)) {
      report(io, error.findings, root, flags);
      throw new Exit(2);
    }
    throw error;
  }
}
