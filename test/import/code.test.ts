import { describe, expect, test } from 'vitest';
import { call, FIELD_COMMENTS, printValue, quote, ref } from '../../src/import/code.ts';

describe('printValue', () => {
  test('writes short values on one line with single quotes when they fit', () => {
    expect(printValue({ name: 'web', 'app.kubernetes.io/name': "it's", n: 2, on: true, none: null, list: [1, 'a'] })).toBe(
      "{ name: 'web', 'app.kubernetes.io/name': 'it\\'s', n: 2, on: true, none: null, list: [1, 'a'] }",
    );
  });

  test('breaks objects over lines with 2-space indent and trailing commas when they are long', () => {
    const long = 'x'.repeat(90);
    expect(printValue({ a: long, b: { c: 1 } })).toBe(`{\n  a: '${long}',\n  b: { c: 1 },\n}`);
  });

  test('writes calls and references as code when the value holds them', () => {
    expect(printValue(call('container', { name: 'web', image: ref('values.image') }))).toBe("container({ name: 'web', image: values.image })");
  });

  test('writes field comments above their property when the object carries them', () => {
    const value = { replicas: 3 };
    Object.defineProperty(value, FIELD_COMMENTS, { value: { replicas: ' one per zone' }, enumerable: true });
    expect(printValue(value)).toBe('{\n  // one per zone\n  replicas: 3,\n}');
  });

  test('escapes control characters and newlines when quoting', () => {
    expect(quote('a\nb\\c\u0001')).toBe("'a\\nb\\\\c\\u0001'");
  });
});
