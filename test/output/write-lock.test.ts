/**
 * The output folder's lock: one writer at a time, a clear `render/locked` naming the holder,
 * and a stale lock taken over only when its holder has surely ended.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { LOCK_FILE, localProcesses, lockOutput, type LockHolder, type ProcessProbe } from '../../src/output/write-lock.ts';
import { writeEnvironments } from '../../src/output/write.ts';
import { snapshotTree } from '../helpers/project.ts';
import { rendered } from '../helpers/rendered.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'kasane-lock-'));

/** A probe for which the process `pid` runs and every other one has ended. */
const onlyRunning = (pid: number): ProcessProbe => ({ self: () => ({ pid: 1000, host: 'here' }), alive: (h) => h.pid === pid });

function lockFor(holder: Partial<LockHolder>): string {
  return `${JSON.stringify({ pid: 4242, host: 'here', token: 'abc', ...holder })}\n`;
}

/** This machine's view of process `pid`, as a lock written by it would record it. */
function holderOf(pid: number): LockHolder {
  const self = localProcesses.self();
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return { pid, host: self.host, ...(self.boot ? { boot: self.boot } : {}), started: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!, token: 'theirs' };
}

describe('lockOutput', () => {
  test('refuses a folder that a running render holds, names its pid, and changes nothing', async () => {
    const out = tmp();
    writeFileSync(path.join(out, LOCK_FILE), lockFor({ pid: 4242 }));
    const before = snapshotTree(out);
    await expect(writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' })], { processes: onlyRunning(4242) })).rejects.toMatchObject({
      code: 'render/locked',
      message: `'${out}' is locked: kasane (pid 4242 on 'here') is writing it`,
      findings: [expect.objectContaining({ hint: `wait for that render to finish and run again; if no kasane process runs there, remove '${path.join(out, LOCK_FILE)}'` })],
    });
    expect(snapshotTree(out)).toEqual(before);
  });

  test('takes over the lock of a render that has ended, and removes its own lock when done', async () => {
    const out = tmp();
    writeFileSync(path.join(out, LOCK_FILE), lockFor({ pid: 4242 }));
    await writeEnvironments(out, [rendered('dev', { 'a.yaml': 'a\n' })], { processes: onlyRunning(1) });
    expect(readdirSync(out)).toEqual(['dev']);
  });

  test('never takes over a lock from another host', async () => {
    const out = tmp();
    writeFileSync(path.join(out, LOCK_FILE), lockFor({ pid: 1, host: `not-${hostname()}` }));
    await expect(lockOutput(out)).rejects.toMatchObject({ code: 'render/locked', message: `'${out}' is locked: kasane (pid 1 on 'not-${hostname()}') is writing it` });
  });

  test('refuses a lock file it cannot read, and says which file to remove', async () => {
    const out = tmp();
    writeFileSync(path.join(out, LOCK_FILE), 'someone else\n');
    await expect(lockOutput(out, onlyRunning(1))).rejects.toMatchObject({
      code: 'render/locked',
      message: `'${out}' is locked: a process kasane cannot name holds it, or the lock file was not written by kasane`,
    });
    expect(readFileSync(path.join(out, LOCK_FILE), 'utf8')).toBe('someone else\n');
  });

  test('leaves a stale lock alone while another process is taking it over', async () => {
    const out = tmp();
    writeFileSync(path.join(out, LOCK_FILE), lockFor({ pid: 4242 }));
    writeFileSync(path.join(out, `${LOCK_FILE}.break`), lockFor({ pid: 4343 }));
    await expect(lockOutput(out, onlyRunning(4343))).rejects.toMatchObject({ code: 'render/locked', message: `'${out}' is locked: kasane (pid 4343 on 'here') is taking over a stale lock` });
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(true);
  });

  test('a second writer in the same process is refused while the first holds the lock', async () => {
    const out = tmp();
    const results = await Promise.allSettled([writeEnvironments(out, [rendered('dev', { 'a.yaml': 'one\n' })]), writeEnvironments(out, [rendered('dev', { 'a.yaml': 'two\n' })])]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'render/locked', message: expect.stringContaining(`(pid ${process.pid} on '${hostname()}') is writing it`) });
    expect(['one\n', 'two\n']).toContain(snapshotTree(out)['dev/a.yaml']);
    expect(readdirSync(out)).toEqual(['dev']);
  });
});

describe.skipIf(!existsSync('/proc/self/stat'))('lockOutput with real processes', () => {
  test('a lock of a running process is kept; once the process ends it is taken over', async () => {
    const out = tmp();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    await new Promise((resolve) => child.once('spawn', resolve));
    writeFileSync(path.join(out, LOCK_FILE), `${JSON.stringify(holderOf(child.pid!))}\n`);
    await expect(lockOutput(out)).rejects.toMatchObject({ code: 'render/locked', message: expect.stringContaining(`(pid ${child.pid} on`) });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const lock = await lockOutput(out);
    await lock.release();
    expect(readdirSync(out)).toEqual([]);
  });

  test('a lock naming a running pid that another, later process now has is stale', async () => {
    const out = tmp();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    await new Promise((resolve) => child.once('spawn', resolve));
    writeFileSync(path.join(out, LOCK_FILE), `${JSON.stringify({ ...holderOf(child.pid!), started: '1' })}\n`);
    try {
      const lock = await lockOutput(out);
      await lock.release();
    } finally {
      child.kill('SIGKILL');
    }
    expect(readdirSync(out)).toEqual([]);
  });

  test("a lock naming this process that this process did not take is an earlier process's, and stale", async () => {
    const out = tmp();
    writeFileSync(path.join(out, LOCK_FILE), `${JSON.stringify({ ...localProcesses.self(), token: 'an-earlier-process' })}\n`);
    const lock = await lockOutput(out);
    await lock.release();
    expect(readdirSync(out)).toEqual([]);
  });

  test('a lock of a process that has ended is stale', async () => {
    const dead = Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim());
    const out = tmp();
    writeFileSync(path.join(out, LOCK_FILE), `${JSON.stringify({ ...localProcesses.self(), pid: dead, token: 'x' })}\n`);
    const lock = await lockOutput(out);
    await lock.release();
    expect(readdirSync(out)).toEqual([]);
  });
});
