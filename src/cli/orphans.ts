/**
 * `kasane render` and the folders of environments that are gone (output/write-orphans.ts):
 * pruned when the project sets `pruneEnvironments: true`, else a warning each. With `--shard`,
 * a shard handles the folders whose names fall to it, as it handles environments.
 */
import path from 'node:path';
import type { Finding } from '../errors.ts';
import type { LoadedProject } from '../load/load-project.ts';
import { orphanEnvironments } from '../output/write-orphans.ts';
import { renderableEnvironments } from '../pipeline/render.ts';
import { inShard, type Shard } from '../project/shard.ts';

/** The gone environments' folders of one render: those it prunes, and warnings about the others. */
export interface Orphans {
  /** Folder names to prune (with `pruneEnvironments: true`). */
  pending: string[];
  /** One `render/orphan-environment` warning per folder left alone. */
  warnings: Finding[];
}

/** No folder to prune or warn about. */
export const NO_ORPHANS: Orphans = { pending: [], warnings: [] };

/** The folders in `outDir` of environments that are gone, in `shard`, as the project's setting says. */
export async function orphansOf(project: LoadedProject, outDir: string, shard: Shard | undefined): Promise<Orphans> {
  if (project.config.pruneEnvironments === false) return NO_ORPHANS;
  const names = (await orphanEnvironments(outDir, new Set(renderableEnvironments(project)))).filter((name) => inShard(name, shard));
  if (project.config.pruneEnvironments) return { pending: names, warnings: [] };
  const out = path.relative(project.root, outDir) || '.';
  return {
    pending: [],
    warnings: names.map((name) => ({
      severity: 'warning',
      code: 'render/orphan-environment',
      message: `'${out}/${name}' was rendered by kasane, but no environment '${name}' renders any more: a GitOps tool reading the folder still deploys it`,
      hint: `remove the folder (git rm -r ${out}/${name}), or set pruneEnvironments: true in kasane.config.ts so that render removes such folders and render --check reports them`,
    })),
  };
}
