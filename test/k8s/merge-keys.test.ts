import { describe, expect, test } from 'vitest';
import { builtInKinds, fieldAt, fieldOf, fieldsOf, rootTypeOf } from '../../src/k8s/merge-keys.ts';

const deployment = { apiVersion: 'apps/v1', kind: 'Deployment' };

describe('merge-keys', () => {
  test('finds the root type when the kind is built in', () => {
    expect(rootTypeOf(deployment)).toBe('apps/v1.Deployment');
    expect(rootTypeOf({ apiVersion: 'example.com/v1', kind: 'Widget' })).toBeUndefined();
    expect(builtInKinds()).toContain('batch/v1 CronJob');
  });

  test('gives merge keys of pod template lists when walking a Deployment path', () => {
    const pod = ['spec', 'template', 'spec'];
    expect(fieldAt(deployment, [...pod, 'containers'])).toMatchObject({ list: true, strategy: 'merge', mergeKey: 'name', type: 'core/v1.Container' });
    expect(fieldAt(deployment, [...pod, 'containers', 0, 'ports'])).toMatchObject({ mergeKey: 'containerPort' });
    expect(fieldAt(deployment, [...pod, 'containers', 0, 'volumeMounts'])).toMatchObject({ mergeKey: 'mountPath' });
    expect(fieldAt(deployment, [...pod, 'volumes'])).toMatchObject({ strategy: 'merge,retainKeys', mergeKey: 'name' });
    expect(fieldAt(deployment, [...pod, 'tolerations'])?.strategy).toBeUndefined();
    expect(fieldAt(deployment, ['spec', 'strategy'])).toMatchObject({ strategy: 'retainKeys' });
    expect(fieldAt(deployment, ['metadata', 'finalizers'])).toMatchObject({ strategy: 'merge' });
    expect(fieldAt(deployment, ['metadata', 'finalizers'])?.mergeKey).toBeUndefined();
  });

  test('reaches the pod template when the workload nests it (CronJob, StatefulSet claims)', () => {
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob' };
    expect(fieldAt(cron, ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'initContainers'])).toMatchObject({ mergeKey: 'name' });
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet' };
    expect(fieldAt(sts, ['spec', 'volumeClaimTemplates'])).toMatchObject({ list: true, type: 'core/v1.PersistentVolumeClaim' });
    expect(fieldAt(sts, ['spec', 'volumeClaimTemplates'])?.mergeKey).toBeUndefined();
    expect(fieldAt({ apiVersion: 'v1', kind: 'Service' }, ['spec', 'ports'])).toMatchObject({ mergeKey: 'port' });
  });

  test('treats labels as a map with free keys when a path goes through them', () => {
    expect(fieldAt(deployment, ['metadata', 'labels'])).toMatchObject({ map: true });
    expect(fieldAt(deployment, ['spec', 'replica'])).toBeUndefined();
  });

  test('names an existing list field for every merge key when checking each type', () => {
    for (const kind of builtInKinds()) {
      const [apiVersion = '', k = ''] = kind.split(' ');
      const seen = new Set<string>();
      const walk = (typeId: string | undefined): void => {
        if (typeId === undefined || seen.has(typeId)) return;
        seen.add(typeId);
        for (const f of fieldsOf(typeId)?.values() ?? []) {
          if (f.mergeKey) expect(fieldOf(f.type ?? '', f.mergeKey), `${typeId}.${f.name}`).toBeDefined();
          if (f.strategy?.startsWith('merge')) expect(f.list, `${typeId}.${f.name}`).toBe(true);
          walk(f.type);
        }
      };
      walk(rootTypeOf({ apiVersion, kind: k }));
    }
  });
});
