import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { dedent, runCli, smallProject, writeProject } from '../helpers/project.ts';

describe('kasane validate', () => {
  test('passes the example platform with no findings', async () => {
    const r = await runCli(['validate'], path.resolve(import.meta.dirname, '../..'));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('valid: dev, prod, staging\n');
  });

  test('--json gives env, object, path, rule, severity and source for every finding', async () => {
    const dir = smallProject();
    const r = await runCli(['validate', '--json'], dir);
    expect(r.code).toBe(0);
    const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['env', 'object', 'path', 'rule', 'severity', 'source']));
      expect(f.source).toMatchObject({ file: 'components/api.ts', line: 7 });
    }
  });

  test('-f validates plain YAML and names the file and line of each object', async () => {
    const dir = writeProject({
      'manifests/app.yaml': `
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: ok
        data:
          a: "1"
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replica: 2
          selector:
            matchLabels: { app: web }
          template:
            metadata:
              labels: { app: web }
            spec:
              containers:
              - name: web
                image: nginx:1.27.0
      `,
    });
    const r = await runCli(['validate', '-f', 'manifests'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: Deployment/web › spec.replica: unknown field 'replica' (did you mean 'replicas'?) (manifests/app.yaml:8)`);
  });

  test('-f - reads standard input', async () => {
    const dir = writeProject({});
    let stdout = '';
    let stderr = '';
    const { run } = await import('../../src/cli/main.ts');
    const code = await run(['validate', '-f', '-'], {
      cwd: dir,
      env: {},
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      readStdin: async () =>
        dedent(`
        apiVersion: v1
        kind: Service
        metadata:
          name: s
        spec:
          selector: { app: nothing }
          ports:
          - port: 80
      `),
    });
    expect(code).toBe(0);
    expect(stderr).toContain('warning: Service/s › spec.selector');
    expect(stdout).toBe('');
  });

  test('bad YAML is exit 2 with the line', async () => {
    const dir = writeProject({});
    writeFileSync(path.join(dir, 'bad.yaml'), 'a: [1, 2\n');
    const r = await runCli(['validate', '-f', 'bad.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .* \(bad\.yaml:\d+\)/);
  });
});

describe('kasane validate -f with a project config', () => {
  test('applies the policies of kasane.config.ts in the project folder', async () => {
    const dir = writeProject({
      'kasane.config.ts': `
        import { defineConfig } from 'kasane';
        export default defineConfig({ policies: { 'image-tag': 'error' } });
      `,
      'app.yaml': `
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
    const r = await runCli(['validate', '-f', 'app.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: Pod/p › spec.containers[0].image: expected a pinned image tag or digest, found tag 'latest' in "nginx:latest" (app.yaml:1)`);
  });

  test('-f counts a single object in the singular', async () => {
    const dir = writeProject({ 'one.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n' });
    const r = await runCli(['validate', '-f', 'one.yaml'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('valid: 1 object\n');
  });
});
