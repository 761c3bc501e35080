/**
 * `kasane init [dir] [--force]`: writes a new project that renders and checks clean.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { countOf } from '../../errors.ts';
import { packageNameFor, scaffoldFiles } from '../../tools/init-templates.ts';
import { EXIT, type CliIo } from '../io.ts';
import { kasaneSpec, kasaneSpecOption } from '../kasane-spec.ts';
import { compareCodeUnits } from '../../util/code-unit.ts';

interface InitFlags {
  force?: boolean;
  kasane?: string;
}

/** `kasane init`. */
export function makeInitCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('init')
    .description('create a new kasane project: a component, environments dev and prod, and a CI check')
    .argument('[dir]', 'folder to create the project in', '.')
    .option('--force', 'write into a folder that is not empty (existing files are never overwritten)')
    .addOption(kasaneSpecOption())
    .addHelpText(
      'after',
      `
Examples:
  $ kasane init shop-platform     create ./shop-platform
  $ kasane init                   use the current folder (empty, or holding only .git)
  $ kasane init shop --kasane ../kasane-0.1.0.tgz   depend on a packed kasane (file:../../kasane-0.1.0.tgz)`,
    )
    .action(async (dir: string, flags: InitFlags) => setExit(await runInit(io, dir, flags)));
}

/** Entries of `dir` that make it "not empty" (a fresh `git init` does not count). */
async function contentsOf(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir)).filter((name) => name !== '.git').sort(compareCodeUnits);
}

async function runInit(io: CliIo, dir: string, flags: InitFlags): Promise<number> {
  const root = path.resolve(io.cwd, dir);
  const shown = path.relative(io.cwd, root) || '.';
  const existing = await contentsOf(root);
  if (existing.length && !flags.force) {
    io.stderr(
      `error: expected an empty folder, found ${countOf(existing.length, 'entry', 'entries')} in '${shown}' (${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ', ...' : ''})\n` +
        `  fix: pick a new folder (\`kasane init my-platform\`), or pass --force to add the missing files (existing files are kept)\n` +
        `  code: init/folder-not-empty\n`,
    );
    return EXIT.usage;
  }
  const files = scaffoldFiles({ name: packageNameFor(path.basename(root)), kasaneRange: kasaneSpec(flags.kasane, io.cwd, root) });
  const kept: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    const abs = path.join(root, file);
    if (existsSync(abs)) {
      kept.push(file);
      continue;
    }
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, content, { flag: 'wx' });
    io.stderr(`created ${path.join(shown, file)}\n`);
  }
  for (const file of kept) io.stderr(`kept ${path.join(shown, file)} (already there)\n`);
  const cd = shown === '.' ? '' : `cd ${shown} && `;
  io.stderr(`\nnext: ${cd}npm install && npx kasane render\n`);
  return EXIT.ok;
}
