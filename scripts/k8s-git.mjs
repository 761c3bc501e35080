/**
 * Reads files of a git repository at a fixed revision, for scripts/gen-k8s-versions.mjs: the
 * Kubernetes sources it reads are clones (or bare git directories) of public repositories,
 * never a network location, and every read names a commit or tag so that the result does not
 * depend on what the clone has checked out.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A reader of one repository: `dir` is a clone or a bare git directory.
 * @returns `{ resolve(rev), list(rev, prefix), read(rev, path), has(rev) }`.
 */
export function gitRepo(dir) {
  const gitDir = existsSync(join(dir, '.git')) ? join(dir, '.git') : dir;
  const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return {
    /** The commit a tag or commit names, as 40 hex digits. */
    resolve: (rev) => git('rev-parse', '--verify', `${rev}^{commit}`).trim(),
    /** Whether the repository has the revision. */
    has: (rev) => {
      try {
        git('rev-parse', '--verify', '--quiet', `${rev}^{commit}`);
        return true;
      } catch {
        return false;
      }
    },
    /** File paths under `prefix` at `rev`, sorted by code unit. */
    list: (rev, prefix) =>
      git('ls-tree', '-r', '--name-only', rev, '--', prefix)
        .split('\n')
        .filter(Boolean)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    /** The text of `path` at `rev`. */
    read: (rev, path) => git('show', `${rev}:${path}`),
  };
}
