/**
 * Test harness for the importer: reads a tree, imports it, writes the project to a temporary
 * folder, loads and renders every environment in process, and parses the emitted YAML.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding } from '../../src/errors.ts';
import { readImportSource, writeProjectFiles } from '../../src/import/fs.ts';
import { importProject, type ImportedEnvironment, type ImportResult } from '../../src/import/import-project.ts';
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

/** A tree of the real-world corpus imported at its build folder and rendered. */
export interface CorpusImport {
  got: Imported;
  /** The environment of the build folder, if the import made one. */
  env: ImportedEnvironment | undefined;
  /** What `kubectl kustomize` printed for the build (the tree's expected.yaml). */
  kubectl: KObject[];
  /** What kasane rendered for `env`. */
  rendered: KObject[];
}

/** Imports and renders tree `tree` of test/fixtures/kustomize-corpus at the build folder its SOURCE.json names. */
export async function importCorpusTree(tree: string): Promise<CorpusImport> {
  const dir = path.join(import.meta.dirname, '..', 'fixtures', 'kustomize-corpus', tree);
  const { build } = JSON.parse(readFileSync(path.join(dir, 'SOURCE.json'), 'utf8')) as { build: string };
  const got = await importAndRender([build], dir);
  const [env] = got.result.environments.filter((e) => path.posix.normalize(e.kustomization ?? '') === path.posix.normalize(build));
  const kubectl = parseObjects(readFileSync(path.join(dir, 'expected.yaml'), 'utf8'));
  return { got, env, kubectl, rendered: env ? (got.rendered.get(env.name) ?? []) : [] };
}
