/**
 * Walks one value against a compiled built-in schema node and reports unknown fields, wrong
 * types, missing required fields, malformed quantities, values outside an enum and integers
 * that are fractional or too large for their size. Used by the schema and CRD checks.
 */
import { didYouMean, suggestSimilar } from '../errors.ts';
import type { Finding } from '../errors.ts';
import { isInteger } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { EnumNode, IntegerNode, ObjectNode, SchemaNode } from '../k8s/schema/load.ts';
import { isQuantity } from './syntax.ts';

/** Where findings go while walking one object, and what each of them carries. */
export interface WalkContext {
  findings: Finding[];
  /** Fields every finding of this object carries: object ref, source, component. */
  base: Omit<Finding, 'severity' | 'code' | 'message'>;
  /** The current field path; the walker pushes and pops, findings copy it. */
  path: (string | number)[];
  /** Called after an object of a definition was walked, for checks beyond the schema. */
  onObject?: (node: ObjectNode, value: Record<string, unknown>, ctx: WalkContext) => void;
}

/** Adds an error finding at the current path (plus `extra` path parts). */
export function report(ctx: WalkContext, code: string, message: string, hint: string, extra: readonly (string | number)[] = []): void {
  ctx.findings.push({ ...ctx.base, severity: 'error', code, message, hint, path: [...ctx.path, ...extra] });
}

/** `string "3"`, `number 3`, `boolean true`, `null`, `array`, `object`: a value as messages show it. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (typeof value === 'bigint') return `number ${String(value)}`;
  return typeof value === 'object' ? 'object' : typeof value;
}

/** The name of a schema type as messages show it. */
function typeName(node: SchemaNode): string {
  switch (node.kind) {
    case 'int-or-string':
      return 'integer or string';
    case 'time':
    case 'enum':
      return 'string';
    case 'map':
    case 'object':
      return 'object';
    case 'union':
      return [...new Set(node.variants.map(typeName))].join(' or ');
    default:
      return node.kind;
  }
}

function typeHint(expected: string, value: unknown): string {
  if ((expected === 'number' || expected === 'integer') && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return `write ${value} without quotes`;
  }
  if (expected === 'integer' && typeof value === 'number' && Number.isFinite(value)) {
    return `use a whole number such as ${Math.floor(value)} or ${Math.ceil(value)}`;
  }
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `quote the value: "${String(value)}"`;
  }
  return `set a value of type ${expected}`;
}

/** Reports a value whose JSON type does not fit `node`. */
export function reportType(ctx: WalkContext, node: SchemaNode, value: unknown): void {
  const expected = typeName(node);
  report(ctx, 'schema/invalid-type', `expected ${expected}, found ${describeValue(value)}`, typeHint(expected, value));
}

/** Reports a field that the definition `defName` does not have. */
export function reportUnknownField(ctx: WalkContext, key: string, known: readonly string[], defName: string): void {
  const near = suggestSimilar(key, known);
  const hint = near.length ? `rename it to '${near[0]}'` : `remove it; ${defName} has ${[...known].sort().slice(0, 15).join(', ')}${known.length > 15 ? ', ...' : ''}`;
  report(ctx, 'schema/unknown-field', `unknown field '${key}'${didYouMean(key, known)}`, hint, [key]);
}

/** Reports a string outside the values of an enum, suggesting a near value. */
function reportEnum(ctx: WalkContext, node: EnumNode, value: string): void {
  const allowed = node.allowed.map((v) => JSON.stringify(v)).join(', ');
  const near = suggestSimilar(value, node.allowed)[0];
  const sameLetters = near !== undefined && near.toLowerCase() === value.toLowerCase();
  const hint = near === undefined ? `use one of ${allowed}` : `change it to ${JSON.stringify(near)}${sameLetters ? ' (values are case-sensitive)' : ''}`;
  report(ctx, 'schema/invalid-enum', `expected one of ${allowed}, found ${JSON.stringify(value)}${didYouMean(value, node.allowed)}`, hint);
}

const INT_RANGES = {
  int32: { bits: 32, min: -(2 ** 31), max: 2 ** 31 - 1, shown: '-2147483648 to 2147483647' },
  // 2^63 - 1 is not a double: the nearest one, 2^63, is what a YAML or JSON parser gives for it.
  int64: { bits: 64, min: -(2 ** 63), max: 2 ** 63, shown: '-9223372036854775808 to 9223372036854775807' },
} as const;

/** Reports a value that is not an integer, or an integer beyond the range of its size. */
function checkInteger(ctx: WalkContext, node: IntegerNode, value: unknown): void {
  if (!isInteger(value)) return reportType(ctx, node, value);
  const range = INT_RANGES[node.format];
  if (value < range.min || value > range.max) {
    report(ctx, 'schema/out-of-range', `expected a ${range.bits}-bit integer (${range.shown}), found ${describeValue(value)}`, `use a value from ${range.shown}`);
  }
}

/** Reports a required field that is absent or null. */
export function reportMissing(ctx: WalkContext, key: string): void {
  report(ctx, 'schema/missing-field', `missing required field '${key}'`, `add '${key}'`, [key]);
}

function fits(node: SchemaNode, value: unknown): boolean {
  switch (node.kind) {
    case 'string':
    case 'time':
      return typeof value === 'string';
    case 'number':
    case 'integer':
      return typeof value === 'number' || typeof value === 'bigint';
    case 'enum':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'int-or-string':
    case 'quantity':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint';
    case 'array':
      return Array.isArray(value);
    case 'map':
    case 'object':
      return isPlainObject(value);
    case 'union':
      return node.variants.some((v) => fits(v, value));
    default:
      return true;
  }
}

function walkObject(value: unknown, node: ObjectNode, ctx: WalkContext): void {
  if (!isPlainObject(value)) return reportType(ctx, node, value);
  for (const key of node.required) {
    if (value[key] === undefined || value[key] === null) reportMissing(ctx, key);
  }
  // for-in walks a plain object's own keys in Object.keys order without making the list.
  for (const key in value) {
    const child = value[key];
    if (child === undefined) continue;
    const prop = node.props.get(key);
    if (!prop) {
      reportUnknownField(ctx, key, node.propNames, node.name.slice(node.name.lastIndexOf('.') + 1));
      continue;
    }
    ctx.path.push(key);
    walkValue(child, prop, ctx);
    ctx.path.pop();
  }
  ctx.onObject?.(node, value, ctx);
}

/**
 * Walks `value` against `node`, reporting into `ctx`. `null` counts as unset, as the API server
 * treats it.
 */
export function walkValue(value: unknown, node: SchemaNode, ctx: WalkContext): void {
  if (value === null || value === undefined) return;
  switch (node.kind) {
    case 'object':
      return walkObject(value, node, ctx);
    case 'array':
      if (!Array.isArray(value)) return reportType(ctx, node, value);
      for (let i = 0; i < value.length; i++) {
        ctx.path.push(i);
        walkValue(value[i], node.items, ctx);
        ctx.path.pop();
      }
      return;
    case 'map':
      if (!isPlainObject(value)) return reportType(ctx, node, value);
      for (const key in value) {
        ctx.path.push(key);
        walkValue(value[key], node.values, ctx);
        ctx.path.pop();
      }
      return;
    case 'union': {
      const variant = node.variants.find((v) => fits(v, value));
      return variant ? walkValue(value, variant, ctx) : reportType(ctx, node, value);
    }
    case 'enum':
      if (typeof value !== 'string') return reportType(ctx, node, value);
      // An empty string is unset to the API server, which then applies the default.
      if (value !== '' && !node.values.has(value)) reportEnum(ctx, node, value);
      return;
    case 'integer':
      return checkInteger(ctx, node, value);
    case 'int-or-string':
      if (typeof value === 'string' || isInteger(value)) return;
      return reportType(ctx, node, value);
    case 'quantity':
      if (!fits(node, value)) return reportType(ctx, node, value);
      if (typeof value !== 'bigint' && !isQuantity(value as string | number)) {
        report(
          ctx,
          'schema/invalid-quantity',
          `expected a quantity such as "500m", "2" or "1Gi", found ${describeValue(value)}`,
          'write a number with an optional suffix: m, k, M, G, T, P, E (powers of 1000), Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024) or an exponent like e3; suffixes are case-sensitive',
        );
      }
      return;
    default:
      if (!fits(node, value)) reportType(ctx, node, value);
  }
}
