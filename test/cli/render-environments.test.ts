import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, smallProject, snapshotTree } from '../helpers/project.ts';

const env = (name: string, extra = '') => `
  import { defineEnvironment, patch } from 'kasane';
  import api from '../components/api.ts';

  export default defineEnvironment({ name: '${name}', namespace: '${name}', components: [api.with({ replicas: 2 })]${extra} });
`;

/** Three environments; `broken` makes the second of them fail validation. */
function threeEnvironments(broken = false): string {
  return smallProject({
    'environments/dev.ts': env('dev'),
    'environments/prod.ts': env('prod', broken ? `, patches: [patch('Deployment', 'api', (d) => void (d.spec!.template.spec!.containers[0]!.envFrom = [{ configMapRef: { name: 'missing' } }]))]` : ''),
    'environments/staging.ts': env('staging'),
  });
}

describe('renderEnvironments', () => {
  test('writes every environment and reports them in order when all render', async () => {
    const dir = threeEnvironments();
    const r = await runCli(['render'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(
      r.stderr
        .split('\n')
        .filter((l) => / objects?, /.test(l))
        .map((l) => l.split(':')[0]),
    ).toEqual(['dev', 'prod', 'staging']);
    expect(Object.keys(snapshotTree(path.join(dir, 'rendered')))).toHaveLength(9);
  });

  test('still checks the environments after one that fails, and writes nothing', async () => {
    const dir = threeEnvironments(true);
    const r = await runCli(['render'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing written');
    expect(r.stderr).toContain('prod');
    expect(existsSync(path.join(dir, 'rendered'))).toBe(false);
  });
});
