import { describe, expect, test } from 'vitest';
import { listFirst } from '../../src/util/list-text.ts';

describe('listFirst', () => {
  test('names every item of a short list', () => {
    expect(listFirst([])).toBe('');
    expect(listFirst(['a'])).toBe('a');
    expect(listFirst(['a', 'b', 'c'])).toBe('a, b, c');
  });

  test('names the first three of a long list and counts the rest', () => {
    const files = Array.from({ length: 1000 }, (_, i) => `c${i}/`);
    expect(listFirst(files)).toBe('c0/, c1/, c2/ and 997 more');
    expect(listFirst(['a', 'b'], 1)).toBe('a and 1 more');
  });
});
