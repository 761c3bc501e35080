import { describe, expect, test } from 'vitest';
import type { KObject } from '../../src/k8s/object.ts';
import type { PatchTarget } from '../../src/project/patch.ts';
import { compileTarget, describeTarget } from '../../src/overlay/target.ts';

const obj = (kind: string, name: string, extra: Partial<KObject['metadata']> = {}, apiVersion = 'apps/v1'): KObject => ({ apiVersion, kind, metadata: { name, ...extra } });

describe('compileTarget', () => {
  test('matches kind and exact name', () => {
    const t = compileTarget({ kind: 'Deployment', name: 'api' });
    expect(t(obj('Deployment', 'api'))).toBe(true);
    expect(t(obj('Deployment', 'api-2'))).toBe(false);
    expect(t(obj('StatefulSet', 'api'))).toBe(false);
  });

  test('treats a name with regex characters as an anchored pattern, as Kustomize does', () => {
    const t = compileTarget({ name: 'api-.*' });
    expect(t(obj('Deployment', 'api-v2'))).toBe(true);
    expect(t(obj('Deployment', 'old-api-v2'))).toBe(false);
  });

  test('reads kind, namespace, group and version as anchored patterns too, as Kustomize does', () => {
    const rbac = (kind: string, namespace?: string) => obj(kind, 'reader', namespace ? { namespace } : {}, 'rbac.authorization.k8s.io/v1');
    const kinds = compileTarget({ kind: '(ClusterRole|ClusterRoleBinding)' });
    expect([rbac('ClusterRole'), rbac('ClusterRoleBinding'), rbac('Role')].map((o) => kinds(o))).toEqual([true, true, false]);
    // A pattern must match the whole field: `Config` is not `ConfigMap`.
    expect(compileTarget({ kind: 'Config.*' })(obj('ConfigMap', 'a', {}, 'v1'))).toBe(true);
    expect(compileTarget({ kind: 'Config' })(obj('ConfigMap', 'a', {}, 'v1'))).toBe(false);
    const teams = compileTarget({ namespace: 'team-.*' });
    expect([obj('ConfigMap', 'a', { namespace: 'team-a' }), obj('ConfigMap', 'a', { namespace: 'ops' }), obj('ConfigMap', 'a')].map((o) => teams(o))).toEqual([true, false, false]);
    const versions = compileTarget({ group: 'rbac\\..*', version: 'v1(beta1)?' });
    expect(versions(rbac('Role', 'x'))).toBe(true);
    expect(versions(obj('Role', 'reader', {}, 'rbac.authorization.k8s.io/v1alpha1'))).toBe(false);
    expect(versions(obj('Deployment', 'a'))).toBe(false);
    // An empty namespace stays "no namespace", not a pattern for any.
    expect(compileTarget({ namespace: '' })(obj('ConfigMap', 'a', { namespace: 'team-a' }))).toBe(false);
  });

  test('matches group, version, namespace and label selectors', () => {
    const t = compileTarget({ group: 'apps', version: 'v1', namespace: 'prod', labelSelector: 'app=api' });
    expect(t(obj('Deployment', 'a', { namespace: 'prod', labels: { app: 'api' } }))).toBe(true);
    expect(t(obj('Deployment', 'a', { namespace: 'dev', labels: { app: 'api' } }))).toBe(false);
    expect(t(obj('Service', 'a', { namespace: 'prod', labels: { app: 'api' } }, 'v1'))).toBe(false);
    expect(compileTarget({ group: '' })(obj('Service', 'a', {}, 'v1'))).toBe(true);
  });

  test('describes a target for messages', () => {
    expect(describeTarget({ kind: 'Deployment', name: 'api', labelSelector: 'a=b' })).toBe('Deployment/api, labels a=b');
    expect(describeTarget({ name: /^x/ })).toBe('*//^x/');
    expect(describeTarget({ kind: 'ConfigMap', name: 'settings', namespace: 'tools' })).toBe('ConfigMap/settings, namespace tools');
    expect(describeTarget({ kind: 'ConfigMap', name: 'settings', namespace: '' })).toBe('ConfigMap/settings, no namespace');
  });

  test('with an empty namespace matches an object that has none now or had none before a transform', () => {
    const t = compileTarget({ kind: 'ConfigMap', namespace: '' });
    expect(t(obj('ConfigMap', 'a', {}, 'v1'))).toBe(true);
    expect(t(obj('ConfigMap', 'a', { namespace: 'apps' }, 'v1'), [{ kind: 'ConfigMap', name: 'a' }])).toBe(true);
    expect(t(obj('ConfigMap', 'a', { namespace: 'tools' }, 'v1'))).toBe(false);
    expect(t(obj('ConfigMap', 'a', { namespace: 'apps' }, 'v1'), [{ kind: 'ConfigMap', name: 'a', namespace: 'tools' }])).toBe(false);
  });

  // A ConfigMap written as `settings` in `build`, prefixed to `web-settings` one level up, moved
  // to `prod` in the next (test/conformance/kustomize/patch-*-former-*, checked with kubectl).
  const moved = obj('ConfigMap', 'web-settings', { namespace: 'prod' }, 'v1');
  const history = [
    { kind: 'ConfigMap', name: 'settings', namespace: 'build' },
    { kind: 'ConfigMap', name: 'web-settings', namespace: 'build' },
  ];

  test('as a selector, matches the original name and the original namespace each on its own', () => {
    expect(compileTarget({ kind: 'ConfigMap', name: 'settings', namespace: 'prod' })(moved, history)).toBe(true);
    expect(compileTarget({ kind: 'ConfigMap', name: 'web-settings', namespace: 'build' })(moved, history)).toBe(true);
    expect(compileTarget({ kind: 'ConfigMap', name: 'settings' })(moved, history)).toBe(true);
    expect(compileTarget({ kind: 'ConfigMap', name: 'settings', namespace: 'tools' })(moved, history)).toBe(false);
    expect(compileTarget({ kind: 'ConfigMap', name: 'other', namespace: 'prod' })(moved, history)).toBe(false);
  });

  test('as a selector, does not match a name or namespace the object had between the original and now', () => {
    const twice = obj('ConfigMap', 'team-web-settings', { namespace: 'prod' }, 'v1');
    const before = [
      { kind: 'ConfigMap', name: 'settings', namespace: 'build' },
      { kind: 'ConfigMap', name: 'web-settings', namespace: 'stage' },
    ];
    expect(compileTarget({ kind: 'ConfigMap', name: 'web-settings' })(twice, before)).toBe(false);
    expect(compileTarget({ kind: 'ConfigMap', namespace: 'stage' })(twice, before)).toBe(false);
    expect(compileTarget({ kind: 'ConfigMap', name: 'web-settings' }, { wholeIds: true })(twice, before)).toBe(true);
  });

  test('with wholeIds, matches the kind, name and namespace of one identity together', () => {
    const whole = (t: PatchTarget) => compileTarget(t, { wholeIds: true })(moved, history);
    expect(whole({ kind: 'ConfigMap', name: 'web-settings', namespace: 'prod' })).toBe(true);
    expect(whole({ kind: 'ConfigMap', name: 'settings', namespace: 'build' })).toBe(true);
    expect(whole({ kind: 'ConfigMap', name: 'web-settings', namespace: 'build' })).toBe(true);
    expect(whole({ kind: 'ConfigMap', name: 'settings' })).toBe(true);
    // It never had the old name in the new namespace.
    expect(whole({ kind: 'ConfigMap', name: 'settings', namespace: 'prod' })).toBe(false);
    expect(whole({ kind: 'Secret', name: 'settings', namespace: 'build' })).toBe(false);
  });

  test('matches a former kind only with wholeIds, and still checks labels on the current object', () => {
    const role = obj('Role', 'reader', { namespace: 'apps', labels: { team: 'a' } }, 'rbac.authorization.k8s.io/v1');
    const wasClusterRole = [{ kind: 'ClusterRole', name: 'reader' }];
    expect(compileTarget({ kind: 'ClusterRole', name: 'reader' }, { wholeIds: true })(role, wasClusterRole)).toBe(true);
    expect(compileTarget({ kind: 'ClusterRole', name: 'reader', namespace: '' }, { wholeIds: true })(role, wasClusterRole)).toBe(true);
    expect(compileTarget({ kind: 'ClusterRole', name: 'reader', namespace: 'apps' }, { wholeIds: true })(role, wasClusterRole)).toBe(false);
    expect(compileTarget({ kind: 'ClusterRole', name: 'reader', labelSelector: 'team=b' }, { wholeIds: true })(role, wasClusterRole)).toBe(false);
    expect(compileTarget({ kind: 'ClusterRole', name: 'reader' })(role, wasClusterRole)).toBe(false);
  });
});
