/**
 * The guard that keeps plain-text Secret values out of git: before `render` writes an
 * environment (and when `render --check` compares one), every Secret with values in plain text
 * and without the `kasane.dev/commit-plaintext` annotation must go to a file that git ignores.
 * Git itself says what it ignores (`git check-ignore`, which also treats a file git already
 * tracks as not ignored); without git, or outside a repository, the file counts as tracked.
 */
import { spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../errors.ts';
import { refKey } from '../k8s/object.ts';
import type { RenderedEnvironment } from '../render/emit-environment.ts';
import { plaintextInGitFinding, type PlaintextSecret, type TrackedReason } from '../secrets/plaintext-output.ts';
import type { CliIo } from './io.ts';

/** What git says about a set of paths: the ones it ignores, or why it cannot say. */
type GitAnswer = { ignored: ReadonlySet<string> } | { unknown: Exclude<TrackedReason, 'not-ignored'>; detail?: string };

/**
 * The nearest folder of `file` that exists, and `file` itself, with symbolic links resolved
 * (an output folder may be a link): git refuses a path that goes through one.
 */
function realLocation(file: string): { dir: string; file: string } {
  let at = path.dirname(file);
  while (!existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  const dir = realpathSync(at);
  return { dir, file: path.join(dir, path.relative(at, file)) };
}

/**
 * Asks `git check-ignore` which of `files` (absolute) it ignores. Exit 0 or 1 is an answer
 * (some or none ignored); anything else (not a repository, a repository git does not trust)
 * is not.
 */
export function gitIgnored(files: readonly string[], env: CliIo['env']): Promise<GitAnswer> {
  const real = new Map(files.map((f) => [realLocation(f).file, f]));
  return new Promise((resolve) => {
    const git = spawn('git', ['-C', realLocation(files[0]!).dir, 'check-ignore', '-z', '--stdin'], { env: { ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    git.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    git.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    git.on('error', () => resolve({ unknown: 'no-git' }));
    git.on('close', (status) => {
      if (status === 0 || status === 1) resolve({ ignored: new Set(out.split('\0').flatMap((f) => (real.has(f) ? [real.get(f)!] : []))) });
      else if (/not a git repository/i.test(err)) resolve({ unknown: 'no-repository' });
      else resolve({ unknown: 'git-failed', detail: err.trim().split('\n')[0] ?? '' });
    });
    git.stdin.on('error', () => undefined);
    git.stdin.end([...real.keys()].map((f) => `${f}\0`).join(''));
  });
}

/**
 * The `secrets/plaintext-in-git` errors for the plain-text Secrets of `output` that would be
 * written into `outDir` where git does not ignore them; none when every one is ignored.
 */
export async function plaintextGuard(io: CliIo, outDir: string, output: RenderedEnvironment, secrets: readonly PlaintextSecret[]): Promise<Finding[]> {
  if (secrets.length === 0) return [];
  const fileOf = new Map([...output.objects].map(([file, ref]) => [refKey(ref), file]));
  const bound = secrets.flatMap((s) => {
    const file = fileOf.get(refKey(s.object));
    return file === undefined ? [] : [{ secret: s, abs: path.join(outDir, output.env, file) }];
  });
  if (bound.length === 0) return [];
  const answer = await gitIgnored(
    bound.map((b) => b.abs),
    io.env,
  );
  const findings: Finding[] = [];
  for (const { secret, abs } of bound) {
    if ('ignored' in answer && answer.ignored.has(abs)) continue;
    const shown = path.relative(io.cwd, abs) || abs;
    findings.push('ignored' in answer ? plaintextInGitFinding(secret, output.env, shown, 'not-ignored') : plaintextInGitFinding(secret, output.env, shown, answer.unknown, answer.detail));
  }
  return findings;
}
