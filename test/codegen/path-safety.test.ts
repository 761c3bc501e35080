/**
 * `kasane import-crd` names files after a CRD's group and kind: a hostile group or kind must
 * not place a file outside `--out`, and no link inside `--out` is written through.
 */
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { dedent, snapshotTree, writeProject } from '../helpers/project.ts';
import { runImportCrd } from './run-import-crd.ts';

const crd = (group: string, kind = 'Widget') =>
  dedent(`
  apiVersion: apiextensions.k8s.io/v1
  kind: CustomResourceDefinition
  metadata:
    name: widgets.example.com
  spec:
    group: ${JSON.stringify(group)}
    names:
      kind: ${JSON.stringify(kind)}
      plural: widgets
    scope: Namespaced
    versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
`);

/** A folder with `in/crd.yaml` and `work/`, the working folder. */
function tree(text: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'kasane-crd-attack-'));
  writeProject({ 'in/crd.yaml': text }, root);
  mkdirSync(path.join(root, 'work'));
  return root;
}

describe('kasane import-crd keeps every file under --out', () => {
  test.each([
    ['a group that climbs out', crd('../../../../home/user'), 'spec.group', 'expected spec.group to be a DNS-1123 subdomain with at least one dot (e.g. example.com), found "../../../../home/user"'],
    ['an absolute group', crd('/etc'), 'spec.group', 'expected spec.group to be a DNS-1123 subdomain with at least one dot (e.g. example.com), found "/etc"'],
    ['a kind with a path', crd('example.com', '../../x'), 'spec.names.kind', `expected spec.names.kind to be a letter followed by letters, digits or '-' (at most 63), found "../../x"`],
  ])('refuses %s with exit 2 and writes nothing', async (_, text, field, message) => {
    const root = tree(text);
    const run = await runImportCrd(['../in/crd.yaml', '--out', 'out'], path.join(root, 'work'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`CustomResourceDefinition/widgets.example.com › ${field}: ${message}`);
    expect(run.stderr).toContain('code: crd/invalid');
    expect(Object.keys(snapshotTree(root))).toEqual(['in/crd.yaml']);
  });

  test('does not write through a symbolic link inside --out', async () => {
    const root = tree(crd('example.com'));
    mkdirSync(path.join(root, 'elsewhere'));
    mkdirSync(path.join(root, 'work', 'out'));
    symlinkSync(path.join(root, 'elsewhere'), path.join(root, 'work', 'out', 'example.com'));
    const run = await runImportCrd(['../in/crd.yaml', '--out', 'out'], path.join(root, 'work'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'example.com' is a symbolic link, which kasane does not write through");
    expect(run.stderr).toContain('code: codegen/unsafe-path');
    expect(Object.keys(snapshotTree(path.join(root, 'elsewhere')))).toEqual([]);
    expect(Object.keys(snapshotTree(path.join(root, 'work', 'out')))).toEqual([]);
  });
});
