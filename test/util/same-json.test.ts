import { describe, expect, test } from 'vitest';
import { sameJson } from '../../src/util/same-json.ts';

describe('sameJson', () => {
  test('ignores the order of object keys, as JSON objects have none', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: 2 }, { a: 1, b: 3 })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2, c: 3 }, { a: 1, c: 3, b: 2 })).toBe(true);
    expect(sameJson({ a: 1, b: 2, c: 3 }, { a: 1, c: 3, b: 4 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
  });

  test('keeps the order of list elements', () => {
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([{ a: 1 }], [{ a: 1 }])).toBe(true);
  });

  test('treats what JSON leaves out as absent in objects and as null in lists', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, f: () => 1 })).toBe(true);
    expect(sameJson({ a: 1, x: undefined, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson([undefined, Number.NaN], [null, null])).toBe(true);
  });

  test('tells an absent value from null and from a present one', () => {
    expect(sameJson(undefined, undefined)).toBe(true);
    expect(sameJson(undefined, null)).toBe(false);
    expect(sameJson('x', undefined)).toBe(false);
  });

  test('compares scalars by value and type', () => {
    expect(sameJson(1, 1.0)).toBe(true);
    expect(sameJson(1, '1')).toBe(false);
    expect(sameJson(2n ** 60n, 2n ** 60n)).toBe(true);
    expect(sameJson(true, 1)).toBe(false);
  });
});
