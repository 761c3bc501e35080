import { describe, expect, test } from 'vitest';
import type { ObjectMeta } from '../../src/k8s/api/meta/v1.ts';
import { resource } from '../../src/builders/resource.ts';
import { deepFreeze, thrown } from './deep-freeze.ts';

interface Widget {
  apiVersion: 'example.com/v1';
  kind: 'Widget';
  metadata: ObjectMeta & { name: string };
  spec: { size: number; note?: string };
}

describe('resource', () => {
  test('returns a deep copy without undefined fields when given a custom resource', () => {
    const input = deepFreeze<Widget>({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'demo', labels: { a: 'b' } }, spec: { size: 3, note: undefined } });
    const out = resource(input);
    expect(out).toStrictEqual({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'demo', labels: { a: 'b' } }, spec: { size: 3 } });
    expect(out.spec).not.toBe(input.spec);
    out.spec.size = 4;
    expect(input.spec.size).toBe(3);
  });

  test('throws builder/missing-name when metadata.name is empty', () => {
    const error = thrown(() => resource({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '' } }));
    expect(error.code).toBe('builder/missing-name');
    expect(error.findings[0]!.path).toEqual(['metadata', 'name']);
  });
});
