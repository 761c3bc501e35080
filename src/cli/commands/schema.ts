/**
 * `kasane schema <component> [--out FILE]`: a component's values as JSON Schema.
 */
import { Command } from 'commander';
import { isKasaneError } from '../../errors.ts';
import { componentNamed, valuesJsonSchema } from '../../tools/values-schema.ts';
import { Exit, loadForCli, projectOption, reportFindings, type ProjectFlags } from '../context.ts';
import { EXIT, type CliIo } from '../io.ts';
import { printOrWrite } from '../print-or-write.ts';

interface SchemaFlags extends ProjectFlags {
  out?: string;
}

/** `kasane schema`. */
export function makeSchemaCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('schema')
    .description("print a component's values as JSON Schema (draft 2020-12), for editors, docs and portals")
    .argument('<component>', 'name of a component that an environment uses')
    .option('-o, --out <file>', 'write the schema to this file instead of stdout')
    .addOption(projectOption())
    .option('--json', 'print findings as JSON on stdout')
    .addHelpText(
      'after',
      `
Fields with a default are optional and carry it as "default"; an environment's .with() may
give any part of the values.

Examples:
  $ kasane schema web
  $ kasane schema web --out schemas/web.values.json`,
    )
    .action(async (name: string, flags: SchemaFlags) => setExit(await runSchema(io, name, flags)));
}

async function runSchema(io: CliIo, name: string, flags: SchemaFlags): Promise<number> {
  const project = await loadForCli(io, flags);
  let text: string;
  try {
    text = JSON.stringify(valuesJsonSchema(componentNamed(project.environments, name)), null, 2) + '\n';
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    reportFindings(io, error.findings, project.root, flags);
    throw new Exit(EXIT.usage);
  }
  return printOrWrite(io, flags.out, text, `${name}: values schema`);
}
