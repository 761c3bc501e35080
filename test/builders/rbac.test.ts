import { describe, expect, test } from 'vitest';
import { secret } from '../../src/builders/config.ts';
import { clusterRole, clusterRoleBinding, role, roleBinding, serviceAccount } from '../../src/builders/rbac.ts';
import { deepFreeze, thrown } from './deep-freeze.ts';

const podRules = [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }];

describe('serviceAccount', () => {
  test('writes only metadata when given a name', () => {
    expect(serviceAccount(deepFreeze({ name: 'collector' }))).toStrictEqual({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'collector' } });
  });

  test('writes every field when all props are given', () => {
    expect(serviceAccount(deepFreeze({ name: 'collector', namespace: 'logging', automountServiceAccountToken: false, imagePullSecrets: [secret({ name: 'registry' }), 'other'] }))).toStrictEqual({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'collector', namespace: 'logging' },
      automountServiceAccountToken: false,
      imagePullSecrets: [{ name: 'registry' }, { name: 'other' }],
    });
  });
});

describe('role', () => {
  test('writes the rules when given them', () => {
    expect(role(deepFreeze({ name: 'pod-reader', namespace: 'shop', rules: podRules }))).toStrictEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'pod-reader', namespace: 'shop' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
    });
  });
});

describe('clusterRole', () => {
  test('writes only metadata when given a name', () => {
    expect(clusterRole(deepFreeze({ name: 'aggregate' }))).toStrictEqual({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'aggregate' } });
  });

  test('writes rules and aggregationRule when given', () => {
    const selectors = [{ matchLabels: { 'rbac.example.com/aggregate-to-view': 'true' } }];
    expect(clusterRole(deepFreeze({ name: 'view', labels: { a: 'b' }, rules: podRules, aggregationRule: { clusterRoleSelectors: selectors } }))).toStrictEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'view', labels: { a: 'b' } },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-view': 'true' } }] },
    });
  });
});

describe('roleBinding', () => {
  test('names the binding after the role and refers to a ServiceAccount when given objects', () => {
    const reader = role({ name: 'pod-reader', rules: podRules });
    expect(roleBinding(deepFreeze({ role: reader, subjects: [serviceAccount({ name: 'collector' })] }))).toStrictEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'pod-reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'collector' }],
    });
  });

  test('writes every field when all props are given', () => {
    const view = clusterRole({ name: 'view' });
    const props = deepFreeze({
      name: 'collector-view',
      namespace: 'logging',
      role: view,
      subjects: [serviceAccount({ name: 'collector', namespace: 'logging' }), { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' }],
    });
    expect(roleBinding(props)).toStrictEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'collector-view', namespace: 'logging' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [
        { kind: 'ServiceAccount', name: 'collector', namespace: 'logging' },
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' },
      ],
    });
  });

  test('copies a literal RoleRef when given one', () => {
    const b = roleBinding({ name: 'b', role: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, subjects: [] });
    expect(b.roleRef).toStrictEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' });
  });
});

describe('clusterRoleBinding', () => {
  test('binds a ClusterRole to subjects when given objects', () => {
    const nodeReader = clusterRole({ name: 'node-reader', rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }] });
    expect(clusterRoleBinding(deepFreeze({ role: nodeReader, subjects: [serviceAccount({ name: 'collector', namespace: 'logging' })] }))).toStrictEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'node-reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'collector', namespace: 'logging' }],
    });
  });

  test('throws builder/invalid-role-kind when given a namespaced Role', () => {
    const reader = role({ name: 'pod-reader', rules: podRules });
    const error = thrown(() => clusterRoleBinding({ role: reader as never, subjects: [] }));
    expect(error.code).toBe('builder/invalid-role-kind');
    // A role object of the wrong kind is a relation the props cannot make: the prop is named.
    expect(error.findings[0]!.path).toEqual(['role']);
  });

  test('throws builder/invalid-role-kind for a literal RoleRef to a namespaced Role', () => {
    const error = thrown(() => clusterRoleBinding({ role: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' }, subjects: [] }));
    expect(error.code).toBe('builder/invalid-role-kind');
    expect(error.findings[0]!.path).toEqual(['roleRef', 'kind']);
  });
});
