/**
 * The target import writes for a strategic merge patch that names its object in its own
 * metadata (no `target:`): kind and name, and a namespace only where Kustomize's rule (no
 * namespace means none or `default`) differs from a kasane target without one.
 */
import { describe, expect, test } from 'vitest';
import type { KObject } from '../../src/k8s/object.ts';
import { emptyKustomization, type PatchDecl } from '../../src/import/kustomization.ts';
import { patchTargetOf, writtenNamespaces } from '../../src/import/placement.ts';
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

describe('writtenNamespaces', () => {
  test('collects the namespaces objects and generators are written with, in levels, groups and mixins', () => {
    const base = level('base', [object('ConfigMap', 'settings'), object('ConfigMap', 'settings', 'tools')]);
    base.kustomization.generators.push({ kind: 'Secret', name: 'creds', namespace: 'vault', literals: [], files: [], envs: [], configuredIn: { file: 'base/kustomization.yaml' } });
    const mixin = { dir: 'mix', kustomization: emptyKustomization('mix', 'mix/kustomization.yaml'), objects: [{ object: object('Service', 'web', 'default'), file: 'mix/x.yaml' }], mixins: [] };
    const plan = planOf(level('.', [], { mixins: [mixin] }), base);
    plan.groups.set('g', level('g', [object('ConfigMap', 'settings', 'apps')]));
    expect(Object.fromEntries([...writtenNamespaces(plan)].map(([k, v]) => [k, [...v]]))).toEqual({
      'ConfigMap/settings': ['', 'tools', 'apps'],
      'Secret/creds': ['vault'],
      'Service/web': ['default'],
    });
  });
});

describe('patchTargetOf', () => {
  const written = (...objects: KObject[]) => writtenNamespaces(planOf(level('.', objects)));

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
  ])('%s', (_name, p, tree, want) => {
    expect(patchTargetOf(p, tree)).toEqual(want);
  });

  test('a patch with a target keeps it as written', () => {
    const p: PatchDecl = { ...smp('ConfigMap', 'settings'), target: { kind: 'ConfigMap', name: 'settings' } };
    expect(patchTargetOf(p, written(object('ConfigMap', 'settings', 'tools')))).toEqual({ kind: 'ConfigMap', name: 'settings' });
  });
});
