import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadProject } from '../../src/load/load-project.ts';
import { render } from '../../src/pipeline/render.ts';
import { smallProject } from '../helpers/project.ts';

const replicasOf = (root: Awaited<ReturnType<typeof loadProject>>) => render(root, 'dev', { validate: false }).resources.find((r) => r.object.kind === 'Deployment')!.object.spec;

describe('compile cache', () => {
  test('reuses the compiled bundle when no input changed', async () => {
    const dir = smallProject();
    const first = await loadProject(dir);
    expect(first.cached).toBe(false);
    const second = await loadProject(dir);
    expect(second.cached).toBe(true);
    expect(replicasOf(second)).toMatchObject({ replicas: 2 });
  });

  test('never serves stale code: a changed import is recompiled', async () => {
    const dir = smallProject();
    await loadProject(dir);
    const file = path.join(dir, 'environments/dev.ts');
    writeFileSync(
      file,
      `import { defineEnvironment } from 'kasane';\nimport api from '../components/api.ts';\nexport default defineEnvironment({ name: 'dev', namespace: 'dev', components: [api.with({ replicas: 5 })] });\n`,
    );
    const again = await loadProject(dir);
    expect(again.cached).toBe(false);
    expect(replicasOf(again)).toMatchObject({ replicas: 5 });
  });

  test('a new environment file is picked up without touching the others', async () => {
    const dir = smallProject();
    await loadProject(dir);
    writeFileSync(
      path.join(dir, 'environments/prod.ts'),
      `import { defineEnvironment } from 'kasane';\nimport api from '../components/api.ts';\nexport default defineEnvironment({ name: 'prod', components: [api] });\n`,
    );
    const again = await loadProject(dir);
    expect(again.environments.map((e) => e.name)).toEqual(['dev', 'prod']);
  });

  test('survives a deleted cache folder', async () => {
    const dir = smallProject();
    await loadProject(dir);
    const { rmSync } = await import('node:fs');
    rmSync(path.join(dir, 'node_modules/.cache/kasane'), { recursive: true });
    const again = await loadProject(dir);
    expect(again.cached).toBe(false);
    expect(replicasOf(again)).toMatchObject({ replicas: 2 });
  });

  test('reuses the bundle of a project reached through a symbolic link, and maps its lines', async () => {
    const real = smallProject();
    const link = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-link-')), 'project');
    symlinkSync(real, link, 'dir');
    expect((await loadProject(link)).cached).toBe(false);
    const again = await loadProject(link);
    expect(again.cached).toBe(true);
    const deployment = render(again, 'dev', { validate: false }).resources.find((r) => r.object.kind === 'Deployment')!;
    expect(deployment.source?.file).toBe(path.join(link, 'components', 'api.ts'));
  });
});
