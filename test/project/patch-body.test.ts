import type { Deployment } from '../../src/k8s/api/apps/v1.ts';
import { describe, expect, test } from 'vitest';
import type { StrategicMergeBody } from '../../src/project/patch-body.ts';

describe('StrategicMergeBody', () => {
  test('accepts partial elements that carry their merge key when patching a Deployment', () => {
    const patch: StrategicMergeBody<Deployment> = {
      metadata: { labels: { tier: null as unknown as string } },
      spec: {
        replicas: 3,
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                image: 'app:2',
                env: [
                  { name: 'A', value: '1' },
                  { name: 'B', $patch: 'delete' },
                ],
              },
              { $patch: 'replace' },
            ],
            tolerations: [{ key: 'k', operator: 'Exists' }],
          },
        },
      },
    };
    expect(patch.spec?.replicas).toBe(3);
  });

  test('rejects an element without its merge key when the list merges by key', () => {
    // @ts-expect-error containers merge by name, so name is required
    const patch: StrategicMergeBody<Deployment> = { spec: { template: { spec: { containers: [{ image: 'x' }] } } } };
    expect(patch).toBeDefined();
  });

  test('rejects a misspelt field when the kind has no such field', () => {
    // @ts-expect-error Deployment spec has 'replicas', not 'replica'
    const patch: StrategicMergeBody<Deployment> = { spec: { replica: 3 } };
    expect(patch).toBeDefined();
  });
});
