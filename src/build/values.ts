/**
 * Component values: schema defaults, then each environment's values from the root of the
 * `extends` chain down, parsed by the component's zod schema.
 *
 * Plain objects deep-merge; arrays and every other value replace (../util/merge-values.ts).
 */
import type { z } from 'zod';
import { didYouMean, formatPath, type Finding } from '../errors.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { Component } from '../project/component.ts';
import type { ValuesLayer } from '../project/component-plan.ts';
import { mergeValues } from '../util/merge-values.ts';

type Def = { type: string; shape?: Record<string, z.ZodType>; catchall?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[] };

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Unwraps optional/default/nullable/readonly/pipe wrappers down to the schema that holds a shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(s);
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else break;
  }
  return s;
}

/**
 * Keys in `value` that the schema does not declare (zod would drop them silently), at any depth
 * of plain object schemas, records and arrays.
 */
export function findUnknownKeys(schema: z.ZodType, value: unknown, path: (string | number)[] = []): { path: (string | number)[]; known: string[] }[] {
  const def = defOf(unwrap(schema));
  const out: { path: (string | number)[]; known: string[] }[] = [];
  if (def.type === 'object' && def.shape && isPlainObject(value)) {
    const known = Object.keys(def.shape);
    const open = def.catchall !== undefined && defOf(def.catchall).type !== 'never';
    for (const [key, child] of Object.entries(value)) {
      const childSchema = def.shape[key];
      if (childSchema) out.push(...findUnknownKeys(childSchema, child, [...path, key]));
      else if (!open) out.push({ path: [...path, key], known });
    }
  } else if (def.type === 'record' && def.valueType && isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) out.push(...findUnknownKeys(def.valueType, child, [...path, key]));
  } else if (def.type === 'array' && def.element && Array.isArray(value)) {
    value.forEach((child, i) => out.push(...findUnknownKeys(def.element!, child, [...path, i])));
  }
  return out;
}

function hasPath(value: unknown, path: readonly (string | number)[]): boolean {
  let at = value;
  for (const part of path) {
    if (at === null || typeof at !== 'object' || !(part in (at as object))) return false;
    at = (at as Record<string | number, unknown>)[part];
  }
  return true;
}

/** The last layer that wrote a value at `path` (or a parent of it), to name in a finding. */
function layerFor(layers: readonly ValuesLayer[], path: readonly (string | number)[]): ValuesLayer | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    for (let i = layers.length - 1; i >= 0; i--) if (hasPath(layers[i]!.values, prefix) && depth > 0) return layers[i];
  }
  return layers[layers.length - 1];
}

function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at = value;
  for (const part of path) at = at === null || typeof at !== 'object' ? undefined : (at as Record<PropertyKey, unknown>)[part];
  return at;
}

/**
 * Merges the layers and parses them with the component's schema.
 * Returns the parsed values, or the findings (`values/unknown-key`, `values/invalid`) naming the
 * environment file that wrote the bad value and the path `values.<component>.<field>`.
 */
export function resolveValues(component: Component, layers: readonly ValuesLayer[], env: string): { ok: true; values: unknown } | { ok: false; findings: Finding[] } {
  const merged = mergeValues(layers.map((l) => l.values));
  const findings: Finding[] = [];
  const where = (path: readonly (string | number)[]) => {
    const layer = layerFor(layers, path);
    return { env, component: component.name, path: ['values', component.name, ...path], ...(layer?.source ? { source: layer.source } : {}) };
  };
  for (const unknown of findUnknownKeys(component.values, merged)) {
    const key = String(unknown.path[unknown.path.length - 1]);
    findings.push({
      severity: 'error',
      code: 'values/unknown-key',
      message: `unknown value '${formatPath(unknown.path)}' for component '${component.name}'${didYouMean(key, unknown.known)}`,
      hint: unknown.known.length ? `known values here: ${unknown.known.join(', ')}` : 'this component takes no values here',
      ...where(unknown.path),
    });
  }
  const parsed = component.values.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // A strict schema's unknown keys are reported above, with near matches.
      if (issue.code === 'unrecognized_keys') continue;
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const received = describeReceived(valueAt(merged, path));
      const expected = 'expected' in issue && typeof issue.expected === 'string' ? `expected ${issue.expected}, received ${received}` : `${issue.message.replace(/^Invalid input: /, '')}`;
      findings.push({
        severity: 'error',
        code: 'values/invalid',
        message: `${expected} at '${formatPath(path)}' of component '${component.name}'`,
        hint: `fix values.${component.name}${path.length ? '.' + formatPath(path) : ''} in the environment, or the component's schema`,
        ...where(path),
      });
    }
  }
  return findings.length ? { ok: false, findings } : { ok: true, values: parsed.data };
}
