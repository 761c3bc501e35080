/**
 * The real process: a reader that stops early (`| head`, `| true`) closes stdout's pipe; the
 * command still finishes its work, ends with its own exit code, and prints no EPIPE stack.
 * Runs the built bin (dist/, made by `npm test`) through bash with pipefail, so that the exit
 * code of kasane, not of the reader, is what the shell reports.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { smallProject, snapshotTree } from '../helpers/project.ts';

const bin = path.resolve(import.meta.dirname, '../../bin/kasane.js');
const hasBash = spawnSync('bash', ['-c', 'true']).status === 0;
if (!hasBash) console.warn('skipping test/cli/process-io.test.ts: bash not found on the PATH');

function piped(dir: string, args: string, reader: string): { code: number | null; stderr: string; stdout: string } {
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${bin}" ${args} | ${reader}`], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

/** A component whose ConfigMap fails validation (a number in data): exit 1, findings on stdout with --json. */
const badName = `
  import { configMap, defineComponent, z } from 'kasane';
  export default defineComponent({ name: 'api', values: z.object({}), build: () => [configMap({ name: 'api', data: { a: 1 as never } })] });
`;

describe.skipIf(!hasBash || !existsSync(path.resolve(import.meta.dirname, '../../dist/cli.js')))('kasane writing into a pipe that the reader closed', () => {
  test('render --json | true still writes the output folder completely, and exits 0', () => {
    const dir = smallProject();
    const r = piped(dir, 'render --json', 'true');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|\n +at /);
    expect(Object.keys(snapshotTree(path.join(dir, 'rendered')))).toEqual(['dev/api/deployment-api.yaml', 'dev/api/service-api.yaml', 'dev/kustomization.yaml']);
    expect(readdirSync(path.join(dir, 'rendered'))).toEqual(['dev']);
  });

  test('a failed render keeps its exit code when the reader is gone', () => {
    const dir = smallProject({
      'components/api.ts': badName,
      'environments/dev.ts': `
        import { defineEnvironment } from 'kasane';
        import api from '../components/api.ts';
        export default defineEnvironment({ name: 'dev', namespace: 'dev', components: [api] });
      `,
    });
    const whole = piped(dir, 'render --json', 'cat > /dev/null');
    expect(whole.code).toBe(1);
    const r = piped(dir, 'render --json', 'true');
    expect(r.code, r.stderr).toBe(whole.code);
    expect(r.stderr).not.toMatch(/EPIPE|\n +at /);
  });

  test('render --stdout | head -1 prints one line, exit 0, no stack', () => {
    const dir = smallProject();
    const r = piped(dir, 'render --stdout', 'head -1');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('apiVersion: v1\n');
    expect(r.stderr).not.toMatch(/EPIPE|\n +at /);
  });
});
