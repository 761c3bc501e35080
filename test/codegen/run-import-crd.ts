/**
 * Runs `kasane import-crd` in process, through the command alone (main.ts wiring aside).
 */
import { CommanderError } from 'commander';
import { makeImportCrdCommand } from '../../src/cli/commands/import-crd.ts';

/** Output of one run. */
export interface ImportCrdRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `kasane import-crd <argv>` in folder `cwd`. */
export async function runImportCrd(argv: string[], cwd: string): Promise<ImportCrdRun> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), cwd, env: {} };
  const command = makeImportCrdCommand(io, (c) => {
    code = c;
  })
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    await command.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    code = error.code === 'commander.helpDisplayed' ? 0 : 2;
  }
  return { code, stdout, stderr };
}
