import { describe, expect, test } from 'vitest';
import { configMap, secret } from '../../src/builders/config.ts';
import { persistentVolumeClaim } from '../../src/builders/storage.ts';
import { collectVolumes, emptyDir, hostPath, mount, volumeOfMount } from '../../src/builders/volumes.ts';
import { deepFreeze, thrown } from './deep-freeze.ts';

const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

describe('mount', () => {
  test('names the mount after the object and carries a configMap volume when given a ConfigMap', () => {
    const m = mount(deepFreeze(configMap({ name: 'site' })), { mountPath: '/etc/site', readOnly: true, subPath: 'a' });
    expect(m).toStrictEqual({ name: 'site', mountPath: '/etc/site', readOnly: true, subPath: 'a' });
    expect(volumeOfMount(m)).toStrictEqual({ name: 'site', configMap: { name: 'site' } });
  });

  test('carries secret and persistentVolumeClaim volumes when given those objects', () => {
    expect(volumeOfMount(mount(secret({ name: 'tls' }), { mountPath: '/tls' }))).toStrictEqual({ name: 'tls', secret: { secretName: 'tls' } });
    expect(volumeOfMount(mount(persistentVolumeClaim({ name: 'data', storage: '1Gi' }), { mountPath: '/d', name: 'vol' }))).toStrictEqual({
      name: 'vol',
      persistentVolumeClaim: { claimName: 'data' },
    });
  });

  test('carries emptyDir and hostPath volumes when given them', () => {
    expect(volumeOfMount(mount(emptyDir({ name: 'cache', medium: 'Memory', sizeLimit: '64Mi' }), { mountPath: '/c' }))).toStrictEqual({
      name: 'cache',
      emptyDir: { medium: 'Memory', sizeLimit: '64Mi' },
    });
    expect(volumeOfMount(mount(hostPath({ name: 'log', path: '/var/log', type: 'Directory' }), { mountPath: '/var/log' }))).toStrictEqual({
      name: 'log',
      hostPath: { path: '/var/log', type: 'Directory' },
    });
  });

  test('leaves the volume out of JSON when serialized', () => {
    expect(JSON.parse(JSON.stringify(mount(emptyDir({ name: 'c' }), { mountPath: '/c' })))).toStrictEqual({ name: 'c', mountPath: '/c' });
  });
});

describe('collectVolumes', () => {
  test('deduplicates equal volumes by name when two mounts share a source', () => {
    const cm = configMap({ name: 'site' });
    const mounts = [mount(cm, { mountPath: '/a' }), mount(cm, { mountPath: '/b' }), { name: 'plain', mountPath: '/p' }];
    expect(collectVolumes([{ name: 'extra', emptyDir: {} }], mounts, target)).toStrictEqual([
      { name: 'extra', emptyDir: {} },
      { name: 'site', configMap: { name: 'site' } },
    ]);
  });

  test('throws builder/volume-conflict when two sources want one name', () => {
    const mounts = [mount(configMap({ name: 'site' }), { mountPath: '/a' }), mount(secret({ name: 'site' }), { mountPath: '/b' })];
    const error = thrown(() => collectVolumes([], mounts, target));
    expect(error.code).toBe('builder/volume-conflict');
    expect(error.findings[0]!.path).toEqual(['spec', 'volumes', 'site']);
  });
});
