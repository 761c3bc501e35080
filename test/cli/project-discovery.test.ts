/**
 * Commands find their project from any folder inside it (the nearest folder up with
 * kasane.config.ts or environments/), say "not a kasane project" outside one, and
 * `validate -f` reads a folder kasane rendered, kustomization.yaml included.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, smallProject, writeProject } from '../helpers/project.ts';

describe('finding the project', () => {
  test('a command run in a subfolder works on the project around it', async () => {
    const dir = smallProject();
    const r = await runCli(['list'], path.join(dir, 'components'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('dev: api\n');
  });

  test('render in a subfolder writes the output folder of the project, not one in the subfolder', async () => {
    const dir = smallProject({ 'kasane.config.ts': `import { defineConfig } from 'kasane';\nexport default defineConfig({ out: 'rendered' });\n` });
    mkdirSync(path.join(dir, 'environments', 'notes'), { recursive: true });
    const r = await runCli(['render'], path.join(dir, 'environments', 'notes'));
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'rendered', 'dev', 'kustomization.yaml'))).toBe(true);
    expect(existsSync(path.join(dir, 'environments', 'notes', 'rendered'))).toBe(false);
  });

  test('outside a project is "not a kasane project", exit 2, with how to fix it', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'kasane-outside-'));
    const r = await runCli(['render'], outside);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      [
        'error: not a kasane project: no kasane.config.ts or environments/ folder here or in any folder above',
        '  fix: run `kasane init` to create a project, or pass -C <dir> to name the project folder',
        '  code: load/not-a-project',
        '1 error',
        '',
      ].join('\n'),
    );
  });

  test('-C names the project folder and is checked, not searched from', async () => {
    const dir = smallProject();
    expect((await runCli(['list', '-C', dir], tmpdir())).stdout).toBe('dev: api\n');
    const r = await runCli(['list', '-C', 'components'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: not a kasane project: 'components' has no kasane.config.ts and no environments/ folder\n`);
    expect(r.stderr).toContain('code: load/not-a-project');
  });

  test('validate -f in a subfolder applies the policies of the project around it', async () => {
    const dir = writeProject({
      'kasane.config.ts': `
        import { defineConfig } from 'kasane';
        export default defineConfig({ policies: { 'image-tag': 'error' } });
      `,
      'manifests/app.yaml': `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
          - name: c
            image: nginx:latest
      `,
    });
    const r = await runCli(['validate', '-f', 'app.yaml'], path.join(dir, 'manifests'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('code: policy/image-tag');
  });
});

/** The small project's Deployment has no probes, resources or security context: no warnings for those here. */
const quietConfig = `
  import { defineConfig } from 'kasane';
  export default defineConfig({ policies: { 'liveness-probe': 'off', 'readiness-probe': 'off', 'resource-limits': 'off', 'resource-requests': 'off', 'run-as-non-root': 'off' } });
`;

describe('validate -f with kustomization files', () => {
  test('a folder kasane rendered validates, its kustomization.yaml skipped without a word', async () => {
    const dir = smallProject({ 'kasane.config.ts': quietConfig });
    expect((await runCli(['render'], dir)).code).toBe(0);
    const r = await runCli(['validate', '-f', 'rendered/dev'], dir);
    expect(r.stderr).toBe('valid: 2 objects\n');
    expect(r.code).toBe(0);
  });

  test('a kustomization that lists a thousand folders names the first three and counts the rest', async () => {
    const folders = Array.from({ length: 1000 }, (_, i) => `        - c${i}`).join('\n');
    const dir = writeProject({ 'base/kustomization.yaml': `\n        resources:\n${folders}\n      ` });
    const r = await runCli(['validate', '-f', 'base', '--json'], dir);
    const [finding] = JSON.parse(r.stdout) as { message: string }[];
    expect(finding!.message).toBe('skipped Kustomize configuration: validate -f reads manifests as they are, so its resources "c0", "c1", "c2" and 997 more are not read as files here');
  });

  test('a kustomization that does more than list its files is skipped with a warning that says what was not built', async () => {
    const dir = writeProject({
      'overlay/kustomization.yaml': `
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: shop
        resources:
        - ../base
        - config.yaml
      `,
      'overlay/config.yaml': `
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          a: "1"
      `,
    });
    const r = await runCli(['validate', '-f', 'overlay', '--json'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        severity: 'warning',
        code: 'load/kustomization-not-built',
        rule: 'load/kustomization-not-built',
        message: `skipped Kustomize configuration: validate -f reads manifests as they are, so its 'namespace' is not applied and its resources "../base" are not read as files here`,
        hint: 'validate what Kustomize builds: kubectl kustomize overlay | kasane validate -f -',
        source: { file: 'overlay/kustomization.yaml' },
      },
    ]);
  });
});
