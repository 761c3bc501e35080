import { describe, expect, test } from 'vitest';
import { mergeValues } from '../../src/util/merge-values.ts';

describe('mergeValues', () => {
  test('deep-merges plain objects with later layers winning', () => {
    expect(mergeValues([{ a: { b: 1, c: 2 } }, { a: { c: 3 } }])).toEqual({ a: { b: 1, c: 3 } });
  });

  test('replaces arrays instead of concatenating them', () => {
    expect(mergeValues([{ list: [1, 2] }, { list: [3] }])).toEqual({ list: [3] });
  });

  test('does not change its inputs', () => {
    const base = Object.freeze({ a: Object.freeze({ b: 1 }) });
    mergeValues([base, { a: { b: 2 } }]);
    expect(base).toEqual({ a: { b: 1 } });
  });
});
