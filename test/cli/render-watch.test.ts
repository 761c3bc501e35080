import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { apiComponent, runCli, smallProject, snapshotTree } from '../helpers/project.ts';

/** Polls `ready` until it holds, failing with `what` after `ms`. */
async function until(what: string, ready: () => boolean, ms = 30_000): Promise<void> {
  const start = Date.now();
  while (!ready()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** This process's child processes named `esbuild` that have ended but were never collected. */
function deadEsbuildChildren(): number[] {
  const dead: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // "pid (comm) state ppid ...": comm may hold spaces, so split after its closing parenthesis.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (comm === 'esbuild' && state === 'Z' && Number(ppid) === process.pid) dead.push(Number(entry));
  }
  return dead;
}

describe('kasane render --watch', () => {
  test('renders on every save, keeps the last good output through a syntax error, and stops on the signal', async () => {
    const dir = smallProject();
    const controller = new AbortController();
    let stderr = '';
    // Waiting again: the render after the last save has finished.
    const idle = () => stderr.endsWith('for changes (Ctrl-C to stop)\n');
    const exited = run(['render', '--watch'], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: dir, env: {}, signal: controller.signal });
    const deployment = path.join(dir, 'rendered/dev/api/deployment-api.yaml');
    const text = () => {
      try {
        return readFileSync(deployment, 'utf8');
      } catch {
        return ''; // between the two renames of a swap
      }
    };
    const replicas = () => /replicas: (\d+)/.exec(text())?.[1];
    try {
      await until('the first render', () => idle() && replicas() === '2');
      expect(replicas()).toBe('2');

      writeFileSync(path.join(dir, 'environments/dev.ts'), readFileSync(path.join(dir, 'environments/dev.ts'), 'utf8').replace('replicas: 2', 'replicas: 3'));
      await until('the render after a save', () => idle() && replicas() === '3');
      const good = snapshotTree(path.join(dir, 'rendered'));

      writeFileSync(path.join(dir, 'components/api.ts'), apiComponent.replace('build(values) {', 'build(values) {{'));
      await until('the failed render', () => idle() && stderr.includes('load/compile-error'));
      expect(snapshotTree(path.join(dir, 'rendered'))).toEqual(good);

      writeFileSync(path.join(dir, 'components/api.ts'), apiComponent.replace("'example/api:1.0.0'", "'example/api:2.0.0'"));
      await until('the render after the fix', () => idle() && text().includes('example/api:2.0.0'));
    } finally {
      controller.abort();
    }
    expect(await exited).toBe(0);
    // What the watch left is what a render from scratch writes.
    const cold = await runCli(['render', '--no-cache', '--out', 'cold'], dir);
    expect(cold.code, cold.stderr).toBe(0);
    expect(snapshotTree(path.join(dir, 'rendered'))).toEqual(snapshotTree(path.join(dir, 'cold')));
  }, 90_000);

  test.skipIf(!existsSync('/proc/self/stat'))(
    'leaves no ended esbuild process behind after each save (Linux /proc)',
    async () => {
      const dir = smallProject();
      const controller = new AbortController();
      let stderr = '';
      const idle = () => stderr.endsWith('for changes (Ctrl-C to stop)\n');
      const before = deadEsbuildChildren().length;
      const exited = run(['render', '--watch'], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: dir, env: {}, signal: controller.signal });
      const deployment = path.join(dir, 'rendered/dev/api/deployment-api.yaml');
      const replicas = () => {
        try {
          return /replicas: (\d+)/.exec(readFileSync(deployment, 'utf8'))?.[1];
        } catch {
          return undefined; // between the two renames of a swap
        }
      };
      let dead: number[];
      try {
        await until('the first render', () => idle() && replicas() === '2');
        // Each save compiles the project again (a changed input), in a new render worker.
        for (const next of [3, 4, 5, 6]) {
          writeFileSync(path.join(dir, 'environments/dev.ts'), readFileSync(path.join(dir, 'environments/dev.ts'), 'utf8').replace(/replicas: \d+/, `replicas: ${next}`));
          await until(`the render with ${next} replicas`, () => idle() && replicas() === String(next));
        }
        // An exit is collected as soon as it is signalled: give a stray one time to show.
        await new Promise((r) => setTimeout(r, 300));
        dead = deadEsbuildChildren();
      } finally {
        controller.abort();
      }
      expect(await exited).toBe(0);
      expect(dead.length - before, `ended esbuild processes: ${dead.join(', ')}`).toBe(0);
    },
    90_000,
  );

  test('--watch with --check or --stdout is a usage error', async () => {
    const dir = smallProject();
    for (const flag of ['--check', '--stdout']) {
      const r = await runCli(['render', '--watch', flag], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`--watch writes the output folder: it cannot be combined with ${flag}`);
      expect(r.stderr).toContain('cli/invalid-option');
    }
  });
});
