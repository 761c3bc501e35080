/**
 * `kasane import-crd <crd.yaml|folder...> [--out DIR]`: typed custom resources and builders
 * generated from CustomResourceDefinition files, offline.
 */
import path from 'node:path';
import { Command } from 'commander';
import { countOf, isKasaneError } from '../../errors.ts';
import { writeGeneratedFiles } from '../../codegen/fs.ts';
import { readCrdFiles } from '../../load/crd-files.ts';
import { generateImports, type GeneratedImports } from '../../codegen/generate.ts';
import { reportFindings } from '../context.ts';
import { EXIT, type CliIo } from '../io.ts';

interface ImportCrdFlags {
  out: string;
  importExtension: string;
  json?: boolean;
}

/** `kasane import-crd`. */
export function makeImportCrdCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('import-crd')
    .description('generate TypeScript types and builders for custom resources from CRD YAML files')
    .argument('<path...>', 'CRD YAML files (one CRD or a stream), folders searched for .yaml/.yml files, or Helm chart folders (their crds/)')
    .option('-o, --out <dir>', 'folder for the generated files', 'imports')
    .option('--import-extension <ext>', 'extension of the imports in index.ts: .ts or .js', '.ts')
    .option('--json', 'print findings as JSON on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ kasane import-crd crds/                         every CRD under crds/ into imports/
  $ kasane import-crd charts/cert-manager           the CRDs in a chart's crds/ folder
  $ kasane import-crd cert-manager.crds.yaml -o src/imports
  $ kasane import-crd crds/ --import-extension .js  for projects compiled by tsc (NodeNext)`,
    )
    .action(async (paths: string[], flags: ImportCrdFlags) => setExit(await runImportCrd(io, paths, flags)));
}

async function runImportCrd(io: CliIo, paths: string[], flags: ImportCrdFlags): Promise<number> {
  if (flags.importExtension !== '.ts' && flags.importExtension !== '.js') {
    io.stderr(`error: expected --import-extension .ts or .js, found ${JSON.stringify(flags.importExtension)}\n`);
    return EXIT.usage;
  }
  const read = await readCrdFiles(paths, io.cwd);
  for (const note of read.notes) io.stderr(`note: ${note}\n`);
  if (read.findings.length) return failed(io, read.findings, flags);
  let generated: GeneratedImports;
  try {
    generated = generateImports(read.crds, { importExtension: flags.importExtension });
  } catch (error) {
    if (isKasaneError(error)) return failed(io, error.findings, flags);
    throw error;
  }
  const outDir = path.resolve(io.cwd, flags.out);
  let written;
  try {
    written = await writeGeneratedFiles(outDir, generated.files);
  } catch (error) {
    if (isKasaneError(error)) return failed(io, error.findings, flags);
    throw error;
  }
  const rel = path.relative(io.cwd, outDir) || '.';
  for (const m of generated.modules) {
    io.stderr(`${m.group}/${m.kind} ${m.versions.map((v) => v.name).join(', ')} → ${rel}/${m.path} (${m.versions.map((v) => v.builder).join(', ')}, ${m.crdConst})\n`);
  }
  io.stderr(`imported ${countOf(generated.modules.length, 'CRD')} into ${rel}: ${countOf(written.written.length, 'file')} written, ${written.unchanged.length} unchanged\n`);
  return EXIT.ok;
}

function failed(io: CliIo, findings: Parameters<typeof reportFindings>[1], flags: ImportCrdFlags): number {
  reportFindings(io, findings, io.cwd, flags);
  io.stderr('nothing written: fix the errors above and run again\n');
  return EXIT.usage;
}
