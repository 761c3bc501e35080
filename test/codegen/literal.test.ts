import { describe, expect, test } from 'vitest';
import { propertyKey } from '../../src/codegen/identifiers.ts';
import { printLiteral } from '../../src/codegen/literal.ts';
import { readYaml } from '../../src/k8s/yaml-read.ts';

describe('printLiteral', () => {
  test('keeps an integer beyond 2^53 read from a CRD digit for digit, typed as a number', () => {
    const [doc] = readYaml('maximum: 9223372036854775807\nminimum: -9007199254740993\n', { dialect: 'kubectl' }).documents;
    expect(printLiteral(doc!.value)).toBe('{\n  maximum: 9223372036854775807n as unknown as number,\n  minimum: -9007199254740993n as unknown as number,\n}');
  });

  test('writes a __proto__ key as a computed key, which defines a property instead of setting the prototype', () => {
    const value = JSON.parse('{"__proto__":{"x":1}}') as unknown;
    const text = printLiteral(value);
    expect(text).toBe("{\n  ['__proto__']: {\n    x: 1,\n  },\n}");
    const back = new Function(`return ${text};`)() as object;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__']);
  });

  test('propertyKey quotes what is not an identifier', () => {
    expect([propertyKey('a'), propertyKey('a-b'), propertyKey('__proto__'), propertyKey('constructor')]).toEqual(['a', "'a-b'", "['__proto__']", 'constructor']);
  });
});
