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

  test('knows the x-kubernetes fields of JSONSchemaProps when a path goes through a CRD schema', () => {
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' };
    const schema = ['spec', 'versions', 0, 'schema', 'openAPIV3Schema'];
    expect(fieldAt(crd, [...schema, 'properties'])).toMatchObject({ map: true, type: 'apiextensions/v1.JSONSchemaProps' });
    expect(fieldAt(crd, [...schema, 'properties', 'spec', 'x-kubernetes-preserve-unknown-fields'])).toMatchObject({ list: false, map: false });
    expect(fieldAt(crd, [...schema, 'x-kubernetes-validations'])).toMatchObject({ list: true, type: 'apiextensions/v1.ValidationRule' });
  });

  test('leaves free-form values without a type when the API declares them as any JSON', () => {
    const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' };
    const props = ['spec', 'versions', 0, 'schema', 'openAPIV3Schema', 'properties', 'spec'];
    expect(fieldAt(crd, [...props, 'default'])).toEqual({ name: 'default', list: false, map: false });
    expect(fieldAt(crd, [...props, 'items'])?.type).toBeUndefined();
    expect(fieldAt(deployment, ['metadata', 'managedFields', 0, 'fieldsV1'])).toEqual({ name: 'fieldsV1', list: false, map: false });
    expect(fieldsOf('meta/v1.FieldsV1')).toBeUndefined();
  });

  test('treats extra as a map of string lists when a kind carries user info', () => {
    const csr = { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest' };
    expect(fieldAt(csr, ['spec', 'extra'])).toEqual({ name: 'extra', list: false, map: true });
    expect(fieldOf('authentication/v1.UserInfo', 'extra')).toMatchObject({ map: true });
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
