/**
 * The kasane command line: `run(argv, io)` parses, dispatches to one command and returns the
 * exit code. It never calls process.exit, so tests call it in process.
 */
import { Command, CommanderError } from 'commander';
import { makeExplainCommand } from './commands/explain.ts';
import { makeImportCommand } from './commands/import.ts';
import { makeImportCrdCommand } from './commands/import-crd.ts';
import { makeListCommand } from './commands/list.ts';
import { makeRenderCommand } from './commands/render.ts';
import { makeValidateCommand } from './commands/validate.ts';
import { Exit } from './context.ts';
import { EXIT, type CliIo } from './io.ts';

/** The package version, filled in at build time. */
declare const KASANE_VERSION: string | undefined;
const version = typeof KASANE_VERSION === 'string' ? KASANE_VERSION : '0.0.0-dev';

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('kasane')
    .description('typed Kubernetes manifests: components, layered environments, deterministic YAML')
    .version(version, '-v, --version')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();
  for (const make of [makeRenderCommand, makeValidateCommand, makeExplainCommand, makeListCommand, makeImportCommand, makeImportCrdCommand]) {
    program.addCommand(make(io, setExit).exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }));
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof Exit) return error.code;
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.ok : EXIT.usage;
    }
    io.stderr(`internal error: ${error instanceof Error ? (io.env.KASANE_DEBUG ? error.stack : error.message) : String(error)}\nthis is a bug in kasane; set KASANE_DEBUG=1 for the stack and report it\n`);
    return EXIT.usage;
  }
}
