import { readFileSync, writeFileSync } from 'node:fs';
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
