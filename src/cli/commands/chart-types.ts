/**
 * `kasane chart-types [name...] [--out DIR]`: a TypeScript module of typed values for each
 * vendored chart, offline.
 */
import path from 'node:path';
import { Command } from 'commander';
import { countOf, didYouMean, errorFinding, type Finding } from '../../errors.ts';
import { readVendorFolder, verifyVendored } from '../../charts/vendor-fs.ts';
import { writeGeneratedFiles } from '../../codegen/fs.ts';
import type { GeneratedFile } from '../../codegen/generate.ts';
import { chartTypesModule, failWith, loadChartProject, orFail } from '../chart-project.ts';
import { projectOption, type ProjectFlags } from '../context.ts';
import { EXIT, type CliIo } from '../io.ts';

interface ChartTypesFlags extends ProjectFlags {
  out: string;
}

/** `kasane chart-types`. */
export function makeChartTypesCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('chart-types')
    .description('generate a TypeScript module of typed values (a zod schema and its type) for each vendored chart')
    .argument('[name...]', 'charts to generate, by the name kasane.config.ts gives them (default: all)')
    .addOption(projectOption())
    .option('-o, --out <dir>', 'folder for the modules, relative to the project', 'imports/charts')
    .option('--json', 'print findings as JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ kasane vendor && kasane chart-types     one module per chart in imports/charts/
  $ kasane chart-types cert-manager         imports/charts/cert-manager.ts only

Each module exports <name>Values (a zod schema), the type <Name>Values and <name>Chart (name,
version and digest of the vendored chart). Misspelt or unknown keys are type errors.`,
    )
    .action(async (names: string[], flags: ChartTypesFlags) => setExit(await runChartTypes(io, names, flags)));
}

async function runChartTypes(io: CliIo, names: string[], flags: ChartTypesFlags): Promise<number> {
  const project = await loadChartProject(io, flags);
  const declared = project.sources.map((s) => s.name);
  const unknown: Finding[] = names
    .filter((n) => !declared.includes(n))
    .map((n) =>
      errorFinding('charts/unknown-chart', `no chart '${n}' is declared in kasane.config.ts${didYouMean(n, declared)}`, {
        hint: declared.length ? `declared charts: ${declared.join(', ')}` : 'declare charts in kasane.config.ts (charts: [...]) and run kasane vendor',
      }),
    );
  if (unknown.length) failWith(io, unknown, project.root, flags);
  const sources = names.length ? project.sources.filter((s) => names.includes(s.name)) : project.sources;
  const { charts, findings } = await verifyVendored(project.root, sources);
  if (findings.length) failWith(io, findings, project.root, flags);
  const lock = (await orFail(io, project.root, flags, () => readVendorFolder(project.root))).lock!;
  const files: GeneratedFile[] = [];
  for (const [name, chart] of charts) {
    const locked = lock.charts[name]!;
    const typed = chartTypesModule(name, chart, locked);
    if ('finding' in typed) failWith(io, [typed.finding], project.root, flags);
    files.push(typed.file);
    io.stderr(`${name}: ${locked.chart} ${locked.version} → ${path.join(flags.out, typed.file.path)} (from ${typed.from})\n`);
  }
  const written = await writeGeneratedFiles(path.resolve(project.root, flags.out), files);
  io.stderr(`typed ${countOf(files.length, 'chart')}: ${countOf(written.written.length, 'file')} written, ${written.unchanged.length} unchanged\n`);
  return EXIT.ok;
}
