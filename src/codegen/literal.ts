/**
 * JSON data as a TypeScript expression, for the CRD that each generated file carries.
 */
import { isPlainObject } from '../util/plain-object.ts';
import { bigintLiteral, propertyKey, tsString } from './identifiers.ts';
import { compareCodeUnits } from '../util/code-unit.ts';

/**
 * `value` as a TypeScript literal: objects with keys sorted by code unit, two-space
 * indentation starting at `indent`, trailing commas. `undefined` fields are left out.
 * @param literalKeys top-level keys whose string values keep their literal type (`as const`),
 * e.g. `apiVersion` and `kind`, which the Kubernetes types (`kasane/api/...`) declare as literals.
 */
export function printLiteral(value: unknown, indent = '', literalKeys: readonly string[] = []): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'bigint') return bigintLiteral(value);
  if (typeof value === 'string') return tsString(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${printLiteral(item, inner)},\n`).join('')}${indent}]`;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort(compareCodeUnits);
    if (keys.length === 0) return '{}';
    const entry = (k: string) => `${printLiteral(value[k], inner)}${literalKeys.includes(k) && typeof value[k] === 'string' ? ' as const' : ''}`;
    return `{\n${keys.map((k) => `${inner}${propertyKey(k)}: ${entry(k)},\n`).join('')}${indent}}`;
  }
  return 'null';
}
