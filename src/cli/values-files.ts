/**
 * Values files (`-f values.yaml`) for a chart: read by the one reader of untrusted YAML as kubectl reads it, checked
 * against the chart's value shape one file at a time, so that each finding names its file and
 * line, then merged as Helm merges them (maps deep, everything else replaced).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { errorFinding, type Finding } from '../errors.ts';
import { checkChartValues } from '../charts/values-check.ts';
import type { ValueShape } from '../charts/values-shape.ts';
import { readYaml } from '../k8s/yaml-read.ts';
import { lineAt } from '../k8s/yaml-text.ts';
import { isPlainObject } from '../util/plain-object.ts';
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
    const read = readYaml(text, { dialect: 'kubectl', keepNodes: true });
    const problem = read.problems[0];
    if (problem) {
      findings.push(
        errorFinding('charts/invalid-values-file', `cannot read values file '${shown}': ${problem.message}`, {
          hint: 'fix the YAML syntax',
          source: { file: shown, ...(problem.line ? { line: problem.line } : {}) },
        }),
      );
      continue;
    }
    const doc = read.documents[0];
    const values = doc?.value;
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
      const node = f.path?.length ? (doc?.yaml?.getIn(f.path, true) as { range?: [number, number, number] } | undefined) : undefined;
      findings.push({ ...f, source: { file: shown, ...(node?.range ? { line: lineAt(text, node.range[0]) } : {}) } });
    }
    layers.push(values ?? {});
  }
  return { values: mergeValues(layers), findings };
}
