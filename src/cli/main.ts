/**
 * The kasane command line: `run(argv, io)` parses, dispatches to one command and returns the
 * exit code. It never calls process.exit, so tests call it in process.
 */
import { Command, CommanderError } from 'commander';
import { isKasaneError } from '../errors.ts';
import { Exit } from './context.ts';
import { exitCodeFor, formatFindings } from './format.ts';
import { EXIT, type CliIo } from './io.ts';
import { redactingIo } from './redacting-io.ts';

export { processIo, type ProcessIo } from './process-io.ts';

/** The package version, filled in at build time. */
declare const KASANE_VERSION: string | undefined;
const version = typeof KASANE_VERSION === 'string' ? KASANE_VERSION : '0.0.0-dev';

type MakeCommand = (io: CliIo, setExit: (code: number) => void) => Command;

/**
 * Every command, loaded on demand: a run imports only the module of the command it runs (its
 * YAML reader, importer or code generator are not parsed on `kasane render`). Help and unknown
 * commands load them all.
 */
const COMMANDS: Record<string, () => Promise<MakeCommand>> = {
  render: async () => (await import('./commands/render.ts')).makeRenderCommand,
  validate: async () => (await import('./commands/validate.ts')).makeValidateCommand,
  diff: async () => (await import('./commands/diff.ts')).makeDiffCommand,
  explain: async () => (await import('./commands/explain.ts')).makeExplainCommand,
  list: async () => (await import('./commands/list.ts')).makeListCommand,
  graph: async () => (await import('./commands/graph.ts')).makeGraphCommand,
  schema: async () => (await import('./commands/schema.ts')).makeSchemaCommand,
  init: async () => (await import('./commands/init.ts')).makeInitCommand,
  import: async () => (await import('./commands/import.ts')).makeImportCommand,
  'import-crd': async () => (await import('./commands/import-crd.ts')).makeImportCrdCommand,
  vendor: async () => (await import('./commands/vendor.ts')).makeVendorCommand,
  'chart-types': async () => (await import('./commands/chart-types.ts')).makeChartTypesCommand,
  'chart-template': async () => (await import('./commands/chart-template.ts')).makeChartTemplateCommand,
};

/** The command a command line names, when it names a known one. */
function commandOf(argv: readonly string[]): string | undefined {
  const first = argv.find((a) => !a.startsWith('-'));
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? first : undefined;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[], given: CliIo): Promise<number> {
  // Everything a command prints goes through this one gate, which redacts secret values.
  const io = redactingIo(given);
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
  const wanted = commandOf(argv);
  const names = wanted ? [wanted] : Object.keys(COMMANDS);
  const makers = await Promise.all(names.map((name) => COMMANDS[name]!()));
  for (const make of makers) {
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
    // A finding no command caught is still the user's to fix (a folder that cannot be read),
    // not a bug: it is printed as findings are.
    if (isKasaneError(error)) {
      io.stderr(formatFindings(error.findings, io.cwd));
      return Math.max(EXIT.usage, exitCodeFor(error.findings));
    }
    io.stderr(
      `internal error: ${error instanceof Error ? (io.env.KASANE_DEBUG ? error.stack : error.message) : String(error)}\nthis is a bug in kasane; set KASANE_DEBUG=1 for the stack and report it\n`,
    );
    return EXIT.usage;
  }
}
