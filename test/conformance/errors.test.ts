/**
 * Bad overlays at the pipeline level: each mistake a Kustomize user makes in an overlay, written
 * in a kasane environment and rendered with the CLI. Each must fail with one clear first line
 * naming the environment, the object, the field path and the environment file's line of the
 * call that holds the mistake, and must leave the rendered output as it was.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, snapshotTree, writeProject } from '../helpers/project.ts';

/** A Deployment and a Service named `web`, the base of every case. */
const webComponent = `
  import { defineComponent, resource, z } from 'kasane';

  export default defineComponent({
    name: 'web',
    values: z.object({}),
    build: () => [
      resource({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', labels: { app: 'web' } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'app', image: 'app:1' }] },
          },
        },
      }),
      resource({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
      }),
    ],
  });
`;

const baseEnv = `
  import { defineEnvironment } from 'kasane';
  import web from '../components/web.ts';

  export default defineEnvironment({ name: 'base', abstract: true, components: [web] });
`;

/** The prod environment with `fields` (lines of defineEnvironment's props after `extends`). */
const prodEnv = (imports: string, fields: string) => `
  import { defineEnvironment, ${imports} } from 'kasane';
  import base from './base.ts';

  export default defineEnvironment({
    name: 'prod',
    extends: base,
    ${fields}
  });
`;

/** Renders a good prod environment, breaks it with `env`, renders again; nothing may change. */
async function renderBroken(env: string) {
  const dir = writeProject({
    'components/web.ts': webComponent,
    'environments/base.ts': baseEnv,
    'environments/prod.ts': prodEnv('strategicMerge', `patches: [strategicMerge({ kind: 'Deployment', name: 'web' }, { spec: { replicas: 3 } })],`),
  });
  const first = await runCli(['render'], dir);
  expect(first.code, first.stderr).toBe(0);
  const before = snapshotTree(path.join(dir, 'rendered'));
  expect(Object.keys(before).length).toBeGreaterThan(0);
  writeProject({ 'environments/prod.ts': env }, dir);
  const result = await runCli(['render'], dir);
  expect(snapshotTree(path.join(dir, 'rendered'))).toEqual(before);
  expect(result.stdout).toBe('');
  return { ...result, first: result.stderr.split('\n')[0] };
}

describe('kasane render on a bad overlay', () => {
  test('names the field and suggests the right one when a patch sets a field the kind does not have', async () => {
    const r = await renderBroken(prodEnv('strategicMerge', `patches: [strategicMerge({ kind: 'Deployment', name: 'web' }, { spec: { replica: 3 } as never })],`));
    expect(r.code).toBe(2);
    expect(r.first).toBe(`error: prod › Deployment/web › spec.replica: expected a field of apps/v1.DeploymentSpec, received 'replica' (did you mean 'replicas'?) (environments/prod.ts:7)`);
    expect(r.stderr).toContain('code: overlay/patch-unknown-field');
  });

  test('names the directive and the list when a merge directive is in a list that a patch replaces', async () => {
    const r = await renderBroken(
      prodEnv(
        'strategicMerge',
        `patches: [strategicMerge({ kind: 'Deployment', name: 'web' }, { spec: { template: { spec: { containers: [{ name: 'app', args: [{ $patch: 'delete' }] as never }] } } } })],`,
      ),
    );
    expect(r.code).toBe(2);
    expect(r.first).toBe(
      `error: prod › Deployment/web › spec.template.spec.containers[0].args[0].$patch: expected '$patch' only in lists merged by key, received it in 'args', which a patch replaces wholesale (environments/prod.ts:7)`,
    );
    expect(r.stderr).toContain('code: overlay/patch-invalid-directive');
  });

  test('names the op and the pointer when a JSON patch points into nothing', async () => {
    const r = await renderBroken(
      prodEnv('jsonPatch', `patches: [jsonPatch({ kind: 'Deployment', name: 'web' }, [{ op: 'replace', path: '/spec/template/spec/containers/1/image', value: 'app:2' }])],`),
    );
    expect(r.code).toBe(2);
    expect(r.first).toBe(
      `error: prod › Deployment/web › spec.template.spec.containers["1"].image: op 0 (replace "/spec/template/spec/containers/1/image"): expected "1" to exist on the way to the path, found nothing (environments/prod.ts:7)`,
    );
    expect(r.stderr).toContain('code: overlay/json-pointer-not-found');
  });

  test('points at the second generator when two generators make the same ConfigMap', async () => {
    const r = await renderBroken(
      prodEnv('configMapGenerator', `generators: [\n    configMapGenerator({ name: 'cfg', literals: ['A=1'] }),\n    configMapGenerator({ name: 'cfg', literals: ['B=2'] }),\n  ],`),
    );
    expect(r.code).toBe(2);
    expect(r.first).toBe(`error: prod › ConfigMap/cfg: expected one generator for ConfigMap 'cfg' in 'prod', found two (environments/prod.ts:9)`);
    expect(r.stderr).toContain('code: overlay/duplicate-generator');
  });

  test('names the object and its new name when a name prefix makes a name longer than Kubernetes allows', async () => {
    const prefix = `${'a'.repeat(60)}-`;
    const r = await renderBroken(prodEnv('strategicMerge', `namePrefix: '${prefix}',`));
    expect(r.code).toBe(2);
    expect(r.first).toBe(`error: prod › Service/web › metadata.name: expected a name of at most 63 characters, found 64 in '${prefix}web' (environments/prod.ts:4)`);
    expect(r.stderr).toContain('code: overlay/name-too-long');
    expect(r.stderr).toContain('1 error in prod');
  });

  test('suggests the near name when a patch target matches nothing', async () => {
    const r = await renderBroken(prodEnv('strategicMerge', `patches: [strategicMerge({ kind: 'Deployment', name: 'webb' }, { spec: { replicas: 3 } })],`));
    expect(r.code).toBe(2);
    expect(r.first).toBe(`error: prod: patch target Deployment/webb matches no object (did you mean 'web'?) (environments/prod.ts:7)`);
    expect(r.stderr).toContain('code: overlay/patch-target-not-found');
  });
});
