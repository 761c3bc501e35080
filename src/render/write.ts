/**
 * Writes rendered environments to the output folder, atomically: every environment is first
 * written to a temporary sibling folder, and only when all succeeded are the folders swapped in.
 * Files kasane wrote before and no longer renders are removed; any other file is kept as it is.
 * A file whose content did not change is hard-linked into the temporary folder instead of
 * written again: it keeps its inode and timestamps, and swapping frees no disk blocks for it.
 */
import { linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, lstat, mkdir, readdir, readlink, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { KasaneError, type Finding } from '../errors.ts';
import type { RenderedEnvironment } from './files.ts';
import { filesListedBy } from './layout.ts';

/** What writing one environment did. */
export interface WriteReport {
  env: string;
  written: number;
  unchanged: number;
  removed: number;
  /** Files in the environment folder that kasane did not write and left alone. */
  foreign: string[];
}

/** What is under an output folder: its files with their text, and every other entry. */
export interface OutputTree {
  /** Regular files by relative, `/`-separated path. */
  files: Map<string, string>;
  /** Entries that are neither files nor folders (symbolic links above all), and empty folders: never kasane's. */
  others: string[];
}

/**
 * Reads everything under `dir`; an absent folder is empty. Symbolic links are listed, not
 * followed. Synchronous calls inside: an output tree is thousands of small files, and one
 * thread-pool round trip per file costs more than the reads themselves.
 */
export function readOutputTree(dir: string): OutputTree {
  const tree: OutputTree = { files: new Map(), others: [] };
  function walk(rel: string): void {
    let entries;
    try {
      entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    // kasane never leaves an empty folder behind (each environment folder is made anew).
    if (rel && entries.length === 0) tree.others.push(rel);
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) tree.files.set(child, readFileSync(path.join(dir, child), 'utf8'));
      else tree.others.push(child);
    }
  }
  walk('');
  return tree;
}

/** The files under `dir` (relative paths, `/`-separated) with their text; an absent folder is empty. */
export async function readTree(dir: string): Promise<Map<string, string>> {
  return readOutputTree(dir).files;
}

/** Node's text of a failed call, which already starts with the error code (`EACCES: …`); the code is added when it does not. */
function systemMessage(err: NodeJS.ErrnoException, error: unknown): string {
  const message = err.message ?? String(error);
  return err.code && !message.startsWith(err.code) ? `${err.code}: ${message}` : message;
}

function writeFailed(file: string, error: unknown, env?: string): KasaneError {
  const err = error as NodeJS.ErrnoException;
  const finding: Finding = {
    severity: 'error',
    code: err.code === 'ENOTDIR' || err.code === 'EEXIST' ? 'render/out-not-a-directory' : 'render/write-failed',
    message: `cannot write '${file}': ${systemMessage(err, error)}`,
    hint: 'choose an output folder that is a writable directory (--out DIR or `out` in kasane.config.ts)',
    ...(env ? { env } : {}),
  };
  return new KasaneError(finding);
}

/**
 * Makes sure `dir` is a folder, creating it (and missing parents) if needed. Returns the
 * topmost folder it created, so that a failed render can remove it again.
 * @throws KasaneError `render/out-not-a-directory`, `render/write-failed`
 */
export async function ensureOutDir(dir: string): Promise<string | undefined> {
  // A symbolic link to a folder is a folder here: the environments go inside it.
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
    throw writeFailed(dir, error);
  }
}

/**
 * The hidden folders next to the environment folders while a render writes: `.<env>.kasane-<token>`
 * holds the new folder being staged, `.<env>.kasane-old-<token>` the old one during its swap.
 * The token is the writing process's pid, which {@link sweepLeftovers} reads back.
 */
const stagingName = (env: string, token: string): string => `.${env}.kasane-${token}`;
const asideName = (env: string, token: string): string => `.${env}.kasane-old-${token}`;
const LEFTOVER = /^\.(.+)\.kasane-(old-)?(\d+)$/;

/**
 * One environment written to its staging folder (or found up to date), waiting for
 * {@link commitStaged}. Plain data: it can cross threads.
 */
export interface StagedEnvironment {
  env: string;
  target: string;
  /** The staging folder; absent when nothing changes. */
  staging?: string;
  report: WriteReport;
}

/**
 * Writes one environment into a staging folder next to its target (`outDir/.<env>.kasane-<token>`),
 * with the foreign files of the target copied in. Nothing in the target changes; once this
 * returns, `rendered` is no longer needed. `outDir` must exist ({@link ensureOutDir}).
 * @throws KasaneError `render/out-not-a-directory`, `render/write-failed`, `render/would-overwrite`
 */
export async function stageEnvironment(outDir: string, rendered: RenderedEnvironment, token: string): Promise<StagedEnvironment> {
  const target = path.join(outDir, rendered.env);
  const info = await lstat(target).catch(() => undefined);
  if (info?.isSymbolicLink()) {
    // The folder is replaced as a whole by a rename, which would put the link's place, not
    // the folder it points to, in the new state.
    throw new KasaneError({
      severity: 'error',
      code: 'render/out-not-a-directory',
      message: `'${target}' is a symbolic link, but environment '${rendered.env}' is written as a folder of its own there`,
      hint: 'link the whole output folder instead (--out may be a link), or remove the link',
      env: rendered.env,
    });
  }
  if (info && !info.isDirectory()) {
    throw new KasaneError({
      severity: 'error',
      code: 'render/out-not-a-directory',
      message: `'${target}' is a file, but environment '${rendered.env}' renders into a folder there`,
      hint: 'move the file away or choose another output folder with --out DIR',
      env: rendered.env,
    });
  }
  const { files: existing, others } = readOutputTree(target);
  const owned = new Set(filesListedBy(existing.get('kustomization.yaml') ?? '') ?? []);
  if (existing.has('kustomization.yaml') && filesListedBy(existing.get('kustomization.yaml')!)) owned.add('kustomization.yaml');
  // kasane writes only regular files: a link or other entry is someone else's, listed or not.
  const mine = (f: string): boolean => owned.has(f) && existing.has(f);
  const entries = [...existing.keys(), ...others];
  const foreign = entries.filter((f) => !mine(f) && !rendered.files.has(f)).sort();
  const clobbered = entries.filter((f) => !mine(f) && rendered.files.has(f)).sort();
  if (clobbered.length) {
    throw new KasaneError({
      severity: 'error',
      code: 'render/would-overwrite',
      message: `'${path.join(target, clobbered[0]!)}' exists and was not written by kasane${clobbered.length > 1 ? ` (and ${clobbered.length - 1} more)` : ''}`,
      hint: 'move those files away, or render into another folder with --out DIR',
      env: rendered.env,
    });
  }
  let unchanged = 0;
  for (const [file, content] of rendered.files) if (existing.get(file) === content) unchanged++;
  const removed = [...owned].filter((f) => mine(f) && !rendered.files.has(f)).length;
  const report: WriteReport = { env: rendered.env, written: rendered.files.size - unchanged, unchanged, removed, foreign };
  if (report.written === 0 && removed === 0) return { env: rendered.env, target, report };

  const staging = path.join(outDir, stagingName(rendered.env, token));
  try {
    await rm(staging, { recursive: true, force: true });
    await mkdir(staging, { recursive: true });
    // A symbolic link is copied as the link it is, its target text unchanged.
    for (const file of foreign) await cp(path.join(target, file), path.join(staging, file), { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    // Synchronous for the same reason as readTree; each folder is created once. File names are
    // relative, `/`-separated and already normal, so they are joined without path.join.
    const made = new Set<string>();
    let linking = true;
    for (const [file, content] of rendered.files) {
      const folder = file.slice(0, Math.max(0, file.lastIndexOf('/')));
      if (!made.has(folder)) {
        mkdirSync(path.join(staging, folder), { recursive: true });
        made.add(folder);
      }
      if (linking && existing.get(file) === content) {
        // Unchanged: the old file itself moves over with the swap. A file system without hard
        // links (or a full link count) gets the content written instead, from here on.
        try {
          linkSync(`${target}/${file}`, `${staging}/${file}`);
          continue;
        } catch {
          linking = false;
        }
      }
      writeFileSync(`${staging}/${file}`, content, 'utf8');
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw writeFailed(staging, error, rendered.env);
  }
  return { env: rendered.env, target, staging, report };
}


/**
 * Cleans up after a render that was killed while it wrote into `outDir`: its staging folders
 * are removed, and an environment folder it had moved aside for a swap that never finished is
 * put back (when the environment's folder is missing; otherwise the swap did finish and the
 * old folder is removed). Folders of a process that `isRunning` are left alone.
 * @throws KasaneError `render/write-failed`
 */
export async function sweepLeftovers(outDir: string, isRunning: (pid: number) => boolean): Promise<void> {
  let entries;
  try {
    entries = await readdir(outDir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const match = e.isDirectory() ? LEFTOVER.exec(e.name) : null;
    if (!match || isRunning(Number(match[3]))) continue;
    const leftover = path.join(outDir, e.name);
    const target = path.join(outDir, match[1]!);
    try {
      if (match[2] && !(await lstat(target).then(() => true, () => false))) await rename(leftover, target);
      else await rm(leftover, { recursive: true, force: true });
    } catch (error) {
      throw writeFailed(leftover, error);
    }
  }
}

/** Removes staging folders (after a failure), and the output folder when the render created it. */
export async function discardStaged(staged: readonly StagedEnvironment[], createdOutDir?: string): Promise<void> {
  for (const p of staged) if (p.staging) await rm(p.staging, { recursive: true, force: true }).catch(() => undefined);
  if (createdOutDir) await rm(createdOutDir, { recursive: true, force: true }).catch(() => undefined);
}

/**
 * Swaps every staged folder in, in order, and returns what writing each environment did. When a
 * swap fails, that environment's folder is put back as it was, the staging folders not yet
 * swapped in are removed, and the error names the folder.
 * @throws KasaneError `render/write-failed`
 */
export async function commitStaged(outDir: string, staged: readonly StagedEnvironment[], token: string): Promise<WriteReport[]> {
  for (const [i, p] of staged.entries()) {
    if (!p.staging) continue;
    try {
      await swapIn(p.staging, p.target, path.join(outDir, asideName(p.env, token)));
    } catch (error) {
      await discardStaged(staged.slice(i));
      throw writeFailed(p.target, error, p.env);
    }
  }
  return staged.map((p) => p.report);
}

/** Replaces `target` with `staging` by two renames (`target` waits at `old` in between). */
async function swapIn(staging: string, target: string, old: string): Promise<void> {
  const hadTarget = await lstat(target).then(() => true, () => false);
  if (hadTarget) await rename(target, old);
  try {
    await rename(staging, target);
  } catch (error) {
    if (hadTarget) await rename(old, target);
    throw error;
  }
  if (hadTarget) await rm(old, { recursive: true, force: true });
}

/**
 * Writes every environment under `outDir/<env>/`. Nothing is changed unless every environment
 * could be staged.
 * @throws KasaneError `render/out-not-a-directory`, `render/write-failed`, `render/would-overwrite`
 */
export async function writeEnvironments(outDir: string, environments: readonly RenderedEnvironment[], token = String(process.pid)): Promise<WriteReport[]> {
  await ensureOutDir(outDir);
  const staged: StagedEnvironment[] = [];
  try {
    for (const env of environments) staged.push(await stageEnvironment(outDir, env, token));
  } catch (error) {
    await discardStaged(staged);
    throw error;
  }
  return commitStaged(outDir, staged, token);
}
