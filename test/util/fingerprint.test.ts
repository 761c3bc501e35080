import { describe, expect, test } from 'vitest';
import { exactJson, fingerprint } from '../../src/util/fingerprint.ts';

describe('fingerprint', () => {
  test('values JSON would merge have different fingerprints', () => {
    const pairs: [unknown, unknown][] = [
      [{ a: undefined }, {}],
      [-0, 0],
      [1n, 1],
      [
        [, 1],
        [undefined, 1],
      ],
      [/a/g, {}],
      [new Date(0), new Date(1)],
      ['1', 1],
      [null, undefined],
      [
        { a: 1, b: 2 },
        { b: 2, a: 1 },
      ],
    ];
    for (const [a, b] of pairs) expect(fingerprint(a)!.text, `${String(a)} / ${String(b)}`).not.toBe(fingerprint(b)!.text);
  });

  test('equal data has equal fingerprints; functions are marked', () => {
    expect(fingerprint({ a: [1, 'x', { b: true }] })).toEqual(fingerprint({ a: [1, 'x', { b: true }] }));
    expect(fingerprint({ a: 1 })!.functions).toBe(false);
    expect(fingerprint({ a: () => 1 })!.functions).toBe(true);
  });

  test('what no text stands for has no fingerprint', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(fingerprint(cycle)).toBeUndefined();
    expect(fingerprint(new Map())).toBeUndefined();
    expect(fingerprint({ s: Symbol('x') })).toBeUndefined();
    expect(fingerprint(Object.defineProperty({}, 'g', { get: () => 1, enumerable: true }))).toBeUndefined();
  });
});

describe('exactJson', () => {
  test('JSON text only when JSON gives the value back exactly', () => {
    expect(exactJson({ a: [1, 'x', null, true] })).toBe('{"a":[1,"x",null,true]}');
    for (const v of [{ a: undefined }, -0, NaN, 1n, [, 1], new Date(0)]) expect(exactJson(v)).toBeUndefined();
  });
});
