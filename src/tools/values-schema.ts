/**
 * `kasane schema`: a component's values as JSON Schema, for editors (YAML or JSON values files
 * with completion), docs and developer portals. zod 4 writes the schema; this module picks the
 * component and turns zod's refusals into findings.
 */
import { z } from 'zod';
import { didYouMean, KasaneError } from '../errors.ts';
import type { Component } from '../project/component.ts';
import { componentsUsedBy } from '../project/component-plan.ts';
import type { Environment } from '../project/environment.ts';
import { compareCodeUnits } from '../util/code-unit.ts';

/**
 * The component named `name` among those the environments use.
 * @throws KasaneError `schema/unknown-component` when no environment uses one of that name;
 *   `schema/ambiguous-component` when two different components have it.
 */
export function componentNamed(environments: readonly Environment[], name: string): Component {
  const components = componentsUsedBy(environments);
  const found = components.filter((c) => c.name === name);
  if (found.length === 1) return found[0]!;
  const names = [...new Set(components.map((c) => c.name))].sort(compareCodeUnits);
  if (found.length === 0) {
    throw new KasaneError({
      severity: 'error',
      code: 'schema/unknown-component',
      message: `no environment uses a component '${name}'${didYouMean(name, names)}`,
      hint: names.length ? `components of this project: ${names.join(', ')}` : 'add the component to an environment (components: [...])',
    });
  }
  const where = found.map((c) => (c.source ? `${c.source.file}:${c.source.line}` : 'a compiled file'));
  throw new KasaneError({
    severity: 'error',
    code: 'schema/ambiguous-component',
    message: `${found.length} different components are named '${name}' (defined at ${where.join(', ')})`,
    hint: 'give each component its own name',
  });
}

/**
 * The JSON Schema (draft 2020-12) of the values `component.with()` and its defaults describe:
 * the input side of the zod schema, so that fields with a default are optional and carry it as
 * `default`. An environment's `.with()` may give any part of it (every field is optional there,
 * at any depth); the schema describes the whole.
 * @throws KasaneError `schema/not-representable` for a values schema JSON Schema cannot express
 *   (a `z.date()`, a `z.bigint()`, a custom check), naming the component and zod's reason.
 */
export function valuesJsonSchema(component: Component): Record<string, unknown> {
  let schema: Record<string, unknown>;
  try {
    schema = z.toJSONSchema(component.values, { io: 'input' }) as Record<string, unknown>;
  } catch (error) {
    throw new KasaneError({
      severity: 'error',
      code: 'schema/not-representable',
      message: `the values of component '${component.name}' cannot be written as JSON Schema: ${(error as Error).message}`,
      hint: 'use types JSON can hold (string, number, boolean, object, array, enum, literal); a date as an ISO string (z.iso.datetime())',
      component: component.name,
      ...(component.source ? { source: component.source } : {}),
    });
  }
  const { $schema, ...rest } = schema;
  return { $schema, title: `values of component ${component.name}`, ...rest };
}
