import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { checkChartValues } from '../../src/charts/values-check.ts';
import { chartValuesShape } from '../../src/charts/values-json-schema.ts';
import { inferValuesShape } from '../../src/charts/values-shape.ts';
import { corpus, corpusCharts } from './corpus.ts';

/**
 * What the corpus's own override files get wrong. ingress-nginx: TCP services are the top-level
 * `tcp`, not `controller.tcp` (which holds only configMapNamespace and annotations); Helm ignores
 * the key, and the oracle output has no port 2222 anywhere (checked by hand).
 */
const OVERRIDE_FINDINGS: Record<string, string[]> = {
  'ingress-nginx': ["charts/unknown-value chart 'ingress-nginx' has no value 'controller.tcp[\"2222\"]'"],
};

describe('chart value shapes of the corpus', () => {
  test.each(corpusCharts)('accept the defaults and the override of %s', (name) => {
    const dir = path.join(corpus, name, 'chart');
    const shape = chartValuesShape(readFileSync(path.join(dir, 'values.yaml'), 'utf8'), readOptional(path.join(dir, 'values.schema.json')));
    const defaults = parse(readFileSync(path.join(dir, 'values.yaml'), 'utf8'), { version: '1.1' }) ?? {};
    const override = parse(readFileSync(path.join(corpus, name, 'values-override.yaml'), 'utf8'), { version: '1.1' });
    expect(checkChartValues(name, shape, defaults)).toEqual([]);
    expect(checkChartValues(name, shape, override).map((f) => `${f.code} ${f.message}`)).toEqual(OVERRIDE_FINDINGS[name] ?? []);
  });
});

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export { inferValuesShape };
