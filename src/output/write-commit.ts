/**
 * Putting staged environment folders in place so that a render killed at any point loses
 * nothing and is finished by the next one.
 *
 * Node has no binding for an atomic exchange of two folders (Linux's `renameat2` with
 * `RENAME_EXCHANGE`), and kasane takes no native addon, so each environment folder is replaced
 * by two renames: `<env>` → `.<env>.kasane-old-<pid>`, then `.<env>.kasane-<pid>` → `<env>`.
 * Each rename is atomic; between the two, `<env>` is briefly absent. Before the first rename
 * a journal (`.kasane-journal`, written to a temporary name and renamed) lists the
 * environments; every staging folder it names is complete. Recovery (the next render, under
 * the output folder's lock) reads the journal and repeats the same steps, which pick up from
 * whatever state a kill left, then disposes of the old folders without deleting anything
 * kasane did not write (write-dispose.ts). Staging folders that no journal names are
 * unfinished: they hold only rendered files and links or copies of entries still in place,
 * and are removed.
 */
import { lstatSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isKasaneError, KasaneError, type Finding } from '../errors.ts';
import { disposeOldFolder, type StepHook } from './write-dispose.ts';
import { errnoOf, fsFailure } from './write-errors.ts';

/** The journal of a commit in progress, in the output folder. */
export const JOURNAL_FILE = '.kasane-journal';

/** The hidden folder where an environment is staged: `.<env>.kasane-<token>`; the token is the writer's pid. */
export const stagingName = (env: string, token: string): string => `.${env}.kasane-${token}`;

/** Where an environment's old folder waits during its swap; `n` > 0 when that name is taken. */
const asideName = (env: string, token: string, n = 0): string => `.${env}.kasane-old-${token}${n ? `-${n}` : ''}`;

/** Staging and old folders: `.<env>.kasane-<pid>` and `.<env>.kasane-old-<pid>[-<n>]`. */
const LEFTOVER = /^\.([a-z0-9][-a-z0-9]*)\.kasane-(old-)?(\d+)(?:-\d+)?$/;

interface Journal {
  token: string;
  envs: string[];
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes the journal to a temporary name and renames it, so that it is complete or absent. */
export function writeJournal(outDir: string, journal: Journal, step: StepHook): void {
  const file = path.join(outDir, JOURNAL_FILE);
  step('journal');
  try {
    // `wx` after removing a leftover: never written through an entry someone put there.
    rmSync(`${file}.tmp`, { force: true });
    writeFileSync(`${file}.tmp`, `${JSON.stringify(journal)}\n`, { flag: 'wx' });
    step('journal:commit');
    renameSync(`${file}.tmp`, file);
  } catch (error) {
    throw fsFailure('write', file, error);
  }
}

/** The journal, when one is there and reads as one: names that are not plain folder names are ignored. */
function readJournal(outDir: string): Journal | undefined {
  let value: Partial<Journal>;
  try {
    value = JSON.parse(readFileSync(path.join(outDir, JOURNAL_FILE), 'utf8')) as Partial<Journal>;
  } catch {
    return undefined;
  }
  if (typeof value.token !== 'string' || !/^\d+$/.test(value.token) || !Array.isArray(value.envs)) return undefined;
  return { token: value.token, envs: value.envs.filter((e): e is string => typeof e === 'string' && LEFTOVER.test(stagingName(e, value.token!))) };
}

function removeJournal(outDir: string, step: StepHook): void {
  step('journal:remove');
  for (const name of [JOURNAL_FILE, `${JOURNAL_FILE}.tmp`]) {
    try {
      unlinkSync(path.join(outDir, name));
    } catch (error) {
      if (errnoOf(error) !== 'ENOENT') throw fsFailure('remove', path.join(outDir, name), error);
    }
  }
}

function concurrentChange(target: string, env: string): KasaneError {
  return new KasaneError({
    severity: 'error',
    code: 'render/concurrent-change',
    message: `'${target}' was made again by another process while kasane replaced it`,
    hint: 'stop whatever else writes into the output folder, then run kasane render again',
    env,
  });
}

/** The first name for an old folder of `env` that is not taken. */
function freeAside(outDir: string, env: string, token: string): string {
  let n = 0;
  while (exists(path.join(outDir, asideName(env, token, n)))) n++;
  return path.join(outDir, asideName(env, token, n));
}

/**
 * Puts `env`'s staged folder in place: the current folder goes aside, the staged one takes its
 * name. Resumes from any state a kill left; a folder someone makes at the target meanwhile goes
 * aside too (a few times at most).
 * @throws KasaneError `render/concurrent-change`, `render/write-failed`
 */
export function swapIn(outDir: string, env: string, token: string, step: StepHook): void {
  const target = path.join(outDir, env);
  const staging = path.join(outDir, stagingName(env, token));
  for (let attempt = 0; exists(staging); attempt++) {
    try {
      if (exists(target)) {
        step(`aside:${env}`);
        renameSync(target, freeAside(outDir, env, token));
      }
      step(`swap:${env}`);
      renameSync(staging, target);
      return;
    } catch (error) {
      const code = errnoOf(error);
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') throw fsFailure('write', target, error, env);
      if (attempt === 3) throw concurrentChange(target, env);
    }
  }
}

/**
 * Undoes {@link swapIn} after a failure in this process: a folder at the target while the
 * staging folder is gone is the new one and goes back to its staging name; the old folder goes
 * back in place. A folder someone else made there meanwhile is left beside it, for the next
 * render to dispose of like an old folder.
 */
export function swapOut(outDir: string, env: string, token: string): void {
  const target = path.join(outDir, env);
  const staging = path.join(outDir, stagingName(env, token));
  const old = path.join(outDir, asideName(env, token));
  if (!exists(staging) && exists(target)) renameSync(target, staging);
  if (!exists(old)) return;
  // A folder someone else made at the target meanwhile waits beside it, like an old one.
  if (exists(target)) renameSync(target, freeAside(outDir, env, token));
  renameSync(old, target);
}

/**
 * Disposes of every old folder of `env` (write-dispose.ts); when the environment's folder is
 * missing, the first one is put back instead. Returns a warning for each old folder that had to
 * stay, whole or in part (`render/old-folder-kept`, `render/cannot-remove`).
 */
export function disposeOldFolders(outDir: string, env: string, step: StepHook): Finding[] {
  const target = path.join(outDir, env);
  const findings: Finding[] = [];
  const olds = readdirSync(outDir)
    .filter((name) => LEFTOVER.exec(name)?.[1] === env && name.startsWith(`.${env}.kasane-old-`))
    .sort();
  for (const name of olds) {
    const old = path.join(outDir, name);
    if (!lstatSync(old).isDirectory()) continue;
    if (!exists(target)) {
      step(`restore:${env}`);
      renameSync(old, target);
      continue;
    }
    try {
      const kept = disposeOldFolder(old, target, (s) => step(`${env}:${s}`));
      if (kept.length) findings.push(keptWarning(old, env, kept));
    } catch (error) {
      // The environment's folder is in place already: what could not be removed is reported, and
      // the next render tries again.
      if (!isKasaneError(error)) throw error;
      findings.push(...error.findings.map((f): Finding => ({ ...f, severity: 'warning', env, hint: `the new '${env}' is in place; ${f.hint ?? ''}; the next render tries again` })));
    }
  }
  return findings;
}

function keptWarning(old: string, env: string, kept: readonly string[]): Finding {
  return {
    severity: 'warning',
    code: 'render/old-folder-kept',
    message: `the old folder of environment '${env}' was kept as '${old}': ${kept.map((k) => `'${k}'`).join(', ')} changed while kasane wrote and could not be moved into '${env}'`,
    hint: `move what you need out of '${old}', then delete it`,
    env,
  };
}

/**
 * Cleans up after a render that did not finish: completes a commit that its journal records,
 * removes staging folders no journal names, and disposes of old folders. Call it with the
 * output folder locked. Returns warnings for what it did and for what it had to keep.
 * @throws KasaneError `render/cannot-remove`, `render/write-failed`, `render/read-failed`
 */
export function recoverOutput(outDir: string, step: StepHook = () => undefined): Finding[] {
  const findings: Finding[] = [];
  if (!exists(outDir)) return findings;
  try {
    const journal = readJournal(outDir);
    if (journal) {
      for (const env of journal.envs) swapIn(outDir, env, journal.token, step);
      findings.push({
        severity: 'warning',
        code: 'render/finished-interrupted-write',
        message: `an earlier render (pid ${journal.token}) stopped while it replaced ${journal.envs.map((e) => `'${e}'`).join(', ')} in '${outDir}'; its write was finished now`,
        hint: 'nothing to do: this render writes its own output next',
      });
    }
    removeJournal(outDir, step);
    const envs = new Set<string>();
    for (const name of readdirSync(outDir).sort()) {
      const match = LEFTOVER.exec(name);
      if (!match || !lstatSync(path.join(outDir, name)).isDirectory()) continue;
      if (match[2]) envs.add(match[1]!);
      else {
        step(`discard:${name}`);
        rmSync(path.join(outDir, name), { recursive: true, force: true });
      }
    }
    for (const env of envs) findings.push(...disposeOldFolders(outDir, env, step));
  } catch (error) {
    throw fsFailure('write', outDir, error);
  }
  return findings;
}
