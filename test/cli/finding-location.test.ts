/**
 * Findings point at the statement that wrote the field they are about: an environment's patch
 * when it set or added the field (naming list elements such as containers by name), else the
 * builder call — never the `defineComponent`/`defineEnvironment` line when a statement is known.
 * The summary names only the environments with findings.
 */
import { describe, expect, test } from 'vitest';
import { runCli, smallProject } from '../helpers/project.ts';

/** The dev environment of the small project with `patches` (from line 7 on). */
const devWithPatches = (patches: string) => `
  import { defineEnvironment, jsonPatch, patch, strategicMerge } from 'kasane';
  import api from '../components/api.ts';

  export default defineEnvironment({
    name: 'dev', namespace: 'dev', components: [api.with({ replicas: 2 })],
    patches: [
${patches}
    ],
  });
`;

const prod = `
  import { defineEnvironment } from 'kasane';
  import api from '../components/api.ts';

  export default defineEnvironment({ name: 'prod', namespace: 'prod', components: [api] });
`;

const sidecar = `
      strategicMerge({ kind: 'Deployment', name: 'api' }, {
        spec: { template: { spec: { containers: [{ name: 'istio-proxy', image: 'istio/proxyv2:1.22.0' }] } } },
      }),`;

/** The first line of each finding whose first line contains `text`. */
const lines = (stderr: string, text: string) => stderr.split('\n').filter((l) => /^(error|warning): /.test(l) && l.includes(text));

describe('where findings point', () => {
  test('a sidecar a patch added names the patch line and the container by name', async () => {
    const dir = smallProject({ 'environments/dev.ts': devWithPatches(sidecar) });
    const r = await runCli(['validate', 'dev'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stderr, 'istio-proxy')).toContain(
      'warning: dev › Deployment/dev/api › spec.template.spec.containers[name=istio-proxy].livenessProbe: expected a livenessProbe, found none (environments/dev.ts:8)',
    );
    expect(r.stderr).toContain('(environments/dev.ts:8)\n  component: api\n  also: components/api.ts:7\n');
    // The component's own container is still blamed on the builder call.
    expect(lines(r.stderr, 'containers[1].livenessProbe')).toEqual([
      'warning: dev › Deployment/dev/api › spec.template.spec.containers[1].livenessProbe: expected a livenessProbe, found none (components/api.ts:7)',
    ]);
  });

  test('--json gives the keyed path and the patch as source', async () => {
    const dir = smallProject({ 'environments/dev.ts': devWithPatches(sidecar) });
    const r = await runCli(['validate', 'dev', '--json'], dir);
    const findings = JSON.parse(r.stdout) as { code: string; path: string; source: { file: string; line: number } }[];
    expect(findings.find((f) => f.code === 'policy/readiness-probe' && f.path.includes('istio-proxy'))).toMatchObject({
      path: 'spec.template.spec.containers[name=istio-proxy].readinessProbe',
      source: { file: 'environments/dev.ts', line: 8 },
    });
  });

  test.each([
    ['a strategic merge patch body', `      strategicMerge({ kind: 'Deployment', name: 'api' }, { spec: { paused: 'yes' as never } }),`, 'spec.paused'],
    ['a JSON patch', `      jsonPatch({ kind: 'Deployment', name: 'api' }, [{ op: 'add', path: '/spec/paused', value: 'yes' }]),`, 'spec.paused'],
    ['a function patch', `      patch('Deployment', 'api', (d) => { d.spec!.replicas = 'two' as never; }),`, 'spec.replicas'],
  ])('a wrong type written by %s names the patch line', async (_name, entry, field) => {
    const dir = smallProject({ 'environments/dev.ts': devWithPatches(entry) });
    const r = await runCli(['validate', 'dev'], dir);
    expect(r.code).toBe(1);
    const [first] = lines(r.stderr, `› ${field}:`);
    expect(first).toMatch(new RegExp(`^error: dev › Deployment/dev/api › ${field.replace('.', '\\.')}: expected .* \\(environments/dev\\.ts:7\\)$`));
  });

  test('a duplicate object names the builder calls, not the component declarations', async () => {
    const config = (name: string) => `
      import { configMap, defineComponent, z } from 'kasane';

      export default defineComponent({
        name: '${name}',
        values: z.object({}),
        build() {
          return [
            configMap({ name: 'shared', data: { a: '1' } }),
          ];
        },
      });
    `;
    const dir = smallProject({
      'components/one.ts': config('one'),
      'components/two.ts': config('two'),
      'environments/dev.ts': `
        import { defineEnvironment } from 'kasane';
        import one from '../components/one.ts';
        import two from '../components/two.ts';
        export default defineEnvironment({ name: 'dev', components: [one, two] });
      `,
    });
    const r = await runCli(['validate', 'dev'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`is defined twice by the components: components 'one' and 'two' both build it (components/two.ts:8)\n  component: two\n  also: components/one.ts:8\n`);
  });

  test('a missing secret variable names the builder call of the Secret', async () => {
    const dir = smallProject({
      'components/db.ts': `
        import { defineComponent, secret, secretValue, z } from 'kasane';

        export default defineComponent({
          name: 'db',
          values: z.object({}),
          build() {
            return [
              secret({ name: 'db', stringData: { password: secretValue.fromEnv('KASANE_TEST_UNSET_DB_PASSWORD') } }),
            ];
          },
        });
      `,
      'environments/dev.ts': `
        import { defineEnvironment } from 'kasane';
        import db from '../components/db.ts';
        export default defineEnvironment({ name: 'dev', components: [db] });
      `,
    });
    const r = await runCli(['render', 'dev', '--stdout'], dir);
    expect(r.code).toBe(2);
    expect(lines(r.stderr, 'KASANE_TEST_UNSET_DB_PASSWORD')[0]).toMatch(/^error: dev › Secret\/db › stringData\.password: .*\(components\/db\.ts:8\)$/);
  });

  test('the summary names only the environments with findings', async () => {
    const dir = smallProject({
      'environments/dev.ts': devWithPatches(`      jsonPatch({ kind: 'Deployment', name: 'api' }, [{ op: 'add', path: '/spec/paused', value: 'yes' }]),`),
      'environments/prod.ts': prod,
      'kasane.config.ts': `
      import { defineConfig } from 'kasane';
      export default defineConfig({ policies: { 'liveness-probe': 'off', 'readiness-probe': 'off', 'resource-limits': 'off', 'resource-requests': 'off', 'run-as-non-root': 'off' } });
    `,
    });
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('1 error in dev');
  });
});
