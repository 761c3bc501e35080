/**
 * The zero-diff check of an import: the new project's render of one environment compared,
 * object for object, with what the source printed (`kubectl kustomize`, the imported YAML,
 * `helm template`). Shared by `kasane import` and `kasane import --chart`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { countOf } from '../errors.ts';
import { diffObjects, formatDiffs } from '../import/compare.ts';
import type { ScopeExplained } from '../import/kustomize-scope.ts';
import { manifestObjects } from '../k8s/manifest-objects.ts';
import type { KObject } from '../k8s/object.ts';
import { readYaml } from '../k8s/yaml-read.ts';
import type { RenderResult } from '../pipeline/render.ts';
import { reportFindings } from './context.ts';
import type { CliIo } from './io.ts';

/** The objects of YAML text as `kubectl apply` reads them, the reading both sides are compared in. */
export function manifestObjectsOf(text: string): KObject[] {
  return manifestObjects(readYaml(text, { dialect: 'kubectl' }).documents).objects.map((o) => o.object);
}

/** Sets aside the differences the source is known to make on purpose, with a note for each. */
export type ExplainDifferences = (expected: readonly KObject[], rendered: readonly KObject[]) => ScopeExplained;

/**
 * True when the render of `env` failed, after printing its error findings and the verdict: an
 * import whose project does not render has failed, whatever the source prints.
 */
export function renderFailed(io: CliIo, root: string, env: string, result: RenderResult): boolean {
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (!errors.length && result.output) return false;
  reportFindings(io, errors, root, {});
  io.stderr(`zero-diff check of '${env}' failed: the environment does not render\n`);
  return true;
}

/**
 * Compares the render of `env` with `expected` (what `source` printed), prints the result
 * (differences on stdout, the verdict on stderr) and says whether the diff is zero. `explain`
 * first sets aside differences that are known and named (one note each on stderr).
 */
export function checkZeroDiff(io: CliIo, root: string, env: string, result: RenderResult, expected: readonly KObject[], source: string, explain?: ExplainDifferences): boolean {
  if (renderFailed(io, root, env, result) || !result.output) return false;
  const rendered = [...result.output.files].filter(([f]) => f !== 'kustomization.yaml').flatMap(([, text]) => manifestObjectsOf(text));
  const explained = explain ? explain(expected, rendered) : { expected, notes: [] };
  for (const note of explained.notes) io.stderr(`note: ${env}: ${note}\n`);
  const diffs = diffObjects(explained.expected, rendered);
  if (diffs.length === 0) {
    io.stderr(`zero diff: '${env}' renders the same ${countOf(rendered.length, 'object')} as ${source}\n`);
    return true;
  }
  io.stdout(formatDiffs(env, diffs, source));
  io.stderr(`zero-diff check of '${env}' failed: ${countOf(diffs.length, 'object')} ${diffs.length === 1 ? 'differs' : 'differ'} (above)\n`);
  return false;
}

/**
 * Runs `check` with a compile cache folder of its own, removed afterwards: the check compiles
 * the new project, which must not find a node_modules/.cache folder it did not ask for.
 */
export async function withScratchCache<T>(check: (cacheDir: string) => Promise<T>): Promise<T> {
  const cacheDir = await mkdtemp(path.join(tmpdir(), 'kasane-import-check-'));
  try {
    return await check(cacheDir);
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}
