/**
 * Builders are strict when the project runs, not only under tsc: a prop a builder does not know,
 * or an object of a kind a relation cannot take, stops the render with a finding that names the
 * builder call's line, the component and the prop path.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, smallProject, snapshotTree, writeProject } from '../helpers/project.ts';

const component = (build: string) => `
  import { container, defineComponent, deployment, horizontalPodAutoscaler, service, z } from 'kasane';

  export default defineComponent({
    name: 'api',
    values: z.object({ replicas: z.number().int().min(1).default(1), image: z.string().default('example/api:1.0.0') }),
    build(values) {
${build}
    },
  });
`;

/** Renders the small project once, replaces its component, renders again: the output stays as it was. */
async function renderWith(build: string) {
  const dir = smallProject();
  expect((await runCli(['render'], dir)).code).toBe(0);
  const before = snapshotTree(path.join(dir, 'rendered'));
  writeProject({ 'components/api.ts': component(build) }, dir);
  const result = await runCli(['render'], dir);
  expect(snapshotTree(path.join(dir, 'rendered'))).toEqual(before);
  return result;
}

describe('kasane render with builder props the builder does not know', () => {
  test('fails on an unknown prop of deployment() and names the call line, component and prop', async () => {
    const result = await renderWith(`
      const api = deployment({
        name: 'api',
        replica: 3,
        containers: [container({ name: 'api', image: values.image })],
      } as never);
      return [api];`);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`error: dev › Deployment/api › replica: unknown prop 'replica' for deployment() (did you mean 'replicas'?) (components/api.ts:8)`);
    expect(result.stderr).toContain('  component: api\n');
    expect(result.stderr).toContain('  code: builder/unknown-prop\n');
    expect(result.stderr).not.toContain('kind: Deployment');
  });

  test('names a nested prop path inside a shape the builder owns', async () => {
    const result = await renderWith(`
      const api = deployment({ name: 'api', containers: [container({ name: 'api', image: values.image, ports: { http: 8080 } })] });
      return [api, service({ for: api, ports: [{ port: 80, targetPrt: 'http' } as never] })];`);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`error: dev › Service/api › ports[0].targetPrt: unknown prop 'ports[0].targetPrt' for service() (did you mean 'targetPort'?) (components/api.ts:9)`);
  });

  test('fails on an HPA that targets a Service', async () => {
    const result = await renderWith(`
      const api = deployment({ name: 'api', containers: [container({ name: 'api', image: values.image, ports: { http: 8080 } })] });
      const svc = service({ for: api, ports: [{ port: 80 }] });
      return [api, svc, horizontalPodAutoscaler({ for: svc as never, maxReplicas: 3 })];`);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      `error: dev › HorizontalPodAutoscaler/api › for: expected 'for' of horizontalPodAutoscaler() to be a Deployment, StatefulSet or ReplicaSet, received Service 'api' (components/api.ts:10)`,
    );
    expect(result.stderr).toContain('  code: builder/invalid-relation\n');
  });
});
