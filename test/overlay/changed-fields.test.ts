import { describe, expect, test } from 'vitest';
import { formatPath } from '../../src/errors.ts';
import type { KObject } from '../../src/k8s/object.ts';
import { changedFields, keyedPath } from '../../src/overlay/changed-fields.ts';

const deployment = (containers: object[], extra: object = {}): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', labels: { app: 'api' } },
  spec: { replicas: 1, selector: { matchLabels: { app: 'api' } }, template: { spec: { containers } } },
  ...extra,
});
const api = { name: 'api', image: 'api:1', args: ['serve'], env: [{ name: 'A', value: '1' }] };
const sidecar = { name: 'istio-proxy', image: 'istio/proxyv2:1.22.0' };

describe('changedFields', () => {
  test.each([
    ['a container added in front of the others is named by its name', deployment([api]), deployment([sidecar, api]), ['spec.template.spec.containers[name=istio-proxy]']],
    ['a container removed is named by its name', deployment([sidecar, api]), deployment([api]), ['spec.template.spec.containers[name=istio-proxy]']],
    ['a field of a container names the container', deployment([api]), deployment([{ ...api, image: 'api:2' }]), ['spec.template.spec.containers[name=api].image']],
    ['an env entry is named by its name', deployment([api]), deployment([{ ...api, env: [{ name: 'A', value: '2' }] }]), ['spec.template.spec.containers[name=api].env[name=A].value']],
    ['a list without merge key of the same length is compared by position', deployment([api]), deployment([{ ...api, args: ['run'] }]), ['spec.template.spec.containers[name=api].args[0]']],
    ['a list without merge key that grew changed as a whole', deployment([api]), deployment([{ ...api, args: ['serve', '-v'] }]), ['spec.template.spec.containers[name=api].args']],
    ['map keys added and removed', deployment([api]), { ...deployment([api]), metadata: { name: 'api', labels: { tier: 'web' } } }, ['metadata.labels.app', 'metadata.labels.tier']],
    ['a new top-level field', deployment([api]), deployment([api], { status: { replicas: 1 } }), ['status']],
  ])('%s', (_name, before, after, expected) => {
    expect(changedFields(before, after).map(formatPath)).toEqual(expected);
  });

  test('a wrong type written over a number is the field itself', () => {
    const after = deployment([api]);
    (after.spec as Record<string, unknown>).replicas = 'three';
    expect(changedFields(deployment([api]), after).map(formatPath)).toEqual(['spec.replicas']);
  });

  test('a custom resource has no merge keys: lists are compared by position', () => {
    const cr = (items: object[]): KObject => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { items } });
    expect(changedFields(cr([{ name: 'a' }]), cr([{ name: 'b' }])).map(formatPath)).toEqual(['spec.items[0].name']);
  });
});

describe('keyedPath', () => {
  test('names list elements merged by key and keeps other indexes', () => {
    const obj = deployment([api, sidecar]);
    expect(formatPath(keyedPath(obj, ['spec', 'template', 'spec', 'containers', 1, 'livenessProbe']))).toBe('spec.template.spec.containers[name=istio-proxy].livenessProbe');
    expect(formatPath(keyedPath(obj, ['spec', 'template', 'spec', 'containers', 0, 'args', 0]))).toBe('spec.template.spec.containers[name=api].args[0]');
    expect(formatPath(keyedPath(obj, ['metadata', 'labels', 'app']))).toBe('metadata.labels.app');
  });

  test('keeps the index when the element has no key or the path leaves the object', () => {
    const obj = deployment([{ image: 'x' }]);
    expect(keyedPath(obj, ['spec', 'template', 'spec', 'containers', 0, 'image'])).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(keyedPath(obj, ['spec', 'template', 'spec', 'containers', 5])).toEqual(['spec', 'template', 'spec', 'containers', 5]);
  });
});
