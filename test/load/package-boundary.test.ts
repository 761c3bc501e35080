/**
 * Packages in the user's repository (workspace packages, `file:` folders: symbolic links out of
 * node_modules) are compiled with the project, TypeScript included; installed packages stay
 * external and are imported by Node.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isInstalledPackage } from '../../src/load/package-boundary.ts';
import { loadProject } from '../../src/load/load-project.ts';
import { planComponents } from '../../src/project/component-plan.ts';
import { render } from '../../src/pipeline/render.ts';
import { runCli, writeProject } from '../helpers/project.ts';

/** A workspace: packages/web-lib (TypeScript source, imports 'kasane' and its own dependency) and apps/shop. */
function workspace(): { root: string; app: string } {
  const root = writeProject({
    'package.json': `{ "name": "platform", "private": true, "workspaces": ["packages/*", "apps/*"] }\n`,
    'packages/web-lib/package.json': `{ "name": "@acme/web-lib", "type": "module", "exports": { ".": "./src/index.ts" }, "peerDependencies": { "kasane": "*" } }\n`,
    'packages/web-lib/src/index.ts': `
      export { default as web, type WebValues } from './web.ts';
      `,
    'packages/web-lib/src/web.ts': `
      import { container, defineComponent, deployment, z } from 'kasane';
      import { greeting } from 'lib-only-dep';

      const values = z.object({ replicas: z.number().int().min(1).default(1) });
      export type WebValues = z.input<typeof values>;

      export default defineComponent({
        name: 'web',
        values,
        build: (v) => [
          deployment({ name: 'web', replicas: v.replicas, containers: [container({ name: 'web', image: 'nginx:1.27', env: { GREETING: greeting } })] }),
        ],
      });
      `,
    // The library's own dependency, installed beside the library and not for the app.
    'packages/web-lib/node_modules/lib-only-dep/package.json': `{ "name": "lib-only-dep", "type": "module", "exports": "./index.js" }\n`,
    'packages/web-lib/node_modules/lib-only-dep/index.js': `export const greeting = 'hello from the library';\n`,
    'apps/shop/package.json': `{ "name": "shop", "private": true, "type": "module" }\n`,
    'apps/shop/environments/prod.ts': `
      import { defineEnvironment } from 'kasane';
      import { web } from '@acme/web-lib';
      export default defineEnvironment({ name: 'prod', namespace: 'shop', components: [web.with({ replicas: 3 })] });
      `,
  });
  // What npm does for a workspace package: a link in the root node_modules.
  mkdirSync(path.join(root, 'node_modules/@acme'), { recursive: true });
  symlinkSync(path.join(root, 'packages/web-lib'), path.join(root, 'node_modules/@acme/web-lib'), 'dir');
  return { root, app: path.join(root, 'apps/shop') };
}

describe('package boundary', () => {
  test('decides by the real path: inside a node_modules folder is installed', () => {
    expect(isInstalledPackage('/w/node_modules/zod/index.js')).toBe(true);
    expect(isInstalledPackage('/w/packages/lib/node_modules/dep/index.js')).toBe(true);
    expect(isInstalledPackage('/w/packages/lib/src/index.ts')).toBe(false);
    expect(isInstalledPackage('/w/node_modules_old/lib/index.ts')).toBe(false);
  });

  test('compiles a workspace package written in TypeScript, with its own dependency', async () => {
    const { app } = workspace();
    const project = await loadProject(app);
    const deployment = render(project, 'prod', { validate: false }).resources[0]!.object as unknown as { spec: { replicas: number; template: { spec: { containers: { env: unknown }[] } } } };
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0]!.env).toEqual([{ name: 'GREETING', value: 'hello from the library' }]);
  });

  test('names the library source file in findings about its component', async () => {
    const { root, app } = workspace();
    const project = await loadProject(app);
    const [plan] = planComponents(project.environments[0]!);
    const component = plan!.component;
    expect(component.source?.file).toBe(path.join(root, 'packages/web-lib/src/web.ts'));
  });

  test('recompiles when the library source changes', async () => {
    const { root, app } = workspace();
    expect((await loadProject(app)).cached).toBe(false);
    expect((await loadProject(app)).cached).toBe(true);
    const file = path.join(root, 'packages/web-lib/node_modules/lib-only-dep/index.js');
    writeFileSync(file, `export const greeting = 'changed';\n`);
    const again = await loadProject(app);
    expect(again.cached).toBe(false);
    const web = path.join(root, 'packages/web-lib/src/web.ts');
    const { readFileSync } = await import('node:fs');
    writeFileSync(web, readFileSync(web, 'utf8').replace("image: 'nginx:1.27'", "image: 'nginx:1.28'"));
    const third = await loadProject(app);
    expect(third.cached).toBe(false);
    expect(JSON.stringify(render(third, 'prod', { validate: false }).resources[0]!.object)).toContain('nginx:1.28');
  });

  test('leaves an installed package to Node: TypeScript in node_modules is refused with a clear finding', async () => {
    const root = writeProject({
      'node_modules/ts-lib/package.json': `{ "name": "ts-lib", "type": "module", "exports": "./index.ts" }\n`,
      'node_modules/ts-lib/index.ts': `export const replicas: number = 2;\n`,
      'environments/prod.ts': `
        import { defineEnvironment } from 'kasane';
        import { replicas } from 'ts-lib';
        export default defineEnvironment({ name: 'prod', labels: { replicas: String(replicas) } });
        `,
    });
    const result = await runCli(['list', '-C', root], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('load/import-failed');
    expect(result.stderr).toContain('node_modules/ts-lib/index.ts');
    expect(result.stderr).toContain('fix: an installed package (in node_modules) ships TypeScript');
  });
});
