import { describe, expect, test } from 'vitest';
import { podDisruptionBudget } from '../../src/builders/policy.ts';
import { deployment } from '../../src/builders/workloads.ts';
import { deepFreeze, thrown } from './deep-freeze.ts';

const echo = deepFreeze(deployment({ name: 'echo', image: 'a', podLabels: { app: 'echo' } }));

describe('podDisruptionBudget', () => {
  test('selects the workload pods and takes its name when given for', () => {
    expect(podDisruptionBudget(deepFreeze({ for: echo, minAvailable: 2 }))).toStrictEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'echo' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'echo' } } },
    });
  });

  test('writes every field when all props are given', () => {
    expect(podDisruptionBudget(deepFreeze({ name: 'echo-pdb', namespace: 'shop', labels: { a: 'b' }, maxUnavailable: '25%', selector: { matchLabels: { app: 'x' } } }))).toStrictEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'echo-pdb', namespace: 'shop', labels: { a: 'b' } },
      spec: { maxUnavailable: '25%', selector: { matchLabels: { app: 'x' } } },
    });
  });

  test('throws builder/no-pod-labels when the workload has no pod labels', () => {
    const error = thrown(() => podDisruptionBudget({ for: deployment({ name: 'x', image: 'a', podLabels: {} }), minAvailable: 1 }));
    expect(error.code).toBe('builder/no-pod-labels');
    expect(error.findings[0]!.path).toEqual(['spec', 'selector']);
  });

  test('throws builder/missing-name when neither name nor for is given', () => {
    const error = thrown(() => podDisruptionBudget({ minAvailable: 1 }));
    expect(error.code).toBe('builder/missing-name');
    expect(error.findings[0]!.path).toEqual(['metadata', 'name']);
  });
});
