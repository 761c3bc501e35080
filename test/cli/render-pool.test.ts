import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { workerScript } from '../../src/cli/render-pool.ts';
import { runCli, smallProject, snapshotTree } from '../helpers/project.ts';

const hasWorker = workerScript() !== undefined;
if (!hasWorker) console.warn('skipping worker-thread render tests: dist/render-worker.js not built (npm run build)');

const env = (name: string, extra = '') => `
  import { defineEnvironment, patch } from 'kasane';
  import api from '../components/api.ts';

  export default defineEnvironment({ name: '${name}', namespace: '${name}', components: [api.with({ replicas: 2 })]${extra} });
`;

/** Three environments; `broken` makes one of them fail validation. */
function threeEnvironments(broken = false): string {
  return smallProject({
    'environments/dev.ts': env('dev'),
    'environments/prod.ts': env('prod', broken ? `, patches: [patch('Deployment', 'api', (d) => void (d.spec!.template.spec!.containers[0]!.envFrom = [{ configMapRef: { name: 'missing' } }]))]` : ''),
    'environments/staging.ts': env('staging'),
  });
}

describe('renderEnvironments', () => {
  test.skipIf(!hasWorker)('writes the same bytes and prints the same report with worker threads as without', async () => {
    const serialDir = threeEnvironments();
    const parallelDir = threeEnvironments();
    const serial = await runCli(['render'], serialDir, { KASANE_RENDER_THREADS: '1' });
    const parallel = await runCli(['render'], parallelDir, { KASANE_RENDER_THREADS: '3' });
    expect(serial.code).toBe(0);
    expect(parallel).toEqual(serial);
    expect(snapshotTree(path.join(parallelDir, 'rendered'))).toEqual(snapshotTree(path.join(serialDir, 'rendered')));
    expect(Object.keys(snapshotTree(path.join(parallelDir, 'rendered')))).toHaveLength(9);
  });

  test.skipIf(!hasWorker)('prints the same --stdout and --check results with worker threads as without', async () => {
    const dir = threeEnvironments();
    const stdout1 = await runCli(['render', '--stdout'], dir, { KASANE_RENDER_THREADS: '1' });
    const stdout3 = await runCli(['render', '--stdout'], dir, { KASANE_RENDER_THREADS: '3' });
    expect(stdout3).toEqual(stdout1);
    expect(stdout1.stdout.split('---\n')).toHaveLength(6);
    await runCli(['render'], dir, { KASANE_RENDER_THREADS: '1' });
    const check3 = await runCli(['render', '--check'], dir, { KASANE_RENDER_THREADS: '3' });
    expect(check3.code).toBe(0);
    expect(check3.stderr).toContain('up to date: dev, prod, staging in rendered');
  });

  test.skipIf(!hasWorker)('reports the same findings in environment order and writes nothing when one environment fails', async () => {
    const serialDir = threeEnvironments(true);
    const parallelDir = threeEnvironments(true);
    const serial = await runCli(['render'], serialDir, { KASANE_RENDER_THREADS: '1' });
    const parallel = await runCli(['render'], parallelDir, { KASANE_RENDER_THREADS: '3' });
    expect(serial.code).toBe(1);
    expect(serial.stderr).toContain('nothing written');
    expect(parallel).toEqual(serial);
    expect(existsSync(path.join(parallelDir, 'rendered'))).toBe(false);
    expect(existsSync(path.join(serialDir, 'rendered'))).toBe(false);
  });
});
