/**
 * What `kasane render --check` prints once every environment was compared: "up to date", or
 * each file's diff and the command that brings the folder up to date (exit 1).
 */
import path from 'node:path';
import { countOf } from '../errors.ts';
import type { FileDrift } from '../output/check.ts';
import type { Shard } from '../project/shard.ts';
import { Exit } from './context.ts';
import type { CliIo } from './io.ts';
import type { RenderOutcome } from './render-job.ts';
import { noteNotCompared } from './secret-placeholders.ts';

/** The command that brings the output up to date, runnable from where the check ran. */
function fixCommand(io: CliIo, envs: readonly string[], root: string, outFlag: string | undefined, shard: Shard | undefined): string {
  const parts = ['kasane render'];
  if (shard) parts.push(`--shard ${shard.index}/${shard.count}`);
  else if (envs.length === 1) parts.push(envs[0]!);
  const project = path.relative(io.cwd, root);
  if (project !== '') parts.push(`-C ${project}`);
  // --out is resolved from the project root, so it is repeated as it was given.
  if (outFlag !== undefined) parts.push(`--out ${outFlag}`);
  return parts.join(' ');
}

/** Reports the drift of `outcomes` against `outDir`: 0 when there is none, else throws {@link Exit} 1 after printing it. */
export function reportCheck(io: CliIo, outDir: string, outcomes: readonly RenderOutcome[], root: string, outFlag: string | undefined, shard: Shard | undefined): number {
  const drift: FileDrift[] = outcomes.flatMap((o) => o.drift ?? []);
  const rel = path.relative(io.cwd, outDir) || '.';
  const skipped = noteNotCompared(io, outcomes);
  if (drift.length === 0) {
    io.stderr(`up to date: ${outcomes.map((o) => o.env).join(', ')} in ${rel}${skipped ? ` (except the secret value${skipped === 1 ? '' : 's'} not compared, above)` : ''}\n`);
    return 0;
  }
  for (const d of drift) io.stdout(d.diff);
  const count = (c: FileDrift['change']) => drift.filter((d) => d.change === c).length;
  io.stderr(
    `drift: ${countOf(drift.length, 'file')} out of date in ${rel} (${count('changed')} changed, ${count('added')} to add, ${count('removed')} to remove)\n` +
      `fix: run \`${fixCommand(
        io,
        outcomes.map((o) => o.env),
        root,
        outFlag,
        shard,
      )}\` and commit the result\n`,
  );
  throw new Exit(1);
}
