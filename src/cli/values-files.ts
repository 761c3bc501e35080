/**
 * Values files (`-f values.yaml`) for a chart: read as YAML 1.1 as Helm reads them, checked
 * against the chart's value shape one file at a time, so that each finding names its file and
 * line, then merged as Helm merges them (maps deep, everything else replaced).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { errorFinding, type Finding } from '../errors.ts';
import { checkChartValues } from '../charts/values-check.ts';
import type { ValueShape } from '../charts/values-shape.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { yaml } from '../util/yaml-lib.ts';
import { mergeValues } from '../util/merge-values.ts';

/** Reads, checks and merges values files; `shown` paths are relative to `cwd`. */
export function readValuesFiles(chart: string, shape: ValueShape, files: readonly string[], cwd: string): { values: Record<string, unknown>; findings: Finding[] } {
  const layers: unknown[] = [];
  const findings: Finding[] = [];
  for (const file of files) {
    const shown = path.relative(cwd, path.resolve(cwd, file)) || file;
    let text: string;
    try {
      text = readFileSync(path.resolve(cwd, file), 'utf8');
    } catch (error) {
      findings.push(
        errorFinding('charts/invalid-values-file', `cannot read values file '${shown}': ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
          hint: 'check the path given to -f',
          source: { file: shown },
        }),
      );
      continue;
    }
    const lines = new (yaml().LineCounter)();
    const doc = yaml().parseDocument(text, { version: '1.1', uniqueKeys: true, lineCounter: lines });
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      findings.push(
        errorFinding('charts/invalid-values-file', `cannot read values file '${shown}': ${e.message.split('\n')[0]}`, {
          hint: 'fix the YAML syntax',
          source: { file: shown, line: lines.linePos(e.pos[0]).line },
        }),
      );
      continue;
    }
    const values = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (values !== null && values !== undefined && !isPlainObject(values)) {
      findings.push(
        errorFinding('charts/invalid-values-file', `values file '${shown}' holds ${Array.isArray(values) ? 'a list' : typeof values}, not a map of values`, {
          hint: "a values file is a YAML map, as the chart's values.yaml",
          source: { file: shown },
        }),
      );
      continue;
    }
    for (const f of checkChartValues(chart, shape, values ?? {})) {
      const node = f.path?.length ? (doc.getIn(f.path, true) as { range?: [number, number, number] } | undefined) : undefined;
      findings.push({ ...f, source: { file: shown, ...(node?.range ? { line: lines.linePos(node.range[0]).line } : {}) } });
    }
    layers.push(values ?? {});
  }
  return { values: mergeValues(layers), findings };
}
