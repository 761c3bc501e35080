/**
 * `kasane import` end to end, in process: the command reads the tree, writes the project and
 * runs the zero-diff check (with kubectl when it is installed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, test } from 'vitest';
import { makeImportCommand } from '../../src/cli/commands/import.ts';
import { loadProject } from '../../src/load/load-project.ts';
import { render } from '../../src/pipeline/render.ts';
import { git, gitRepo, noGit } from '../helpers/git.ts';
import { runCli } from '../helpers/project.ts';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'import');
const hasKubectl = spawnSync('kubectl', ['version', '--client']).status === 0;
if (!hasKubectl) console.warn('skipping the kubectl part of the kasane import command test: kubectl not found');

async function runImport(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  let code = 0;
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), cwd, env: {} };
  const program = new Command('kasane').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program.addCommand(makeImportCommand(io, (c) => (code = c)).exitOverride());
  await program.parseAsync(['import', ...args], { from: 'user' });
  return { code, stdout, stderr };
}

describe('makeImportCommand', () => {
  test('writes the project and reports a zero diff per overlay when importing the shop tree', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-cli-')), 'shop');
    const run = await runImport(['shop', '--out', out], fixtures);
    expect(run.code).toBe(0);
    expect(existsSync(path.join(out, 'environments', 'prod.ts'))).toBe(true);
    expect(run.stderr).toContain('wrote 15 files');
    for (const env of ['dev', 'staging', 'prod']) {
      if (hasKubectl) expect(run.stderr).toContain(`zero diff: '${env}' renders the same`);
      else expect(run.stderr).toContain(`zero-diff check of '${env}' skipped: kubectl not found`);
    }
    // The check compiles the project in a cache folder of its own: none is left in the project.
    expect(existsSync(path.join(out, 'node_modules'))).toBe(false);
  });

  test('exits 2 and writes nothing when the tree uses an unsupported feature', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-cli-')), 'p');
    const tree = mkdtempSync(path.join(tmpdir(), 'kasane-import-tree-'));
    writeFileSync(path.join(tree, 'kustomization.yaml'), 'resources: [cm.yaml]\nhelmCharts:\n- name: redis\n');
    writeFileSync(path.join(tree, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n');
    const run = await runImport(['.', '--out', out], tree);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot import 'helmCharts': Helm chart inflation is not supported");
    expect(run.stderr).toContain('nothing written');
    expect(existsSync(out)).toBe(false);
  });

  test('names each object Kustomize namespaces because it reads its cluster-scoped kind as namespaced, and exits 0', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-cli-')), 'apf');
    const tree = path.join(import.meta.dirname, '..', 'fixtures', 'kustomize-corpus', 'kueue-visibility-apf');
    const run = await runImport(['visibility-apf', '--out', out], tree);
    expect(run.code).toBe(0);
    if (!hasKubectl) return expect(run.stderr).toContain("zero-diff check of 'visibility-apf' skipped: kubectl not found");
    expect(run.stderr).toContain(
      "note: visibility-apf: FlowSchema/kueue-visibility: kubectl kustomize writes namespace 'kueue-system' where kasane keeps 'system': Kustomize v5.5 reads flowcontrol.apiserver.k8s.io/v1 FlowSchema as namespaced, but it is cluster-scoped and the API server ignores its namespace\n",
    );
    expect(run.stderr).toContain("note: visibility-apf: PriorityLevelConfiguration/kueue-visibility: kubectl kustomize writes namespace 'kueue-system'");
    expect(run.stderr).toContain("zero diff: 'visibility-apf' renders the same 2 objects as kubectl kustomize visibility-apf");
  });

  test('exits 1 with the findings when the new project does not render, and notes that kubectl refuses the tree too', async () => {
    const tree = path.join(import.meta.dirname, '..', 'conformance', 'kustomize', 'error-patch-ambiguous-target');
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-cli-')), 'p');
    const run = await runImport(['.', '--out', out], tree);
    // Written, and failed: with kubectl or without it, a project that does not render is no zero diff.
    expect(run.code).toBe(1);
    expect(existsSync(path.join(out, 'kasane.config.ts'))).toBe(true);
    expect(run.stderr).toContain('overlay/patch-target-ambiguous');
    expect(run.stderr).toContain('expected patch target ConfigMap/settings to match one object, found 2');
    expect(run.stderr).toMatch(/zero-diff check of '[^']+' failed: the environment does not render/);
    const kubectlSays = readFileSync(path.join(tree, 'error.txt'), 'utf8').trim();
    if (hasKubectl) expect(run.stderr).toContain(`note: kubectl kustomize . fails as well: ${kubectlSays}\n`);
    else expect(run.stderr).not.toContain('kubectl kustomize');
  });

  test('imports transformer annotations with a zero diff, and exits 2 naming the field where they would differ', async () => {
    const tree = path.join(import.meta.dirname, '..', 'conformance', 'kustomize', 'build-metadata-transformers-overlay');
    const run = await runImport([path.join('overlays', 'prod'), '--out', path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-cli-')), 'p')], tree);
    expect(run.code).toBe(0);
    if (hasKubectl) expect(run.stderr).toContain("zero diff: 'prod' renders the same 5 objects as kubectl kustomize overlays/prod");
    const refused = mkdtempSync(path.join(tmpdir(), 'kasane-import-tree-'));
    writeFileSync(path.join(refused, 'kustomization.yaml'), 'resources: [cm.yaml]\npatchesStrategicMerge: [cm.yaml]\nbuildMetadata: [transformerAnnotations]\n');
    writeFileSync(path.join(refused, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n');
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-cli-')), 'p');
    const failed = await runImport(['.', '--out', out], refused);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain(
      "cannot import the transformer annotations (buildMetadata: transformerAnnotations of 'kustomization.yaml'): Kustomize lists all of patchesStrategicMerge as one PatchStrategicMergeTransformer, which kasane does not reproduce",
    );
    expect(existsSync(out)).toBe(false);
  });

  test('reports a zero diff against the input itself when importing plain YAML', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-cli-')), 'plain');
    const run = await runImport([path.join('plain', 'app.yaml'), '--out', out], fixtures);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("zero diff: 'main' renders the same 3 objects as the imported YAML");
    expect(readFileSync(path.join(out, '.gitignore'), 'utf8')).toContain('environments/**/secrets/');
  });

  test.skipIf(noGit)('renders right after the import, in a git repository, with the Secret values kept out of git', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-cli-')), 'plain');
    expect((await runImport([path.join('plain', 'app.yaml'), '--out', out], fixtures)).code).toBe(0);
    gitRepo(out);
    const run = await runCli(['render'], out);
    expect(run.stderr).not.toContain('secrets/plaintext-in-git');
    expect(run.code).toBe(0);
    const secretFile = path.join('rendered', 'main', '_environment', 'secret-billing-db.yaml');
    expect(readFileSync(path.join(out, secretFile), 'utf8')).toContain('kind: Secret');
    expect(git(out, 'check-ignore', secretFile).trim()).toBe(secretFile);
    // Only the Secret is kept out: the rest of the output is for git.
    expect(git(out, 'status', '--porcelain', '--untracked-files=all', 'rendered')).toContain('rendered/main/');
    expect(git(out, 'status', '--porcelain', '--untracked-files=all', 'rendered')).not.toContain('secret-');
  });

  test('lists the objects the tree names but does not hold as external, so that the project renders with validation on', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-cli-')), 'p');
    const tree = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-tree-')), 'app');
    mkdirSync(tree);
    writeFileSync(path.join(tree, 'kustomization.yaml'), 'namespace: shop\nresources: [deploy.yaml]\n');
    const deployment = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: api}',
      'spec:',
      '  selector: {matchLabels: {app: api}}',
      '  template:',
      '    metadata: {labels: {app: api}}',
      '    spec:',
      '      serviceAccountName: api-runner',
      '      containers:',
      '      - name: api',
      '        image: api:1.0.0',
      '        env:',
      '        - {name: PASSWORD, valueFrom: {secretKeyRef: {name: db-password, key: password}}}',
      '        - {name: TOKEN, valueFrom: {secretKeyRef: {name: maybe-token, key: token, optional: true}}}',
    ];
    writeFileSync(path.join(tree, 'deploy.yaml'), `${deployment.join('\n')}\n`);
    const run = await runImport(['.', '--out', out], tree);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("note: 2 objects the tree names but does not hold listed as 'external' in kasane.config.ts: check that something creates them");
    expect(readFileSync(path.join(out, 'kasane.config.ts'), 'utf8')).toBe(
      [
        "import { defineConfig } from 'kasane';",
        '',
        'export default defineConfig({',
        "  out: 'rendered',",
        '  // Objects the imported tree names but does not hold: another tool, an operator or a Job',
        '  // creates them in the cluster. Drop an entry once the project makes the object.',
        '  external: [',
        "    'Secret/shop/db-password', // named by Deployment/api (app)",
        "    'ServiceAccount/shop/api-runner', // named by Deployment/api (app)",
        '  ],',
        '});',
        '',
      ].join('\n'),
    );
    const project = await loadProject(out, { cacheDir: path.join(out, '.cache') });
    const rendered = render(project, project.environments[0]!.name);
    expect(rendered.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
