import { describe, expect, test } from 'vitest';
import { claimTemplate, persistentVolume, persistentVolumeClaim } from '../../src/builders/storage.ts';
import { deepFreeze } from './deep-freeze.ts';

describe('persistentVolumeClaim', () => {
  test('defaults accessModes to ReadWriteOnce when given a size', () => {
    expect(persistentVolumeClaim(deepFreeze({ name: 'photos', storage: '10Gi' }))).toStrictEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'photos' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
    });
  });

  test('writes every field when all props are given', () => {
    const props = deepFreeze({
      name: 'photos',
      namespace: 'shop',
      storage: '10Gi',
      accessModes: ['ReadWriteMany'],
      storageClassName: 'nfs',
      volumeMode: 'Filesystem',
      volumeName: 'pv-photos',
      selector: { matchLabels: { disk: 'a' } },
      spec: { dataSource: { kind: 'PersistentVolumeClaim', name: 'old' } },
    });
    expect(persistentVolumeClaim(props)).toStrictEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'photos', namespace: 'shop' },
      spec: {
        accessModes: ['ReadWriteMany'],
        resources: { requests: { storage: '10Gi' } },
        storageClassName: 'nfs',
        volumeMode: 'Filesystem',
        volumeName: 'pv-photos',
        selector: { matchLabels: { disk: 'a' } },
        dataSource: { kind: 'PersistentVolumeClaim', name: 'old' },
      },
    });
  });
});

describe('persistentVolume', () => {
  test('writes capacity and the default access mode when given a size', () => {
    expect(persistentVolume(deepFreeze({ name: 'pv', storage: '5Gi' }))).toStrictEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv' },
      spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '5Gi' } },
    });
  });

  test('writes every field when all props are given', () => {
    const props = deepFreeze({
      name: 'pv',
      labels: { disk: 'a' },
      storage: '5Gi',
      accessModes: ['ReadOnlyMany'],
      storageClassName: 'manual',
      persistentVolumeReclaimPolicy: 'Retain',
      spec: { hostPath: { path: '/data/pv' } },
    });
    expect(persistentVolume(props)).toStrictEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv', labels: { disk: 'a' } },
      spec: { accessModes: ['ReadOnlyMany'], capacity: { storage: '5Gi' }, storageClassName: 'manual', persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: '/data/pv' } },
    });
  });
});

describe('claimTemplate', () => {
  test('writes metadata and spec without apiVersion and kind', () => {
    expect(claimTemplate(deepFreeze({ name: 'data', storage: '1Gi', storageClassName: 'fast' }))).toStrictEqual({
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'fast' },
    });
  });
});
