import { describe, expect, test } from 'vitest';
import { goField, goFields } from '../../src/import/go-fields.ts';

describe('keys read as Go reads JSON into a struct', () => {
  test('a key names its field whatever its case; the last of several wins; other keys stay', () => {
    expect(goFields({ Kind: 'A', NAME: 'x', name: 'y', other: 1 }, ['kind', 'name'])).toStrictEqual({ kind: 'A', name: 'y', other: 1 });
    expect(goField({ FieldPath: 'a', fieldpath: 'b' }, 'fieldPath')).toBe('b');
    expect(goField({ path: 'a' }, 'fieldPath')).toBeUndefined();
  });

  test('__proto__ stays a plain key', () => {
    const out = goFields(JSON.parse('{"__proto__": {"polluted": true}, "Kind": "A"}') as Record<string, unknown>, ['kind']);
    expect(Object.keys(out)).toStrictEqual(['__proto__', 'kind']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
