/**
 * The value shape of a vendored chart, from its files: values.schema.json when it has one,
 * merged with values.yaml, else values.yaml alone.
 */
import { errorFinding, type Finding } from '../errors.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { readYamlValue } from '../k8s/yaml-read.ts';
import { chartValuesShape } from './values-json-schema.ts';
import type { ValueShape } from './values-shape.ts';

const text = (bytes: Uint8Array | undefined): string | undefined => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** The keys a chart's dependencies take their values under: their alias or name in Chart.yaml, and the subcharts in charts/. */
function dependencyKeys(files: ReadonlyMap<string, Uint8Array>): string[] {
  const keys = new Set<string>();
  const chart = readYamlValue(files.get('Chart.yaml') ?? '');
  for (const dep of isPlainObject(chart) && Array.isArray(chart.dependencies) ? chart.dependencies : []) {
    const key = isPlainObject(dep) ? (dep.alias ?? dep.name) : undefined;
    if (typeof key === 'string') keys.add(key);
  }
  for (const file of files.keys()) {
    const m = /^charts\/([^/]+)\/Chart\.yaml$/.exec(file);
    if (m) keys.add(m[1]!);
  }
  return [...keys];
}

/**
 * The root of a chart's values is closed even where a generated schema opens it
 * (`additionalProperties: true`, as external-dns's does): the keys a template reads at the root
 * are those of values.yaml and the schema, plus `global` (values shared with subcharts) and one
 * key per dependency, which are added here, open.
 */
function closeRoot(shape: ValueShape, files: ReadonlyMap<string, Uint8Array>): ValueShape {
  if (shape.kind !== 'object') return shape;
  const fields = { ...shape.fields };
  fields.global ??= { kind: 'record', values: { kind: 'unknown' }, doc: 'Values shared with every subchart.' };
  for (const key of dependencyKeys(files)) fields[key] ??= { kind: 'object', fields: {}, open: true, doc: `Values of the dependency '${key}'.` };
  return { ...shape, fields, open: false };
}

/** The shape of a chart's values, and which file it came from; or a finding when they cannot be read. */
export function vendoredValuesShape(name: string, files: ReadonlyMap<string, Uint8Array>): { shape: ValueShape; from: string } | { finding: Finding } {
  const values = text(files.get('values.yaml')) ?? '';
  const schema = text(files.get('values.schema.json'));
  try {
    return { shape: closeRoot(chartValuesShape(values, schema), files), from: schema === undefined ? 'values.yaml' : 'values.schema.json and values.yaml' };
  } catch (error) {
    return {
      finding: errorFinding('charts/invalid-values-file', `cannot read the values of chart '${name}': ${(error as Error).message.split('\n')[0]}`, {
        source: { file: `vendor/charts/${name}/${schema === undefined ? 'values.yaml' : 'values.schema.json'}` },
        hint: 'the chart ships a broken values file; vendor another version',
      }),
    };
  }
}
