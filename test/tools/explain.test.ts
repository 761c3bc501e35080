import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { explain } from '../../src/tools/explain.ts';
import { loadProject, type LoadedProject } from '../../src/load/load-project.ts';
import { runCli } from '../helpers/project.ts';

const root = path.resolve(import.meta.dirname, '../..');
let project: LoadedProject;
beforeAll(async () => {
  project = await loadProject(root);
});

describe('explain', () => {
  test('names the builder call, the values layers and every step that changed the object', () => {
    const e = explain(project, 'prod', 'Deployment/echo');
    expect(e.object).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'echo', namespace: 'shop-prod' });
    expect(e.component).toBe('echo');
    expect(e.builtAt).toMatchObject({ file: path.join(root, 'components/echo.ts'), line: 21 });
    expect(e.values.map((v) => v.env)).toEqual(['base', 'prod']);
    expect(e.steps.map((s) => `${s.env} ${s.step}`)).toEqual(['base annotations', 'prod namespace', 'prod labels', 'prod annotations', 'prod hashSuffix']);
    expect(e.steps.find((s) => s.step === 'hashSuffix')!.changed).toEqual([['spec', 'template', 'spec', 'containers', 1, 'envFrom', 0, 'configMapRef', 'name']]);
  });

  test('gives the history of one field through patches', () => {
    const e = explain(project, 'prod', 'Deployment/nginx-deployment', 'spec.template.spec.containers[0].resources.limits.memory');
    expect(e.field!.chain.map((c) => [c.step, c.value])).toEqual([
      ['build', '64Mi'],
      ['patch (strategic-merge)', '128Mi'],
    ]);
    expect(e.field!.chain[1]!.source).toMatchObject({ file: path.join(root, 'environments/prod.ts') });
  });

  test('reads a field path that names a container by name, as findings on patched fields do', () => {
    const byIndex = explain(project, 'prod', 'Deployment/nginx-deployment', 'spec.template.spec.containers[0].resources.limits.memory');
    const byName = explain(project, 'prod', 'Deployment/nginx-deployment', 'spec.template.spec.containers[name=nginx].resources.limits.memory');
    expect(byName.field!.path).toEqual(['spec', 'template', 'spec', 'containers', '[name=nginx]', 'resources', 'limits', 'memory']);
    expect(byName.field!.chain).toEqual(byIndex.field!.chain);
  });

  test('finds generated objects by their name before the hash suffix', () => {
    const e = explain(project, 'staging', 'ConfigMap/app-config', 'metadata.name');
    expect(e.field!.chain.map((c) => c.value)).toEqual(['app-config', 'app-config-8dg4th9gcb']);
  });

  test('never shows Secret values', () => {
    const e = explain(project, 'dev', 'Secret/mysql-credentials', 'stringData["root-password"]');
    expect(JSON.stringify(e)).not.toContain('dev-only-not-a-secret');
    expect(e.field!.chain[0]!.value).toBe('<redacted>');
  });

  test('suggests near names for an unknown object', async () => {
    const r = await runCli(['explain', 'prod', 'Deployment/ech'], root);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`error: prod: no Deployment named 'ech' in environment 'prod' (did you mean 'echo'?)`);
  });
});
