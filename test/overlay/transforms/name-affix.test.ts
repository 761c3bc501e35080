import { describe, expect, test } from 'vitest';
import { isKasaneError } from '../../../src/errors.ts';
import type { Resource } from '../../../src/k8s/resource.ts';
import { addNameAffix } from '../../../src/overlay/transforms/name-affix.ts';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const service: Resource = { object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }, component: 'web' };
const sts: Resource = {
  object: { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'web' } },
  component: 'db',
};

describe('addNameAffix', () => {
  test('renames, records previous names and rewrites references without touching the input', () => {
    const input = deepFreeze([service, sts]);
    const [svc, set] = addNameAffix(input, { prefix: 'p-', suffix: '-s', env: 'prod' });
    expect(svc!.object.metadata.name).toBe('p-web-s');
    expect(svc!.previousNames).toEqual(['web']);
    expect(set!.object.spec).toEqual({ serviceName: 'p-web-s' });
    expect(set!.history?.map((h) => h.step)).toEqual(['namePrefix']);
    expect(input[0]!.object.metadata.name).toBe('web');
  });

  test('throws overlay/name-too-long with object and path when a Service name passes 63 characters', () => {
    let caught: unknown;
    try {
      addNameAffix([service], { prefix: 'x'.repeat(61), env: 'prod' });
    } catch (error) {
      caught = error;
    }
    expect(isKasaneError(caught) && caught.findings[0]).toMatchObject({
      code: 'overlay/name-too-long',
      object: { kind: 'Service', name: 'web' },
      path: ['metadata', 'name'],
    });
  });
});
