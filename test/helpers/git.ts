/**
 * Git in tests: whether it is installed, and a repository made of a test's temp folder.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** Why git tests cannot run here, or undefined when git is installed. */
export const noGit: string | undefined = spawnSync('git', ['--version']).error ? 'git is not installed' : undefined;
if (noGit) console.warn(`skipping the tests that need git: ${noGit}`);

/** Runs git in `dir` and returns its stdout; throws on failure. */
export function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Makes `dir` a git repository whose .gitignore holds `ignore` (one pattern a line). */
export function gitRepo(dir: string, ignore: readonly string[] = []): string {
  git(dir, 'init', '-q');
  if (ignore.length) writeFileSync(path.join(dir, '.gitignore'), ignore.map((p) => `${p}\n`).join(''));
  return dir;
}
