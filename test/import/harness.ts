/**
 * Test harness for the importer: reads a tree, imports it, writes the project to a temporary
 * folder, loads and renders every environment in process, and parses the emitted YAML.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding } from '../../src/errors.ts';
import { readImportSource, writeProjectFiles } from '../../src/import/fs.ts';
import { importProject, type ImportResult } from '../../src/import/import-project.ts';
import { manifestObjects } from '../../src/k8s/manifest-objects.ts';
import type { KObject } from '../../src/k8s/object.ts';
import { readYaml } from '../../src/k8s/yaml-read.ts';
import { loadProject } from '../../src/load/load-project.ts';
import { render } from '../../src/pipeline/render.ts';

/** What one import and render gave. */
export interface Imported {
  result: ImportResult;
  root: string;
  dir: string;
  /** Environment → the objects its emitted YAML holds. */
  rendered: Map<string, KObject[]>;
  renderFindings: Finding[];
}

/** Parses YAML documents into objects as `kubectl apply` reads them (nulls skipped). */
export function parseObjects(text: string): KObject[] {
  return manifestObjects(readYaml(text, { dialect: 'kubectl' }).documents).objects.map((o) => o.object);
}

/** Imports `paths` (relative to `cwd`) and renders every environment of the new project. */
export async function importAndRender(paths: readonly string[], cwd: string): Promise<Imported> {
  const { root, source } = readImportSource(paths, cwd);
  const result = importProject(source, { name: 'imported' });
  const dir = mkdtempSync(path.join(tmpdir(), 'kasane-import-'));
  await writeProjectFiles(dir, result.files);
  const rendered = new Map<string, KObject[]>();
  const renderFindings: Finding[] = [];
  if (result.findings.some((f) => f.severity === 'error')) return { result, root, dir, rendered, renderFindings };
  const project = await loadProject(dir, { cacheDir: path.join(dir, '.cache') });
  for (const env of result.environments) {
    const r = render(project, env.name, { validate: false });
    renderFindings.push(...r.findings.filter((f) => f.severity === 'error'));
    if (!r.output) continue;
    rendered.set(
      env.name,
      [...r.output.files].filter(([f]) => f !== 'kustomization.yaml').flatMap(([, text]) => parseObjects(text)),
    );
  }
  return { result, root, dir, rendered, renderFindings };
}
