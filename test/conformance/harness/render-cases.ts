/**
 * Renders conformance cases through kasane's whole pipeline: the cases' projects are written
 * into one project folder (one component and one environment chain per case), loaded once with
 * `loadProject` and rendered environment by environment with `render`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Finding } from '../../../src/errors.ts';
import type { KObject } from '../../../src/k8s/object.ts';
import { loadProject, type LoadedProject } from '../../../src/load/load-project.ts';
import { render } from '../../../src/pipeline/render.ts';
import type { ConformanceCase } from './cases.ts';
import { parseRendered } from './compare.ts';
import { batchNames, caseProjectFiles, rootEnvironment, type ProjectNames } from './project-files.ts';

/** What rendering one case gave. */
export interface CaseOutcome {
  /** The rendered objects in file order, parsed back from the emitted YAML; absent on errors. */
  objects?: KObject[];
  findings: Finding[];
}

/** Writes `files` (path relative to `dir` → content) under `dir`. */
export function writeFiles(dir: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  for (const [rel, content] of files) {
    const abs = join(dir, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/** Writes every case into one new project folder; returns the folder and each case's names. */
export function writeBatchProject(cases: readonly ConformanceCase[]): { dir: string; names: Map<string, ProjectNames> } {
  const dir = mkdtempSync(join(tmpdir(), 'kasane-conformance-'));
  const all = new Map<string, string | Uint8Array>();
  const names = new Map<string, ProjectNames>();
  for (const kase of cases) {
    const n = batchNames(kase.name);
    names.set(kase.name, n);
    for (const [path, content] of caseProjectFiles(kase, n)) {
      if (all.has(path)) throw new Error(`two cases write ${path}`);
      all.set(path, content);
    }
  }
  writeFiles(dir, all);
  return { dir, names };
}

/** Renders environment `env` of a loaded project without the validate stage. */
export function renderEnvironment(project: LoadedProject, env: string): CaseOutcome {
  const result = render(project, env, { validate: false });
  if (!result.output) return { findings: result.findings };
  const yaml = [...result.output.files].filter(([file]) => file !== 'kustomization.yaml').map(([, text]) => text);
  return { objects: parseRendered(yaml), findings: result.findings };
}

/** Loads the project at `dir` with its compile cache inside it (never in the repository). */
export function loadCaseProject(dir: string): Promise<LoadedProject> {
  return loadProject(dir, { cacheDir: join(dir, '.kasane-cache') });
}

/** Writes, loads and renders `cases`; outcomes by case name. */
export async function renderCases(cases: readonly ConformanceCase[]): Promise<{ dir: string; outcomes: Map<string, CaseOutcome> }> {
  const { dir, names } = writeBatchProject(cases);
  const project = await loadCaseProject(dir);
  const outcomes = new Map<string, CaseOutcome>();
  for (const kase of cases) outcomes.set(kase.name, renderEnvironment(project, rootEnvironment(kase, names.get(kase.name)!)));
  return { dir, outcomes };
}
