/**
 * One writer at a time per output folder. The lock is the file `.kasane-lock` in the folder,
 * created exclusively (O_EXCL) and naming its holder: pid, host, and on Linux the boot and the
 * process's start time, so that a pid used again by another process is not taken for the holder.
 *
 * A lock whose holder has surely ended is stale and is taken over. Two processes may find the
 * same stale lock at once, so taking over is itself guarded: only the process that creates
 * `.kasane-lock.break` may remove the lock, and only after reading it again and finding the
 * same holder (a lock is only ever removed by its holder or under that guard, so it cannot
 * change between that read and the removal). A holder on another host cannot be checked and is
 * never taken over: the error says which file to remove when no render runs there.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { KasaneError } from '../errors.ts';
import { errnoOf, fsFailure } from './write-errors.ts';

/** The lock file's name in the output folder. */
export const LOCK_FILE = '.kasane-lock';
const BREAK_FILE = '.kasane-lock.break';

/** Who holds a lock. */
export interface LockHolder {
  pid: number;
  host: string;
  /** Boot id of the host (Linux). */
  boot?: string;
  /** Start time of the process in clock ticks since boot (Linux). */
  started?: string;
  /** Random, unique per lock taken: tells two locks of one process apart. */
  token: string;
}

/** How the lock sees processes; tests pass their own. */
export interface ProcessProbe {
  /** This process (without a token). */
  self(): Omit<LockHolder, 'token'>;
  /** False only when the holder's process has surely ended. */
  alive(holder: LockHolder): boolean;
}

/** A lock on an output folder. */
export interface OutputLock {
  /** False when the folder's file system is read-only: nothing can be written there by anyone. */
  held: boolean;
  /** Fails with `render/locked` when another process has taken the lock meanwhile. */
  verify(): Promise<void>;
  /** Removes the lock file if it is still this lock's. */
  release(): Promise<void>;
}

/** Tokens of the locks this process holds: a lock with this pid and another token is a dead process's. */
const heldHere = new Set<string>();

function procText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat (counted after the command name, which may hold spaces). */
function startTime(pid: number): string | undefined {
  const stat = procText(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/** The processes of this machine. */
export const localProcesses: ProcessProbe = {
  self() {
    const boot = procText('/proc/sys/kernel/random/boot_id')?.trim();
    const started = startTime(process.pid);
    return { pid: process.pid, host: hostname(), ...(boot ? { boot } : {}), ...(started ? { started } : {}) };
  },
  alive(holder) {
    const self = this.self();
    if (holder.host !== self.host) return true;
    if (holder.boot && self.boot && holder.boot !== self.boot) return false;
    if (holder.pid === self.pid) return heldHere.has(holder.token);
    try {
      process.kill(holder.pid, 0);
    } catch (error) {
      // EPERM: the process exists but belongs to someone else.
      if (errnoOf(error) === 'ESRCH') return false;
    }
    const started = startTime(holder.pid);
    return !(holder.started && started && holder.started !== started);
  },
};

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return Number.isInteger(value.pid) && typeof value.host === 'string' && typeof value.token === 'string' ? (value as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The text of a lock file, waiting briefly while its creator is still writing it; undefined when absent. */
async function readLock(file: string): Promise<{ text: string; holder?: LockHolder } | undefined> {
  for (let attempt = 0; ; attempt++) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (errnoOf(error) === 'ENOENT') return undefined;
      throw fsFailure('read', file, error);
    }
    const holder = parseHolder(text);
    if (holder || attempt === 10) return { text, ...(holder ? { holder } : {}) };
    await pause(20);
  }
}

/** Creates `file` with `text` unless it exists; false when it does. */
async function createExclusive(file: string, text: string): Promise<boolean> {
  try {
    await writeFile(file, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if (errnoOf(error) === 'EEXIST') return false;
    throw fsFailure('write', file, error);
  }
}

function lockedError(outDir: string, file: string, holder: LockHolder | undefined, doing: string): KasaneError {
  const who = holder ? `kasane (pid ${holder.pid} on '${holder.host}')` : 'a process kasane cannot name';
  return new KasaneError({
    severity: 'error',
    code: 'render/locked',
    message: `'${outDir}' is locked: ${who} ${doing}`,
    hint: `wait for that render to finish and run again; if no kasane process runs${holder ? ` there` : ''}, remove '${file}'`,
  });
}

/** Removes the stale lock whose text is `staleText`, guarded by the break file (see the module comment). */
async function breakStaleLock(outDir: string, file: string, staleText: string, mine: string): Promise<void> {
  const guard = path.join(outDir, BREAK_FILE);
  if (!(await createExclusive(guard, mine))) {
    throw lockedError(outDir, guard, (await readLock(guard))?.holder, 'is taking over a stale lock');
  }
  try {
    if ((await readLock(file))?.text === staleText) await unlink(file);
  } catch (error) {
    throw fsFailure('remove', file, error);
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

/**
 * For readers of the output folder (`render --check`): fails while a running render holds it,
 * because that render may be between the two renames of an environment's folder and the
 * folder would look out of date. A stale lock is left for the next render to take over.
 * @throws KasaneError `render/locked` naming the holder's pid and host
 */
export async function assertNotLocked(outDir: string, processes: ProcessProbe = localProcesses): Promise<void> {
  const file = path.join(outDir, LOCK_FILE);
  const current = await readLock(file).catch(() => undefined);
  if (current?.holder && processes.alive(current.holder)) throw lockedError(outDir, file, current.holder, 'is writing it');
}

/**
 * Locks `outDir` for writing, taking over a stale lock.
 * @throws KasaneError `render/locked` naming the holder's pid and host; `render/write-failed`
 */
export async function lockOutput(outDir: string, processes: ProcessProbe = localProcesses): Promise<OutputLock> {
  const file = path.join(outDir, LOCK_FILE);
  const holder: LockHolder = { ...processes.self(), token: randomBytes(8).toString('hex') };
  const text = `${JSON.stringify(holder)}\n`;
  for (let attempt = 0; ; attempt++) {
    if (attempt === 20) throw lockedError(outDir, file, undefined, 'keeps taking and leaving it');
    try {
      if (await createExclusive(file, text)) break;
    } catch (error) {
      // Nobody can write on a read-only file system, so there is nothing to guard.
      if (error instanceof KasaneError && error.code === 'render/read-only-file-system') return { held: false, verify: async () => undefined, release: async () => undefined };
      throw error;
    }
    const current = await readLock(file);
    if (!current) continue;
    if (!current.holder) throw lockedError(outDir, file, undefined, 'holds it, or the lock file was not written by kasane');
    if (processes.alive(current.holder) || attempt === 4) throw lockedError(outDir, file, current.holder, 'is writing it');
    await breakStaleLock(outDir, file, current.text, text);
  }
  heldHere.add(holder.token);
  const verify = async (): Promise<void> => {
    const now = await readLock(file);
    if (now?.text !== text) throw lockedError(outDir, file, now?.holder, 'took the lock over while this render ran');
  };
  const release = async (): Promise<void> => {
    heldHere.delete(holder.token);
    if ((await readLock(file).catch(() => undefined))?.text === text) await unlink(file).catch(() => undefined);
  };
  return { held: true, verify, release };
}
