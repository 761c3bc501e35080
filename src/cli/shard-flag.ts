/**
 * `--shard i/n` of `render` and `list` (see project/shard.ts).
 */
import type { Finding } from '../errors.ts';
import { parseShard, type Shard } from '../project/shard.ts';
import { Exit, reportFindings, type ProjectFlags } from './context.ts';
import type { CliIo } from './io.ts';

/**
 * The shard of `--shard`, or none; prints a usage error and exits 2 when the flag is malformed
 * or comes with environment names (a shard picks its environments itself).
 */
export function shardFlag(io: CliIo, envArgs: readonly string[], flags: { shard?: string } & ProjectFlags): Shard | undefined {
  if (flags.shard === undefined) return undefined;
  const findings: Finding[] = [];
  let shard: Shard | undefined;
  try {
    shard = parseShard(flags.shard);
  } catch (error) {
    findings.push(...(error as { findings: Finding[] }).findings);
  }
  if (envArgs.length) {
    findings.push({
      severity: 'error',
      code: 'cli/shard-with-environments',
      message: `--shard picks its own environments, but environments were named too (${envArgs.join(', ')})`,
      hint: 'pass either environment names or --shard i/n',
    });
  }
  if (findings.length) {
    reportFindings(io, findings, io.cwd, flags);
    throw new Exit(2);
  }
  return shard;
}
