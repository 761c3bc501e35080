import { describe, expect, test } from 'vitest';
import { claimName, kebabCase, lowerCamel, pascalCase, propertyKey, safeIdentifier, tsString, typeName } from '../../src/codegen/identifiers.ts';

describe('identifiers', () => {
  test.each([
    ['tls-config', 'TlsConfig'],
    ['privateKey', 'PrivateKey'],
    ['x509', 'X509'],
    ['$ref', 'Ref'],
    ['a.b_c', 'ABC'],
    ['---', ''],
  ])('pascalCase turns %j into %j', (input, expected) => {
    expect(pascalCase(input)).toBe(expected);
  });

  test.each([
    ['ServiceMonitor', 'serviceMonitor'],
    ['CSIDriver', 'csiDriver'],
    ['Import', 'import_'],
    ['Default', 'default_'],
    ['URL', 'url'],
    ['X509Cert', 'x509Cert'],
  ])('lowerCamel turns kind %j into builder name %j', (kind, expected) => {
    expect(lowerCamel(kind)).toBe(expected);
  });

  test.each([
    ['my-field', 'myField'],
    ['2fa', '_2fa'],
    ['class', 'class_'],
    ['', 'value'],
  ])('safeIdentifier turns %j into %j', (input, expected) => {
    expect(safeIdentifier(input)).toBe(expected);
  });

  test('typeName avoids built-in type names and leading digits', () => {
    expect([typeName('record'), typeName('object-meta'), typeName('3scale.net'), typeName('')]).toEqual(['Record_', 'ObjectMeta_', '_3scaleNet', 'Value']);
  });

  test('kebabCase makes file names from kinds', () => {
    expect(['ServiceMonitor', 'CSIDriver', 'Certificate', 'HTTPRoute'].map(kebabCase)).toEqual(['service-monitor', 'csi-driver', 'certificate', 'http-route']);
  });

  test('tsString escapes quotes, backslashes, line breaks and control characters', () => {
    expect(tsString(`it's a\\b\n\t\u0001\u2028`)).toBe(`'it\\'s a\\\\b\\n\\t\\u0001\\u2028'`);
  });

  test('propertyKey quotes keys that are not identifiers', () => {
    expect(['class', 'my-field', '2fa', '$x', 'x.y'].map(propertyKey)).toEqual(['class', "'my-field'", "'2fa'", '$x', "'x.y'"]);
  });

  test('claimName numbers the second and third use of a name', () => {
    const taken = new Set<string>();
    expect([claimName(taken, 'A'), claimName(taken, 'A'), claimName(taken, 'B'), claimName(taken, 'A')]).toEqual(['A', 'A2', 'B', 'A3']);
  });
});
