import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli, smallProject, snapshotTree, writeProject } from '../helpers/project.ts';

/** Renders a good project once, breaks it with `overrides`, renders again. */
async function renderBroken(overrides: Record<string, string>, argv: string[] = ['render']) {
  const dir = smallProject();
  const first = await runCli(['render'], dir);
  expect(first.code, first.stderr).toBe(0);
  const before = snapshotTree(path.join(dir, 'rendered'));
  writeProject(overrides, dir);
  const result = await runCli(argv, dir);
  expect(snapshotTree(path.join(dir, 'rendered'))).toEqual(before);
  return result;
}

const devWith = (values: string) => `
  import { defineEnvironment } from 'kasane';
  import api from '../components/api.ts';

  export default defineEnvironment({
    name: 'dev',
    namespace: 'dev',
    components: [api.with(${values})],
  });
`;

describe('kasane render on bad input', () => {
  beforeAll(() => {
    // Warm the compile path once so each case measures only its own behaviour.
  });

  test('names the file, environment, component and value path when a value has the wrong type', async () => {
    const r = await renderBroken({ 'environments/dev.ts': devWith(`{ replicas: 'three' as never }`) });
    expect(r.code).toBe(2);
    const first = r.stderr.split('\n')[0];
    expect(first).toBe(`error: dev › values.api.replicas: expected number, received string "three" at 'replicas' of component 'api' (environments/dev.ts:7)`);
    expect(r.stderr).toContain('component: api');
    expect(r.stderr).toContain('code: values/invalid');
    expect(r.stderr).toContain('nothing written');
  });

  test('rejects an unknown value key with a suggestion', async () => {
    const r = await renderBroken({ 'environments/dev.ts': devWith(`{ replica: 2 } as never`) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: dev › values.api.replica: unknown value 'replica' for component 'api' (did you mean 'replicas'?) (environments/dev.ts:7)`);
    expect(r.stderr).toContain('code: values/unknown-key');
  });

  test('names both components when two objects have the same kind, namespace and name', async () => {
    const r = await renderBroken({
      'components/api2.ts': `
        import { configMap, defineComponent, z } from 'kasane';
        export default defineComponent({ name: 'api2', values: z.object({}), build: () => [configMap({ name: 'shared', data: { a: '1' } })] });
      `,
      'components/api3.ts': `
        import { configMap, defineComponent, z } from 'kasane';
        export default defineComponent({ name: 'api3', values: z.object({}), build: () => [configMap({ name: 'shared', data: { b: '2' } })] });
      `,
      'environments/dev.ts': `
        import { defineEnvironment } from 'kasane';
        import api from '../components/api.ts';
        import api2 from '../components/api2.ts';
        import api3 from '../components/api3.ts';
        export default defineEnvironment({ name: 'dev', namespace: 'dev', components: [api, api2, api3] });
      `,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`ConfigMap/shared is defined twice by the components: components 'api2' and 'api3' both build it (components/api3.ts:2)`);
    expect(r.stderr).toContain('also: components/api2.ts:2');
    expect(r.stderr).toContain('code: render/duplicate-object');
  });

  test("shows the component's name and the user's stack frame when build throws", async () => {
    const r = await renderBroken({
      'components/api.ts': `
        import { defineComponent, z } from 'kasane';

        function pickPort(): number {
          throw new Error('no free port left');
        }

        export default defineComponent({ name: 'api', values: z.object({ replicas: z.number().default(1) }), build: () => [pickPort()] as never });
      `,
    });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`error: dev: component 'api' threw while building: no free port left (components/api.ts:4)`);
    expect(r.stderr).toMatch(/\| +at pickPort \(.*components\/api\.ts:4:\d+\)/);
    expect(r.stderr).not.toMatch(/src\/(project|pipeline|cli)|dist\/|node_modules/);
  });

  test('points at the line of a TypeScript syntax error', async () => {
    const r = await renderBroken({ 'components/api.ts': `export default defineComponent({ name: 'api', values: , build() {} });\n` });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(0, 3)).toEqual([
      'error: unexpected "," (components/api.ts:1)',
      "  | export default defineComponent({ name: 'api', values: , build() {} });",
      '  |                                                       ^',
    ]);
    expect(r.stderr).toContain('code: load/compile-error');
  });

  test('lists the known environments for an unknown environment name', async () => {
    const r = await renderBroken({}, ['render', 'prdo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: prdo: unknown environment 'prdo'`);
    expect(r.stderr).toContain('known environments: dev');
  });

  test('fails cleanly when the output path is a file', async () => {
    const dir = smallProject();
    writeFileSync(path.join(dir, 'out'), 'not a folder\n');
    const r = await runCli(['render', '--out', 'out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the output path '${path.join(dir, 'out')}' is a file, not a folder`);
    expect(snapshotTree(dir)['out']).toBe('not a folder\n');
  });

  test('fails cleanly when the output folder cannot be written', async () => {
    const dir = smallProject();
    // A path below a file cannot be created, whoever runs the test (root ignores permissions).
    writeFileSync(path.join(dir, 'blocker'), 'x');
    chmodSync(path.join(dir, 'blocker'), 0o444);
    const r = await runCli(['render', '--out', 'blocker/out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write '.*blocker\/out'/);
    expect(r.stderr).toContain('code: render/out-not-a-directory');
  });
});

describe('kasane render while another render writes the same folder', () => {
  test('fails with render/locked naming the pid, and writes nothing', async () => {
    const dir = smallProject();
    await runCli(['render'], dir);
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    await new Promise((resolve) => other.once('spawn', resolve));
    writeFileSync(path.join(dir, 'rendered', '.kasane-lock'), `${JSON.stringify({ pid: other.pid, host: hostname(), token: 'other' })}\n`);
    const before = snapshotTree(path.join(dir, 'rendered'));
    writeProject({ 'environments/dev.ts': devWith('{ replicas: 3 }') }, dir);
    try {
      const r = await runCli(['render'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error: '${path.join(dir, 'rendered')}' is locked: kasane (pid ${other.pid} on '${hostname()}') is writing it`);
      expect(r.stderr).toContain('code: render/locked');
    } finally {
      other.kill('SIGKILL');
    }
    expect(snapshotTree(path.join(dir, 'rendered'))).toEqual(before);
  });
});

describe('an output folder that cannot be read', () => {
  test('render --check and diff report render/read-failed with the path, not an internal error', async () => {
    const dir = smallProject();
    writeProject({ 'rendered/dev': 'a file where the environment folder belongs\n' }, dir);
    for (const argv of [
      ['render', '--check'],
      ['diff', 'dev'],
    ]) {
      const r = await runCli(argv, dir);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain(`cannot read '${path.join(dir, 'rendered', 'dev')}': ENOTDIR`);
      expect(r.stderr).toContain('code: render/read-failed');
      expect(r.stderr).not.toContain('internal error');
    }
  });
});
