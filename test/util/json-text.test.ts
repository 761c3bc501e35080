import { describe, expect, test } from 'vitest';
import { jsonText } from '../../src/util/json-text.ts';

/** A seeded generator of JSON-like values (no bigints), for comparing with JSON.stringify. */
function randomValue(seed: number): unknown {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const make = (depth: number): unknown => {
    const r = next();
    if (depth > 3 || r < 0.5) return [null, true, false, 0, -1.5, 1e21, 'text', 'é"\\\n', undefined, Number.NaN][Math.floor(next() * 10)];
    if (r < 0.75) return Array.from({ length: Math.floor(next() * 4) }, () => make(depth + 1));
    const out: Record<string, unknown> = {};
    for (let i = 0; i < Math.floor(next() * 4); i++) out[['a', 'b', '__x', '1', 'k"'][Math.floor(next() * 5)]!] = make(depth + 1);
    return out;
  };
  return make(0);
}

describe('jsonText', () => {
  test.each([0, 2])('writes what JSON.stringify writes (indent %i) for 500 random values', (space) => {
    for (let seed = 1; seed <= 500; seed++) {
      const value = randomValue(seed);
      expect(jsonText(value, space)).toBe(JSON.stringify(value, null, space));
    }
  });

  test('writes bigints as their exact digits', () => {
    expect(jsonText({ a: [9223372036854775807n, -9007199254740993n] })).toBe('{"a":[9223372036854775807,-9007199254740993]}');
  });
});
