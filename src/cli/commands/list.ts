/**
 * `kasane list [env]`: environments, their components, and (for one environment) its objects.
 */
import { Command } from 'commander';
import { environmentChain } from '../../project/environment.ts';
import { componentPath, planComponents } from '../../project/component-plan.ts';
import { formatObjectRef } from '../../errors.ts';
import { loadForCli, projectOption, renderForCli, reportFindings, type ProjectFlags } from '../context.ts';
import type { CliIo } from '../io.ts';
import { notePlaceholders } from '../secret-placeholders.ts';
import { shardFlag } from '../shard-flag.ts';
import { inShard } from '../../project/shard.ts';

interface ListFlags extends ProjectFlags {
  shard?: string;
}

/** `kasane list`. */
export function makeListCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('list')
    .description('list environments and components, or the objects of one environment')
    .argument('[env]', 'environment whose objects to list')
    .addOption(projectOption())
    .option('--json', 'print as JSON')
    .option('--shard <i/n>', 'list only the environments that fall to shard i of n (as `render --shard` renders them)')
    .addHelpText('after', '\nExamples:\n  $ kasane list\n  $ kasane list prod\n  $ kasane list --shard 3/10')
    .action(async (env: string | undefined, flags: ListFlags) => {
      const shard = shardFlag(io, env === undefined ? [] : [env], flags);
      const project = await loadForCli(io, flags);
      if (!env) {
        const rows = project.environments
          .filter((e) => shard === undefined || (!e.abstract && inShard(e.name, shard)))
          .map((e) => {
            const fleet = project.environmentFleets.get(e.name);
            return {
              name: e.name,
              file: project.environmentFiles.get(e.name),
              ...(fleet ? { fleet } : {}),
              extends: environmentChain(e)
                .slice(0, -1)
                .map((p) => p.name),
              abstract: !!e.abstract,
              components: planComponents(e).map(componentPath),
            };
          });
        if (flags.json) io.stdout(JSON.stringify(rows, null, 2) + '\n');
        else
          for (const r of rows)
            io.stdout(
              `${r.name}${r.abstract ? ' (abstract)' : ''}${r.fleet ? ` (fleet ${r.fleet})` : ''}${r.extends.length ? ` ← ${[...r.extends].reverse().join(' ← ')}` : ''}: ${r.components.join(', ') || '(no components)'}\n`,
            );
        return;
      }
      const result = await renderForCli(io, project, env, 'check', { validate: false });
      notePlaceholders(io, [result]);
      const code = reportFindings(io, result.findings, project.root, flags, env);
      if (code !== 0 || !result.output) return setExit(code);
      const rows = [...result.output.objects.entries()].map(([file, ref]) => ({ ...ref, file }));
      if (flags.json) io.stdout(JSON.stringify(rows, null, 2) + '\n');
      else for (const r of rows) io.stdout(`${formatObjectRef(r)}  ${r.file}\n`);
    });
}
