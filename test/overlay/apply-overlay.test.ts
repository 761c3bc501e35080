import { describe, expect, test } from 'vitest';
import { defineEnvironment } from '../../src/define/environment.ts';
import type { KObject } from '../../src/k8s/object.ts';
import type { Resource } from '../../src/k8s/resource.ts';
import { applyOverlay } from '../../src/overlay/apply-overlay.ts';

const deployment = (): KObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', labels: { app: 'api' } }, spec: { replicas: 1, paused: false } });

/** The object with the keys of every map in reverse order: the same JSON value. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

describe('applyOverlay', () => {
  test('records no transform step when a transform returns the same objects with keys in another order', () => {
    const env = defineEnvironment({ name: 'dev', transforms: [(objects) => objects.map((o) => reversed(o) as typeof o)] });
    const built: Resource[] = [{ object: deployment(), component: 'api' }];
    const { resources, findings } = applyOverlay(built, { chain: [env] }, { env: 'dev', files: new Map() });
    expect(findings).toEqual([]);
    expect(resources[0]!.history ?? []).toEqual([]);
  });

  test('records the transform step with the changed field when a transform changes a value', () => {
    const env = defineEnvironment({ name: 'dev', transforms: [(objects) => objects.map((o) => ({ ...o, spec: { ...((o as KObject).spec as object), replicas: 2 } }) as typeof o)] });
    const { resources } = applyOverlay([{ object: deployment(), component: 'api' }], { chain: [env] }, { env: 'dev', files: new Map() });
    expect(resources[0]!.history?.map((h) => [h.step, h.paths])).toEqual([['transform', [['spec', 'replicas']]]]);
  });
});
