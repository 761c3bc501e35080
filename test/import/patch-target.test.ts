/**
 * The target import writes for a strategic merge patch that names its object in its own
 * metadata (no `target:`): kind and name, plus a namespace, group and version only where
 * Kustomize's match by id (exact apiVersion; no namespace means none or `default`) differs from
 * a kasane target without them. Each expected target was checked by hand against that rule.
 */
import { describe, expect, test } from 'vitest';
import type { KObject } from '../../src/k8s/object.ts';
import { emptyKustomization, type PatchDecl } from '../../src/import/kustomization.ts';
import { environmentFile } from '../../src/import/environment-file.ts';
import { patchTargetOf, writtenIds } from '../../src/import/patch-target.ts';
import type { Level, TreePlan } from '../../src/import/tree.ts';

const object = (kind: string, name: string, namespace?: string, apiVersion = 'v1'): KObject => ({ apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) } });
const level = (dir: string, objects: KObject[], extra: Partial<Level> = {}): Level => ({
  dir,
  kustomization: emptyKustomization(dir, `${dir}/kustomization.yaml`),
  objects: objects.map((o) => ({ object: o, file: `${dir}/x.yaml` })),
  ...extra,
});
const planOf = (...levels: Level[]): TreePlan => ({ levels: new Map(levels.map((l) => [l.dir, l])), groups: new Map(), targets: [levels[0]!.dir], findings: [] });
const smp = (kind: string, name: string, namespace?: string, apiVersion = 'v1'): PatchDecl => ({
  type: 'strategic-merge',
  body: { apiVersion, kind, metadata: { name, ...(namespace !== undefined ? { namespace } : {}) } },
  field: 'patches[0]',
});

describe('writtenIds', () => {
  test('collects the namespaces and apiVersions objects and generators are written with, in levels, groups and mixins', () => {
    const base = level('base', [object('ConfigMap', 'settings'), object('ConfigMap', 'settings', 'tools')]);
    base.kustomization.generators.push({ kind: 'Secret', name: 'creds', namespace: 'vault', literals: [], files: [], envs: [], configuredIn: { file: 'base/kustomization.yaml' } });
    const mixin = { dir: 'mix', kustomization: emptyKustomization('mix', 'mix/kustomization.yaml'), objects: [{ object: object('Service', 'web', 'default'), file: 'mix/x.yaml' }], mixins: [] };
    const plan = planOf(level('.', [], { mixins: [mixin] }), base);
    plan.groups.set('g', level('g', [object('ConfigMap', 'settings', 'apps')]));
    expect(Object.fromEntries([...writtenIds(plan)].map(([k, v]) => [k, { namespaces: [...v.namespaces], apiVersions: [...v.apiVersions] }]))).toEqual({
      'ConfigMap/settings': { namespaces: ['', 'tools', 'apps'], apiVersions: ['v1'] },
      'Secret/creds': { namespaces: ['vault'], apiVersions: ['v1'] },
      'Service/web': { namespaces: ['default'], apiVersions: ['v1'] },
    });
  });
});

describe('patchTargetOf', () => {
  const written = (...objects: KObject[]) => writtenIds(planOf(level('.', objects)));

  test.each([
    ['no tree given', smp('ConfigMap', 'settings'), undefined, { kind: 'ConfigMap', name: 'settings' }],
    ['the name written without a namespace only', smp('ConfigMap', 'settings'), written(object('ConfigMap', 'settings')), { kind: 'ConfigMap', name: 'settings' }],
    [
      'the name written in default and none',
      smp('ConfigMap', 'settings'),
      written(object('ConfigMap', 'settings', 'default'), object('ConfigMap', 'settings')),
      { kind: 'ConfigMap', name: 'settings' },
    ],
    ['the name written in another namespace', smp('ConfigMap', 'settings'), written(object('ConfigMap', 'settings', 'tools')), { kind: 'ConfigMap', name: 'settings', namespace: '' }],
    [
      'the name written in another namespace and none',
      smp('ConfigMap', 'settings'),
      written(object('ConfigMap', 'settings'), object('ConfigMap', 'settings', 'tools')),
      { kind: 'ConfigMap', name: 'settings', namespace: '' },
    ],
    [
      'the name written in another namespace and default',
      smp('Service', 'web'),
      written(object('Service', 'web', 'default'), object('Service', 'web', 'tools')),
      { kind: 'Service', name: 'web', namespace: 'default' },
    ],
    ['another kind of that name in a namespace', smp('ConfigMap', 'settings'), written(object('Secret', 'settings', 'tools')), { kind: 'ConfigMap', name: 'settings' }],
    [
      'a cluster-scoped kind',
      smp('ClusterRole', 'view', undefined, 'rbac.authorization.k8s.io/v1'),
      written(object('ClusterRole', 'view', 'tools', 'rbac.authorization.k8s.io/v1')),
      { kind: 'ClusterRole', name: 'view' },
    ],
    ['a patch that names its namespace', smp('ConfigMap', 'settings', 'tools'), written(object('ConfigMap', 'settings', 'tools')), { kind: 'ConfigMap', name: 'settings', namespace: 'tools' }],
    ['a patch that names default, the name written without a namespace', smp('ConfigMap', 'settings', 'default'), written(object('ConfigMap', 'settings')), { kind: 'ConfigMap', name: 'settings' }],
    [
      'a patch that names default, the name written in another namespace too',
      smp('ConfigMap', 'settings', 'default'),
      written(object('ConfigMap', 'settings'), object('ConfigMap', 'settings', 'tools')),
      { kind: 'ConfigMap', name: 'settings', namespace: '' },
    ],
    ['a patch that names default, the name not in the tree', smp('ConfigMap', 'settings', 'default'), written(), { kind: 'ConfigMap', name: 'settings', namespace: 'default' }],
    [
      'a cluster-scoped kind with a namespace in the patch',
      smp('ClusterRole', 'view', 'tools', 'rbac.authorization.k8s.io/v1'),
      written(object('ClusterRole', 'view', undefined, 'rbac.authorization.k8s.io/v1')),
      { kind: 'ClusterRole', name: 'view' },
    ],
    [
      'the name written under another apiVersion',
      smp('Deployment', 'web', undefined, 'apps/v1beta1'),
      written(object('Deployment', 'web', undefined, 'apps/v1')),
      { kind: 'Deployment', name: 'web', group: 'apps', version: 'v1beta1' },
    ],
    [
      'the name written under two apiVersions',
      smp('Deployment', 'web', undefined, 'apps/v1'),
      written(object('Deployment', 'web', undefined, 'apps/v1'), object('Deployment', 'web', undefined, 'extensions/v1beta1')),
      { kind: 'Deployment', name: 'web', group: 'apps', version: 'v1' },
    ],
    [
      'a core kind without apiVersion',
      { type: 'strategic-merge', body: { kind: 'ConfigMap', metadata: { name: 'settings' } }, field: 'patches[0]' } as PatchDecl,
      written(object('ConfigMap', 'settings')),
      { kind: 'ConfigMap', name: 'settings', group: '', version: '' },
    ],
  ])('%s', (_name, p, tree, want) => {
    expect(patchTargetOf(p, tree)).toEqual(want);
  });

  test('a patch with a target keeps it as written', () => {
    const p: PatchDecl = { ...smp('ConfigMap', 'settings'), target: { kind: 'ConfigMap', name: 'settings' } };
    expect(patchTargetOf(p, written(object('ConfigMap', 'settings', 'tools')))).toEqual({ kind: 'ConfigMap', name: 'settings' });
  });
});

describe('environmentFile', () => {
  test('writes unique on every strategic merge patch that names its object, and only there', () => {
    const k = emptyKustomization('.', 'kustomization.yaml');
    const named = smp('ConfigMap', 'settings');
    const selected: PatchDecl = { ...smp('ConfigMap', 'other'), target: { kind: 'ConfigMap', name: 'other' }, options: { optional: true } };
    const json: PatchDecl = { type: 'json6902', ops: [{ op: 'remove', path: '/data/a' }], target: { kind: 'ConfigMap', name: 'third' }, field: 'patches[2]' };
    k.patches.push(named, selected, json);
    k.builtinTransformers.push({ kind: 'PatchTransformer', patches: [smp('Service', 'web')] });
    const code = environmentFile({ name: 'main', abstract: false, components: [], kustomization: k, generators: [], added: [], renamed: (n) => n });
    expect(code).toContain("strategicMerge({ kind: 'ConfigMap', name: 'settings' }, {}, { unique: true })");
    expect(code).toContain("strategicMerge({ kind: 'ConfigMap', name: 'other' }, {}, { optional: true })");
    expect(code).toContain("jsonPatch({ kind: 'ConfigMap', name: 'third' }, [{ op: 'remove', path: '/data/a' }])");
    expect(code).toContain("strategicMerge({ kind: 'Service', name: 'web' }, {}, { unique: true })");
    expect(code.match(/unique/g)).toHaveLength(2);
  });
});
