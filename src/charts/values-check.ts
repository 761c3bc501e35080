/**
 * Checking values against a chart's value shape, as kasane does before it runs helm: unknown
 * keys with near matches (Helm ignores a misspelt key, helm#10139), then types, through the
 * same zod schema the generated module declares.
 */
import { z } from 'zod';
import { didYouMean, errorFinding, formatPath, type Finding } from '../errors.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { ValueShape } from './values-shape.ts';

/** The zod schema of a shape (the generated module prints the same schema as code). */
export function shapeSchema(shape: ValueShape): z.ZodType {
  switch (shape.kind) {
    case 'unknown':
      return z.unknown();
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean': {
      if (shape.enum?.length) {
        const [first, ...rest] = shape.enum.map((v) => z.literal(v));
        return rest.length ? z.union([first!, ...rest]) : first!;
      }
      return shape.kind === 'string' ? z.string() : shape.kind === 'boolean' ? z.boolean() : shape.kind === 'integer' ? z.number().int() : z.number();
    }
    case 'union': {
      const [first, ...rest] = shape.of.map(shapeSchema);
      return rest.length ? z.union([first!, ...rest]) : first!;
    }
    case 'array':
      return z.array(shapeSchema(shape.items).nullable());
    case 'record':
      return z.record(z.string(), shapeSchema(shape.values).nullable());
    case 'object': {
      const fields = Object.fromEntries(Object.entries(shape.fields).map(([k, v]) => [k, shapeSchema(v).nullish()]));
      return shape.open ? z.looseObject(fields) : z.strictObject(fields);
    }
  }
}

/** Unknown keys of `value` under closed objects of `shape`, with the keys known there. */
export function unknownValueKeys(shape: ValueShape, value: unknown, path: (string | number)[] = []): { path: (string | number)[]; known: string[] }[] {
  const out: { path: (string | number)[]; known: string[] }[] = [];
  if (shape.kind === 'object' && isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const field = Object.hasOwn(shape.fields, key) ? shape.fields[key] : undefined;
      if (field) out.push(...unknownValueKeys(field, child, [...path, key]));
      else if (!shape.open) out.push({ path: [...path, key], known: Object.keys(shape.fields) });
    }
  } else if (shape.kind === 'record' && isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) out.push(...unknownValueKeys(shape.values, child, [...path, key]));
  } else if (shape.kind === 'array' && Array.isArray(value)) {
    value.forEach((child, i) => out.push(...unknownValueKeys(shape.items, child, [...path, i])));
  }
  return out;
}

/**
 * Findings for values that the chart does not declare or that have the wrong type:
 * `charts/unknown-value` (with "did you mean") and `charts/invalid-value`. `where` names the
 * file the values came from.
 */
export function checkChartValues(chart: string, shape: ValueShape, values: unknown, where: Omit<Finding, 'severity' | 'code' | 'message'> = {}): Finding[] {
  const findings: Finding[] = [];
  const unknown = unknownValueKeys(shape, values);
  for (const u of unknown) {
    const key = String(u.path.at(-1));
    findings.push(
      errorFinding('charts/unknown-value', `chart '${chart}' has no value '${formatPath(u.path)}'${didYouMean(key, u.known)}`, {
        ...where,
        path: u.path,
        hint: u.known.length ? `known values here: ${u.known.slice(0, 30).join(', ')}${u.known.length > 30 ? ', …' : ''}` : 'the chart takes no values here',
      }),
    );
  }
  const parsed = shapeSchema(shape).safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') continue;
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      findings.push(
        errorFinding('charts/invalid-value', `chart '${chart}' value '${formatPath(path)}': ${issue.message.replace(/^Invalid input: /, '')}`, {
          ...where,
          path,
          hint: "fix the value to the type the chart declares (see the generated values module, or the chart's values.yaml)",
        }),
      );
    }
  }
  return findings;
}
