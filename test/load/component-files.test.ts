/**
 * Files next to components: `defineComponent({ files })` reads files relative to the
 * component's own source file, from any working folder, never from outside its folder.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { configMap, defineComponent, z } from '../../src/index.ts';
import { runCli, writeProject } from '../helpers/project.ts';

/** A component `web` whose ConfigMap holds `conf` (a path relative to components/web/web.ts). */
function project(conf: string, extra: Record<string, string> = {}): string {
  return writeProject({
    'components/web/web.ts': `
      import { configMap, defineComponent, z } from 'kasane';

      export default defineComponent({
        name: 'web',
        values: z.object({}),
        files: { conf: ${JSON.stringify(conf)} },
        build: (_v, { files }) => [configMap({ name: 'web-config', data: { 'nginx.conf': files.conf.text } })],
      });
      `,
    'components/web/nginx.conf': 'server { listen 8080; }\n',
    'environments/prod.ts': `
      import { defineEnvironment } from 'kasane';
      import web from '../components/web/web.ts';
      export default defineEnvironment({ name: 'prod', namespace: 'shop', components: [web] });
      `,
    ...extra,
  });
}

/** A folder that is not the project: commands run from here with -C. */
const elsewhere = () => mkdtempSync(path.join(tmpdir(), 'kasane-elsewhere-'));

describe('files next to components', () => {
  test('puts a file beside the component into its ConfigMap, from another folder with -C', async () => {
    const root = project('nginx.conf');
    const result = await runCli(['render', 'prod', '--stdout', '-C', root], elsewhere());
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('  nginx.conf: |\n    server { listen 8080; }\n');
  });

  test('reads the file again on every load: a changed file changes the output', async () => {
    const root = project('nginx.conf');
    expect((await runCli(['render', 'prod', '--stdout', '-C', root], elsewhere())).stdout).toContain('listen 8080');
    writeFileSync(path.join(root, 'components/web/nginx.conf'), 'server { listen 9090; }\n');
    expect((await runCli(['render', 'prod', '--stdout', '-C', root], elsewhere())).stdout).toContain('listen 9090');
  });

  test('reads a file in a folder below the component', async () => {
    const root = project('conf.d/nginx.conf', { 'components/web/conf.d/nginx.conf': 'server { listen 7070; }\n' });
    expect((await runCli(['render', 'prod', '--stdout', '-C', root], elsewhere())).stdout).toContain('listen 7070');
  });

  test('explain names the files the component read', async () => {
    const root = project('nginx.conf');
    const result = await runCli(['explain', 'prod', 'ConfigMap/web-config', '-C', root], elsewhere());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  reads files: components/web/nginx.conf\n');
    const json = JSON.parse((await runCli(['explain', 'prod', 'ConfigMap/web-config', '--json', '-C', root], elsewhere())).stdout) as { files: string[] };
    expect(json.files).toEqual([path.join(root, 'components/web/nginx.conf')]);
  });

  test('refuses a path that leads out of the component folder with ..', async () => {
    const root = project('../../secrets.txt', { 'secrets.txt': 'top secret\n' });
    const result = await runCli(['render', 'prod', '--stdout', '-C', root], elsewhere());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("'../../secrets.txt' leads out of the component's folder in files.conf of component 'web'");
    expect(result.stderr).toContain('code: project/invalid-component');
    expect(result.stderr).not.toContain('top secret');
  });

  test('refuses an absolute path', async () => {
    const result = await runCli(['render', 'prod', '--stdout', '-C', project('/etc/hostname')], elsewhere());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("expected a path relative to the component's file, found '/etc/hostname'");
  });

  test('refuses a symbolic link in the component folder that leads out of it', async () => {
    const root = project('linked.conf', { 'outside/secret.txt': 'top secret\n' });
    symlinkSync(path.join(root, 'outside/secret.txt'), path.join(root, 'components/web/linked.conf'));
    const result = await runCli(['render', 'prod', '--stdout', '-C', root], elsewhere());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('code: load/component-file-outside');
    expect(result.stderr).toContain("component 'web' reads 'linked.conf' (files.conf)");
    expect(result.stderr).not.toContain('top secret');
  });

  test('follows a symbolic link that stays in the component folder', async () => {
    const root = project('current.conf');
    symlinkSync('nginx.conf', path.join(root, 'components/web/current.conf'));
    expect((await runCli(['render', 'prod', '--stdout', '-C', root], elsewhere())).stdout).toContain('listen 8080');
  });

  test('names a missing file, the component and its source', async () => {
    const result = await runCli(['render', 'prod', '--stdout', '-C', project('missing.conf')], elsewhere());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("component 'web' reads 'missing.conf' (files.conf), which does not exist or cannot be read");
    expect(result.stderr).toContain('code: load/component-file-missing');
    expect(result.stderr).toContain('components/web/web.ts:');
  });

  test('gives a binary file as base64, and refuses to read it as text', async () => {
    const root = project('nginx.conf');
    const bytes = Uint8Array.from([0xff, 0xfe, 0x00, 0x01]);
    mkdirSync(path.join(root, 'components/bin'), { recursive: true });
    writeFileSync(path.join(root, 'components/bin/keystore.bin'), bytes);
    writeFileSync(
      path.join(root, 'components/bin/bin.ts'),
      `import { configMap, defineComponent, z } from 'kasane';
export default defineComponent({
  name: 'bin',
  values: z.object({ asText: z.boolean().default(false) }),
  files: { store: 'keystore.bin' },
  build: (v, { files }) => [configMap({ name: 'store', ...(v.asText ? { data: { store: files.store.text } } : { binaryData: { store: files.store.base64 } }) })],
});
`,
    );
    writeFileSync(
      path.join(root, 'environments/prod.ts'),
      `import { defineEnvironment } from 'kasane';\nimport bin from '../components/bin/bin.ts';\nexport default defineEnvironment({ name: 'prod', components: [bin] });\n`,
    );
    writeFileSync(
      path.join(root, 'environments/dev.ts'),
      `import { defineEnvironment } from 'kasane';\nimport bin from '../components/bin/bin.ts';\nexport default defineEnvironment({ name: 'dev', components: [bin.with({ asText: true })] });\n`,
    );
    const prod = await runCli(['render', 'prod', '--stdout', '-C', root], elsewhere());
    expect(prod.stdout).toContain(`binaryData:\n  store: ${Buffer.from(bytes).toString('base64')}\n`);
    const dev = await runCli(['render', 'dev', '--stdout', '-C', root], elsewhere());
    expect(dev.code).toBe(2);
    expect(dev.stderr).toContain("file 'keystore.bin' (files.store of component 'bin') is not UTF-8 text");
    expect(dev.stderr).toContain('code: build/file-not-text');
    expect(dev.stderr).toContain('components/bin/bin.ts:6');
  });

  test('types ctx.files by the keys the component declared', () => {
    const typed = defineComponent({
      name: 'typed',
      values: z.object({}),
      files: { conf: 'nginx.conf' },
      build: (_v, { files }) => {
        // @ts-expect-error: 'other' is not a key of files (tsc checks this test file)
        void files.other;
        return [configMap({ name: 'typed', data: { conf: files.conf.text } })];
      },
    });
    expect(typed.files).toEqual({ conf: 'nginx.conf' });
    expect(typed.filesDir).toBe(import.meta.dirname);
  });
});
