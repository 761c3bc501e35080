import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { kasaneSpec } from '../../src/cli/kasane-spec.ts';
import { packageNameFor, scaffoldFiles } from '../../src/tools/init-templates.ts';
import { runCli, snapshotTree } from '../helpers/project.ts';

const initCli = (argv: string[], cwd: string) => runCli(['init', ...argv], cwd);

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'kasane-init-'));

describe('kasane init', () => {
  test('writes a project that renders, validates and checks with no findings', async () => {
    const cwd = tempDir();
    const init = await initCli(['shop'], cwd);
    expect(init.code).toBe(0);
    const dir = path.join(cwd, 'shop');
    expect(Object.keys(snapshotTree(dir))).toEqual(Object.keys(scaffoldFiles({ name: 'shop', kasaneRange: '*' })).sort());
    expect(init.stderr).toContain('next: cd shop && npm install && npx kasane render\n');

    const rendered = await runCli(['render'], dir);
    expect(rendered.code).toBe(0);
    expect(rendered.stderr).not.toMatch(/warning|error/);
    expect(Object.keys(snapshotTree(path.join(dir, 'rendered'))).filter((f) => f.startsWith('prod/'))).toEqual([
      expect.stringMatching(/^prod\/hello\/configmap-hello-settings-[a-z0-9]{10}\.yaml$/),
      'prod/hello/deployment-hello.yaml',
      'prod/hello/service-hello.yaml',
      'prod/kustomization.yaml',
    ]);
    const validated = await runCli(['validate'], dir);
    expect(validated).toMatchObject({ code: 0 });
    expect(validated.stderr).not.toMatch(/warning|error/);
    const check = await runCli(['render', '--check'], dir);
    expect(check.code).toBe(0);
    expect(check.stderr).toContain('up to date: dev, prod in rendered');
  });

  test('refuses a folder that is not empty and writes nothing', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const r = await initCli([], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: expected an empty folder, found 1 entry in '.' (notes.txt)\n" +
        '  fix: pick a new folder (`kasane init my-platform`), or pass --force to add the missing files (existing files are kept)\n' +
        '  code: init/folder-not-empty\n',
    );
    expect(Object.keys(snapshotTree(dir))).toEqual(['notes.txt']);
  });

  test('adds the missing files and keeps existing ones when --force is given', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'README.md'), '# mine\n');
    const r = await initCli(['--force'], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# mine\n');
    expect(r.stderr).toContain('kept README.md (already there)');
    expect(Object.keys(snapshotTree(dir))).toHaveLength(Object.keys(scaffoldFiles({ name: 'x', kasaneRange: '*' })).length);
  });

  test('treats a folder holding only .git as empty', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.git'), 'gitdir: elsewhere\n');
    expect((await initCli([], dir)).code).toBe(0);
  });
});

describe('scaffoldFiles', () => {
  test('depends on the given kasane range and names the package after the folder', () => {
    const pkg = JSON.parse(scaffoldFiles({ name: packageNameFor('My Platform!'), kasaneRange: '^0.1.0' })['package.json']!);
    expect(pkg).toMatchObject({ name: 'my-platform', private: true, type: 'module', dependencies: { kasane: '^0.1.0' }, allowScripts: { esbuild: true, kasane: false } });
  });

  test('runs npm ci, tsc and render --check in the CI workflow', () => {
    const workflow = scaffoldFiles({ name: 'x', kasaneRange: '*' })['.github/workflows/kasane.yml']!;
    expect(workflow).toContain('        run: npm ci\n');
    expect(workflow).toContain('        run: npx kasane render --check\n');
  });
});

describe('--kasane', () => {
  test('writes a tarball or folder relative to the project, and a range or URL as given', () => {
    expect(kasaneSpec(undefined, '/w', '/w/shop')).toBe('*');
    expect(kasaneSpec('kasane/kasane-0.1.0.tgz', '/w', '/w/shop')).toBe('file:../kasane/kasane-0.1.0.tgz');
    expect(kasaneSpec('./kasane', '/w', '/w/shop')).toBe('file:../kasane');
    expect(kasaneSpec('file:/w/kasane-0.1.0.tgz', '/x', '/w/platform/shop')).toBe('file:../../kasane-0.1.0.tgz');
    expect(kasaneSpec('shop/vendor/kasane-0.1.0.tgz', '/w', '/w/shop')).toBe('file:./vendor/kasane-0.1.0.tgz');
    expect(kasaneSpec('^0.1.0', '/w', '/w/shop')).toBe('^0.1.0');
    expect(kasaneSpec('git+https://example.com/kasane.git#v0.1.0', '/w', '/w/shop')).toBe('git+https://example.com/kasane.git#v0.1.0');
  });

  test('init and import write it into the same package.json, .gitignore and tsconfig.json', async () => {
    const dir = tempDir();
    expect((await initCli(['shop', '--kasane', 'kasane-0.1.0.tgz'], dir)).code).toBe(0);
    const initPkg = JSON.parse(readFileSync(path.join(dir, 'shop/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(initPkg.dependencies.kasane).toBe('file:../kasane-0.1.0.tgz');
    writeFileSync(path.join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n');
    const imported = await runCli(['import', 'cm.yaml', '--out', 'shop-imported', '--kasane', 'kasane-0.1.0.tgz'], dir);
    expect(imported.code, imported.stderr).toBe(0);
    for (const file of ['.gitignore', 'tsconfig.json']) {
      expect(readFileSync(path.join(dir, 'shop-imported', file), 'utf8'), file).toBe(readFileSync(path.join(dir, 'shop', file), 'utf8'));
    }
    const importPkg = JSON.parse(readFileSync(path.join(dir, 'shop-imported/package.json'), 'utf8')) as Record<string, unknown>;
    expect(importPkg).toEqual({ ...initPkg, name: 'shop-imported' });
  });
});

describe('docs/getting-started.md', () => {
  const page = readFileSync(path.join(import.meta.dirname, '../../docs/getting-started.md'), 'utf8');
  const blockAfter = (marker: string) => {
    const at = page.indexOf(marker);
    expect(at, marker).toBeGreaterThan(-1);
    return /```[a-z]*\n([\s\S]*?)```/.exec(page.slice(at))![1]!;
  };

  test('shows the package.json, tsconfig.json and .gitignore that init and import write', () => {
    const files = scaffoldFiles({ name: 'shop-platform', kasaneRange: 'file:../kasane/kasane-0.1.0.tgz' });
    expect(blockAfter('To write the files yourself instead')).toBe(files['package.json']);
    expect(blockAfter('The\n`tsconfig.json`:')).toBe(files['tsconfig.json']);
    expect(blockAfter('And `.gitignore`:')).toBe(files['.gitignore']);
  });
});
