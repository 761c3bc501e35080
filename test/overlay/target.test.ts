import { describe, expect, test } from 'vitest';
import type { KObject } from '../../src/k8s/object.ts';
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
    expect(t(obj('ConfigMap', 'a', { namespace: 'apps' }, 'v1'), { namespaces: [undefined] })).toBe(true);
    expect(t(obj('ConfigMap', 'a', { namespace: 'tools' }, 'v1'))).toBe(false);
    expect(t(obj('ConfigMap', 'a', { namespace: 'apps' }, 'v1'), { namespaces: ['tools'] })).toBe(false);
  });
});
