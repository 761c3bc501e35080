/**
 * Shards: a stable split of a project's environments for a CI matrix (`--shard 3/10`). An
 * environment's shard depends on its name and the number of shards only, so adding or
 * removing environments never moves the others, and the folder of an environment that no
 * longer exists still belongs to exactly one shard (the one its name gives), which prunes it.
 */
import { createHash } from 'node:crypto';
import { KasaneError } from '../errors.ts';

/** Shard `index` of `count`, both 1-based as written: `3/10` is `{ index: 3, count: 10 }`. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Reads `i/n` (1 ≤ i ≤ n).
 * @throws KasaneError `cli/invalid-shard`
 */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || count > 10_000) {
    throw new KasaneError({
      severity: 'error',
      code: 'cli/invalid-shard',
      message: `expected --shard i/n with 1 ≤ i ≤ n, found ${JSON.stringify(text)}`,
      hint: 'e.g. --shard 3/10 renders the third of ten shards; run one job per shard, 1/10 to 10/10',
    });
  }
  return { index, count };
}

/**
 * The 1-based shard of `name` among `count`: the first 32 bits of the SHA-256 of the name,
 * modulo `count`. The same on every machine; balanced only on average (a few environments can
 * leave a shard empty): `kasane list --shard i/n` shows each shard's share.
 */
export function shardOf(name: string, count: number): number {
  const digest = createHash('sha256').update(name, 'utf8').digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/** True when environment (or folder) `name` belongs to `shard`; everything does without one. */
export function inShard(name: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(name, shard.count) === shard.index;
}
