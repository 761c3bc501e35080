import { describe, expect, test } from 'vitest';
import { schemaType, type TypeContext } from '../../src/codegen/schema-types.ts';

function typeOf(schema: Record<string, unknown>): { type: string; declarations: string[] } {
  const ctx: TypeContext = { taken: new Set(), declarations: [], owner: 'Widget' };
  return { type: schemaType(schema, 'WidgetSpec', 'spec', ctx), declarations: ctx.declarations };
}

describe('schemaType', () => {
  test.each([
    ['a string', { type: 'string' }, 'string'],
    ['an int64 integer', { type: 'integer', format: 'int64' }, 'number'],
    ['a number', { type: 'number' }, 'number'],
    ['a boolean', { type: 'boolean' }, 'boolean'],
    ['a string enum', { type: 'string', enum: ['a', "b'c"] }, `'a' | 'b\\'c'`],
    ['an integer enum', { type: 'integer', enum: [1, 2] }, '1 | 2'],
    ['an enum with null', { type: 'string', enum: ['a', null] }, "'a' | null"],
    ['int-or-string', { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] }, 'number | string'],
    ['a nullable string', { type: 'string', nullable: true }, 'string | null'],
    ['an array of strings', { type: 'array', items: { type: 'string' } }, 'string[]'],
    ['an array without items', { type: 'array' }, 'unknown[]'],
    ['an array of an enum', { type: 'array', items: { type: 'string', enum: ['x', 'y'] } }, "('x' | 'y')[]"],
    ['a nullable array', { type: 'array', nullable: true, items: { type: 'integer' } }, 'number[] | null'],
    ['a map of strings', { type: 'object', additionalProperties: { type: 'string' } }, 'Record<string, string>'],
    ['a map of string lists', { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } }, 'Record<string, string[]>'],
    ['an object that keeps unknown fields', { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, '{ [key: string]: unknown }'],
    ['additionalProperties: true', { type: 'object', additionalProperties: true }, '{ [key: string]: unknown }'],
    ['an object that declares and keeps nothing', { type: 'object' }, 'Record<string, never>'],
    ['an untyped field that keeps anything', { 'x-kubernetes-preserve-unknown-fields': true }, 'unknown'],
    ['an untyped oneOf of typed branches', { oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'number' }] }, 'string | number'],
    ['an untyped anyOf of untyped branches', { anyOf: [{ required: ['a'] }, { required: ['b'] }] }, 'unknown'],
    ['a typed oneOf that only constrains', { type: 'string', oneOf: [{ pattern: '^a' }, { pattern: '^b' }] }, 'string'],
    ['an unknown type', { type: 'file' }, 'unknown'],
    ['an enum of objects', { type: 'object', enum: [{ a: 1 }] }, 'Record<string, never>'],
  ])('maps %s', (_name, schema, expected) => {
    expect(typeOf(schema).type).toBe(expected);
  });

  test('declares an interface with required and optional members, sorted, with TSDoc and defaults', () => {
    const { type, declarations } = typeOf({
      type: 'object',
      required: ['size'],
      properties: {
        size: { type: 'integer', description: 'How many.' },
        color: { type: 'string', enum: ['red', 'blue'], default: 'red' },
        'my-field': { type: 'boolean' },
      },
    });
    expect(type).toBe('WidgetSpec');
    expect(declarations).toEqual([
      [
        '/** `spec` of {@link Widget}. */',
        'export interface WidgetSpec {',
        '  /** @default "red" */',
        "  color?: 'red' | 'blue';",
        "  'my-field'?: boolean;",
        '  /** How many. */',
        '  size: number;',
        '}',
        '',
      ].join('\n'),
    ]);
  });

  test('merges declared members with an index signature when the object also keeps unknown fields', () => {
    const { declarations } = typeOf({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { phase: { type: 'string' } } });
    expect(declarations[0]).toContain('  phase?: string;\n  [key: string]: unknown;\n}');
  });

  test('names nested objects after their path, parents first, array items after the array field', () => {
    const { declarations } = typeOf({
      type: 'object',
      properties: { endpoints: { type: 'array', items: { type: 'object', properties: { tls: { type: 'object', properties: { ca: { type: 'string' } } } } } } },
    });
    expect(declarations.map((d) => /export interface (\w+)/.exec(d)![1])).toEqual(['WidgetSpec', 'WidgetSpecEndpoints', 'WidgetSpecEndpointsTls']);
    expect(declarations[2]).toContain('/** `spec.endpoints[].tls` of {@link Widget}. */');
  });

  test('adds apiVersion, kind and metadata to an embedded resource', () => {
    const { declarations } = typeOf({ type: 'object', 'x-kubernetes-embedded-resource': true, 'x-kubernetes-preserve-unknown-fields': true });
    expect(declarations[0]).toContain('  apiVersion?: string;\n  kind?: string;\n  metadata?: ObjectMeta;\n  [key: string]: unknown;\n}');
  });

  test('escapes a comment end inside a description', () => {
    const { declarations } = typeOf({ type: 'object', properties: { a: { type: 'string', description: 'glob like */x' } } });
    expect(declarations[0]).toContain('  /** glob like *\\/x */\n');
  });
});
