/**
 * Writes rendered environments to the output folder: under a lock on the folder, every
 * environment is first written to a hidden staging folder beside its target, and only when all
 * succeeded are the folders put in place (write-commit.ts: two renames each, with a journal that
 * lets the next render finish a killed one). Files kasane wrote before and no longer renders are
 * removed; every other entry is carried over as it is, and a rendered file that would replace
 * one, or be written through or into one, stops the render first (write-plan.ts).
 *
 * A file whose content did not change is hard-linked into the staging folder instead of written
 * again: it keeps its inode and timestamps, and the swap frees no disk blocks for it. Foreign
 * files are hard-linked too (copied where the file system has no hard links), so that the old
 * folder can be checked entry by entry before it is removed.
 */
import { constants, copyFileSync, linkSync, mkdirSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { lstat, mkdir, readlink, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { KasaneError, type Finding } from '../errors.ts';
import type { RenderedEnvironment } from '../render/emit-environment.ts';
import { disposeOldFolders, recoverOutput, stagingName, swapIn, swapOut, writeJournal, JOURNAL_FILE } from './write-commit.ts';
import type { StepHook } from './write-dispose.ts';
import { fsFailure } from './write-errors.ts';
import { lockOutput, type OutputLock, type ProcessProbe } from './write-lock.ts';
import { parentsOf, planEnvironment, type EnvironmentWriteReport } from './write-plan.ts';
import { readOutputTree } from './write-tree.ts';

export { readOutputTree, readTree, type OutputTree } from './write-tree.ts';
export { recoverOutput } from './write-commit.ts';
export { assertNotLocked, lockOutput, LOCK_FILE, type OutputLock, type ProcessProbe, type LockHolder } from './write-lock.ts';
export type { EnvironmentWriteReport } from './write-plan.ts';
export type { StepHook } from './write-dispose.ts';

/**
 * Makes sure `dir` is a folder, creating it (and missing parents) if needed. Returns the
 * topmost folder it created, so that a failed render can remove it again.
 * @throws KasaneError `render/out-not-a-directory`, `render/write-failed`, `render/read-only-file-system`
 */
export async function ensureOutDir(dir: string): Promise<string | undefined> {
  // A symbolic link to a folder is a folder here: the environments go inside it. This is the
  // one link kasane writes through: the folder the user named.
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) {
    throw new KasaneError({
      severity: 'error',
      code: 'render/out-not-a-directory',
      message: `the output path '${dir}' is a file, not a folder`,
      hint: 'remove the file or choose another output folder with --out DIR',
    });
  }
  if (!info && (await lstat(dir).catch(() => undefined))?.isSymbolicLink()) {
    throw new KasaneError({
      severity: 'error',
      code: 'render/out-not-a-directory',
      message: `the output path '${dir}' is a symbolic link to '${await readlink(dir)}', which does not exist`,
      hint: 'create the folder the link points to, or choose another output folder with --out DIR',
    });
  }
  try {
    return await mkdir(dir, { recursive: true });
  } catch (error) {
    throw fsFailure('write', dir, error);
  }
}

/**
 * One environment written to its staging folder (or found up to date), waiting for
 * {@link commitStaged}. Plain data.
 */
export interface StagedEnvironment {
  env: string;
  target: string;
  /** The staging folder; absent when nothing changes. */
  staging?: string;
  report: EnvironmentWriteReport;
}

/** The environment folder `target` as it is now: a folder, absent, or a refusal. */
async function checkTarget(target: string, env: string): Promise<void> {
  const info = await lstat(target).catch(() => undefined);
  if (info?.isSymbolicLink()) {
    // The folder is replaced as a whole by a rename, which would put the link's place, not
    // the folder it points to, in the new state.
    throw new KasaneError({
      severity: 'error',
      code: 'render/out-not-a-directory',
      message: `'${target}' is a symbolic link, but environment '${env}' is written as a folder of its own there`,
      hint: 'link the whole output folder instead (--out may be a link), or remove the link',
      env,
    });
  }
  if (info && !info.isDirectory()) {
    throw new KasaneError({
      severity: 'error',
      code: 'render/out-not-a-directory',
      message: `'${target}' is a file, but environment '${env}' renders into a folder there`,
      hint: 'move the file away or choose another output folder with --out DIR',
      env,
    });
  }
}

/** Makes the folders above `file` inside `root` (which kasane made), each once. */
function makeParents(root: string, file: string, made: Set<string>): void {
  for (const folder of parentsOf(file)) {
    if (made.has(folder)) continue;
    mkdirSync(`${root}/${folder}`, { recursive: true });
    made.add(folder);
  }
}

/** Carries one entry kasane did not write into the staging folder: the same inode where possible. */
function carryOver(from: string, to: string, isLink: boolean, isEmptyFolder: boolean): void {
  if (isEmptyFolder) mkdirSync(to, { recursive: true });
  else if (isLink) symlinkSync(readlinkSync(from), to);
  else {
    try {
      linkSync(from, to);
    } catch {
      // A file system without hard links: a copy, with the original's timestamps.
      copyFileSync(from, to, constants.COPYFILE_EXCL);
      const { atime, mtime } = statSync(from);
      utimesSync(to, atime, mtime);
    }
  }
}

/**
 * Writes one environment into a staging folder next to its target (`outDir/.<env>.kasane-<token>`),
 * with the foreign entries of the target carried over. Nothing in the target changes; once this
 * returns, `rendered` is no longer needed. `outDir` must exist ({@link ensureOutDir}) and be
 * locked ({@link lockOutput}).
 * @throws KasaneError `render/out-not-a-directory`, `render/write-failed`, `render/would-overwrite`, `render/read-failed`
 */
export async function stageEnvironment(outDir: string, rendered: RenderedEnvironment, token: string, step: StepHook = () => undefined): Promise<StagedEnvironment> {
  const target = path.join(outDir, rendered.env);
  await checkTarget(target, rendered.env);
  const tree = readOutputTree(target);
  const { report, unchanged } = planEnvironment(target, rendered, tree);
  if (report.written === 0 && report.removed === 0) return { env: rendered.env, target, report };

  const staging = path.join(outDir, stagingName(rendered.env, token));
  try {
    step(`stage:${rendered.env}`);
    await rm(staging, { recursive: true, force: true });
    // Not recursive: the staging folder is made here, by this process, or the render stops.
    mkdirSync(staging);
    // Rendered files first, into folders made here; synchronous for the same reason as
    // readOutputTree. File names are relative, `/`-separated and checked by the plan.
    const made = new Set<string>();
    let linking = true;
    for (const [file, content] of rendered.files) {
      makeParents(staging, file, made);
      if (linking && unchanged.has(file)) {
        // Unchanged: the old file itself moves over with the swap. A file system without hard
        // links (or a full link count) gets the content written instead, from here on.
        try {
          linkSync(`${target}/${file}`, `${staging}/${file}`);
          continue;
        } catch {
          linking = false;
        }
      }
      // `wx`: never through an entry that is already there.
      writeFileSync(`${staging}/${file}`, content, { encoding: 'utf8', flag: 'wx' });
    }
    step(`stage-foreign:${rendered.env}`);
    for (const entry of report.foreign) {
      makeParents(staging, entry, made);
      carryOver(`${target}/${entry}`, `${staging}/${entry}`, tree.links.has(entry), tree.emptyFolders.has(entry));
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw fsFailure('write', staging, error, rendered.env);
  }
  return { env: rendered.env, target, staging, report };
}

/**
 * Removes staging folders (after a failure), and the output folder when the render created it
 * and it is empty again (never a folder with anything in it).
 */
export async function discardStaged(staged: readonly StagedEnvironment[], createdOutDir?: string, outDir?: string): Promise<void> {
  for (const p of staged) if (p.staging) await rm(p.staging, { recursive: true, force: true }).catch(() => undefined);
  if (!createdOutDir || !outDir) return;
  for (let dir = outDir; dir.length >= createdOutDir.length; dir = path.dirname(dir)) {
    if (
      !(await rmdir(dir).then(
        () => true,
        () => false,
      ))
    )
      break;
  }
}

/** What {@link commitStaged} and {@link writeEnvironments} take besides the folders. */
export interface CommitOptions {
  /** The lock on the output folder, checked once more before anything is replaced. */
  lock?: OutputLock;
  /** Called before each change on disk (tests stop the process there). */
  onStep?: StepHook;
}

/** A written environment, with warnings about old folders that had to stay. */
export interface CommittedEnvironment extends EnvironmentWriteReport {
  warnings?: Finding[];
}

/**
 * Puts every staged folder in place and returns what writing each environment did. When a swap
 * fails, every environment already swapped is put back as it was, the staging folders are
 * removed, and the error names the folder.
 * @throws KasaneError `render/write-failed`, `render/concurrent-change`, `render/locked`
 */
export async function commitStaged(outDir: string, staged: readonly StagedEnvironment[], token: string, options: CommitOptions = {}): Promise<CommittedEnvironment[]> {
  const step = options.onStep ?? (() => undefined);
  const changing = staged.filter((p) => p.staging);
  if (changing.length === 0) return staged.map((p) => p.report);
  await options.lock?.verify();
  writeJournal(outDir, { token, envs: changing.map((p) => p.env) }, step);
  const done: string[] = [];
  try {
    for (const p of changing) {
      done.push(p.env);
      swapIn(outDir, p.env, token, step);
    }
  } catch (error) {
    try {
      for (const env of done.reverse()) swapOut(outDir, env, token);
      await rm(path.join(outDir, JOURNAL_FILE), { force: true });
      await discardStaged(changing);
    } catch {
      // The journal stays: the next render finishes the commit.
    }
    throw error;
  }
  step('journal:remove');
  await rm(path.join(outDir, JOURNAL_FILE), { force: true }).catch(() => undefined);
  const warnings = new Map(changing.map((p) => [p.env, disposeOldFolders(outDir, p.env, step)]));
  return staged.map((p) => (warnings.get(p.env)?.length ? { ...p.report, warnings: warnings.get(p.env)! } : p.report));
}

/** Options of {@link writeEnvironments}. */
export interface WriteOptions extends CommitOptions {
  /** Names the staging folders. @default this process's pid */
  token?: string;
  /** How the lock tells live processes from ended ones. @default the processes of this machine */
  processes?: ProcessProbe;
}

/**
 * Writes every environment under `outDir/<env>/`. Nothing is changed unless every environment
 * could be staged; a render that stopped earlier is cleaned up after first.
 * @throws KasaneError `render/out-not-a-directory`, `render/write-failed`, `render/would-overwrite`, `render/locked`
 */
export async function writeEnvironments(outDir: string, environments: readonly RenderedEnvironment[], options: WriteOptions = {}): Promise<CommittedEnvironment[]> {
  const token = options.token ?? String(process.pid);
  const step = options.onStep ?? (() => undefined);
  await ensureOutDir(outDir);
  const lock = await lockOutput(outDir, options.processes);
  try {
    step('locked');
    if (lock.held) recoverOutput(outDir, step);
    const staged: StagedEnvironment[] = [];
    try {
      for (const env of environments) staged.push(await stageEnvironment(outDir, env, token, step));
    } catch (error) {
      await discardStaged(staged);
      throw error;
    }
    return await commitStaged(outDir, staged, token, { lock, onStep: step });
  } finally {
    step('unlock');
    await lock.release();
  }
}
