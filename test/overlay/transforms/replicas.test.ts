import { describe, expect, test } from 'vitest';
import { isKasaneError } from '../../../src/errors.ts';
import type { Resource } from '../../../src/k8s/resource.ts';
import { setReplicas } from '../../../src/overlay/transforms/replicas.ts';

const api: Resource = { object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'prod-api' } }, component: 'api', previousNames: ['api'] };

describe('setReplicas', () => {
  test('finds a workload by an earlier name when setting replicas', () => {
    expect(setReplicas([api], { replicas: [{ name: 'api', count: 3 }], env: 'prod' })[0]!.object.spec).toEqual({ replicas: 3 });
  });

  test('throws overlay/replicas-target-not-found with a suggestion when no workload matches', () => {
    let caught: unknown;
    try {
      setReplicas([api], { replicas: [{ name: 'apu', count: 3 }], env: 'prod' });
    } catch (error) {
      caught = error;
    }
    expect(isKasaneError(caught) && caught.findings[0]).toMatchObject({ code: 'overlay/replicas-target-not-found', hint: "use one of 'prod-api'" });
  });
});
