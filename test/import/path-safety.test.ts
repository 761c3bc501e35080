/**
 * Names and keys from imported YAML become file names of the new project: none may place a
 * file outside `--out`, with or without `--force`, and no link inside `--out` is written through.
 */
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, snapshotTree, writeProject } from '../helpers/project.ts';

/** A folder with `in/<files>` and an empty `work/`, the import's working folder. */
function attackTree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'kasane-import-attack-'));
  writeProject(Object.fromEntries(Object.entries(files).map(([f, c]) => [`in/${f}`, c])), root);
  mkdirSync(path.join(root, 'work'));
  return root;
}

/** Files under `root` that are not under `root/work/out` nor inputs. */
function strayFiles(root: string): string[] {
  return Object.keys(snapshotTree(root)).filter((f) => !f.startsWith('work/out/') && !f.startsWith('in/'));
}

const secret = (name: string, stringData: string) => `
  apiVersion: v1
  kind: Secret
  metadata:
    name: ${name}
  stringData:
  ${stringData}
`;

describe('kasane import keeps every file under --out', () => {
  test.each([
    ['a multi-line value (a file per key)', '  .bashrc: "echo pwned\\n"'],
    ['a single-line value (<name>.env)', '  token: abc'],
  ])('refuses a Secret named ../../../../home/user with %s, also with --force', async (_, data) => {
    for (const force of [[], ['--force']]) {
      const root = attackTree({ 'secret.yaml': secret('../../../../home/user', data) });
      const run = await runCli(['import', '../in/secret.yaml', '--out', 'out', ...force], path.join(root, 'work'));
      expect(strayFiles(root)).toEqual([]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('code: import/invalid-name');
      expect(run.stderr).toContain(`cannot import Secret "../../../../home/user": expected a DNS-1123 subdomain`);
    }
  });

  test('refuses a Secret key that is a path, naming the field and never the value', async () => {
    const root = attackTree({ 'secret.yaml': secret('app', '  ../../../../../evil: "s3cr3t\\nline"') });
    const run = await runCli(['import', '../in/secret.yaml', '--out', 'out', '--force'], path.join(root, 'work'));
    expect(strayFiles(root)).toEqual([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('code: import/invalid-key');
    expect(run.stderr).toContain('Secret/app › stringData["../../../../../evil"]');
    expect(run.stdout + run.stderr).not.toContain('s3cr3t');
  });

  test('refuses a secretGenerator named with a path and a literal key that is a path', async () => {
    const root = attackTree({
      'kustomization.yaml': `
        secretGenerator:
        - name: ../../../../../../x
          literals: [a=s3cr3t]
        - name: ok
          literals: [../../../../../../y=s3cr3t]
      `,
    });
    const run = await runCli(['import', '../in', '--out', 'out', '--force'], path.join(root, 'work'));
    expect(strayFiles(root)).toEqual([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('code: import/invalid-name');
    expect(run.stderr).toContain('code: import/invalid-key');
    expect(run.stdout + run.stderr).not.toContain('s3cr3t');
  });

  test('does not write through a symbolic link inside --out, and writes nothing then', async () => {
    const root = attackTree({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  a: b\n' });
    mkdirSync(path.join(root, 'elsewhere'));
    mkdirSync(path.join(root, 'work', 'out'));
    symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'work', 'out', 'components'));
    const run = await runCli(['import', '../in/cm.yaml', '--out', 'out', '--force'], path.join(root, 'work'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("refusing to write 'components/cm.ts' under");
    expect(run.stderr).toContain("'components' is a symbolic link, which kasane does not write through");
    expect(run.stderr).toContain('code: import/unsafe-path');
    expect(Object.keys(snapshotTree(path.join(root, 'work')))).toEqual([]);
    expect(Object.keys(snapshotTree(path.join(root, 'elsewhere')))).toEqual([]);
  });
});
