/**
 * Every sample in docs/*.md is type-checked and run here. What a fenced block is, by its info
 * string (the words after the opening backticks; Markdown viewers show only the language):
 *
 *   ts file=<path> [project=<name>] [fails]
 *       A whole project file. The file blocks of one page form one project (several with
 *       `project=`), written into a temp folder, type-checked with the repository's tsc (strict,
 *       module preserve, moduleResolution bundler, `kasane` → src/index.ts) and loaded with
 *       `loadProject`. Every non-abstract environment is rendered and must report no error
 *       (with `fails` on any of the project's blocks: must report at least one). A project
 *       without TypeScript files (only data files for `sh run`) is not rendered.
 *   ts snippet [throws=<code>]
 *       A fragment. It is type-checked as a module of its own and then run. Unless it has
 *       import lines of its own, every export of 'kasane' is imported above it by name (and the
 *       whole module as `k`). With `throws=`, running it must throw a KasaneError with that code.
 *   yaml file=<path> [project=<name>]  (any language but ts, without `output`)
 *       A data file of the project (YAML manifests, a kustomization.yaml, a generator input),
 *       written beside the TypeScript files; not checked by itself.
 *   sh run [project=<name>]
 *       Each line `kasane ...` or `npx kasane ...` runs in process in the page's project folder
 *       and must exit 0, or N when the line ends with `# exit N`. Other lines are not allowed.
 *   yaml output file=rendered/<env>/<path>   the exact content of that rendered file
 *   yaml output env=<env>                    the environment as `kasane render <env> --stdout` prints it
 *   yaml output                              after a snippet: the values it exports (`export const`),
 *                                            in source order, as kasane writes YAML
 *   text output [stderr]                     after an `sh run` block: stdout (or stderr) of its last command
 *
 * An output block belongs to the closest sample above it; `file=`/`env=` outputs use that
 * sample's project (or their own `project=`). A TypeScript block without `file=` or `snippet`
 * fails the test, so no sample goes unchecked. Other blocks (plain yaml, sh, text) are prose.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isKasaneError } from '../../src/index.ts';
import { loadProject, render, type LoadedProject, type RenderResult } from '../../src/entries/pipeline.ts';
import { entryPoints } from '../helpers/entry-points.ts';
import { emitDocuments } from '../../src/render/emit.ts';
import { formatFindings } from '../../src/cli/format.ts';
import { runCli, type CliResult } from '../helpers/project.ts';
import { isTypeScript, outputsOf, projectOf, publicNames, readPages, where, type DocBlock } from './doc-blocks.ts';
import { typeCheck, writeWorkspace, type DocProject, type DocWorkspace, type SampleDiagnostic } from './doc-workspace.ts';

const repo = path.resolve(import.meta.dirname, '..', '..');
const pages = readPages(path.join(repo, 'docs'));
const entries = entryPoints().map((e) => ({ ...e, ...publicNames(readFileSync(e.file, 'utf8')) }));
const tsBlocks = pages.flatMap((p) => p.blocks.filter(isTypeScript));

let ws: DocWorkspace;
let diagnostics: SampleDiagnostic[] = [];
const loaded = new Map<DocProject, Promise<{ project: LoadedProject; results: RenderResult[] }>>();
const lastRun = new Map<DocBlock, CliResult>();

function projectFor(page: string, name: string): DocProject {
  const found = ws.projects.find((p) => p.page === page && p.name === name);
  if (!found) throw new Error(`docs/${page} has no project '${name}' (no ts file= block with that project)`);
  return found;
}

function renderProject(p: DocProject) {
  let done = loaded.get(p);
  if (!done) {
    done = loadProject(p.dir).then((project) => ({
      project,
      results: project.environments.filter((e) => !e.abstract).map((e) => render(project, e.name)),
    }));
    loaded.set(p, done);
  }
  return done;
}

function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

beforeAll(() => {
  ws = writeWorkspace(pages, entries);
  const checked = typeCheck(ws, repo);
  diagnostics = checked.diagnostics;
  if (checked.unmapped.length) console.warn(`tsc reported errors outside the samples:\n${checked.unmapped.join('\n')}`);
});

afterAll(() => {
  if (ws) rmSync(ws.root, { recursive: true, force: true });
});

describe('documentation samples', () => {
  test('finds samples in the documentation', () => {
    expect(pages.length).toBeGreaterThan(0);
    expect(tsBlocks.length).toBeGreaterThan(0);
  });

  test('tags every TypeScript block with file= or snippet', () => {
    const untagged = tsBlocks.filter((b) => !b.attrs.has('file') && !b.flags.has('snippet')).map(where);
    expect(untagged).toEqual([]);
  });

  test.each(tsBlocks.map((b) => [where(b), b] as const))('type-checks the TypeScript block at %s', (_at, block) => {
    const own = diagnostics.filter((d) => d.block === block).map((d) => `${d.at}: ${d.message}`);
    expect(own).toEqual([]);
  });

  test('renders every project of every page', async () => {
    const problems: string[] = [];
    for (const p of ws.projects.filter((x) => [...x.files.values()].some(isTypeScript))) {
      let results: RenderResult[];
      try {
        results = (await renderProject(p)).results;
      } catch (error) {
        problems.push(`docs/${p.page} project '${p.name}' does not load: ${isKasaneError(error) ? formatFindings(error.findings, p.dir) : String(error)}`);
        continue;
      }
      const findings = results.flatMap((r) => r.findings);
      const failed = findings.some((f) => f.severity === 'error');
      if (failed !== p.fails) {
        problems.push(`docs/${p.page} project '${p.name}': expected ${p.fails ? 'errors' : 'no errors'}, found:\n${formatFindings(findings, p.dir) || '(no findings)'}`);
      }
    }
    expect(problems).toEqual([]);
  });

  const snippets = pages.flatMap((p) => p.blocks.filter((b) => isTypeScript(b) && b.flags.has('snippet')));
  test.each(snippets.map((b) => [where(b), b] as const))('runs the snippet at %s', async (_at, block) => {
    const snippet = ws.snippets.find((s) => s.block === block)!;
    const code = block.attrs.get('throws');
    const running = import(snippet.runFile);
    if (code === undefined) {
      await running;
      return;
    }
    const error = await running.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isKasaneError(error), `expected a KasaneError with code ${code}`).toBe(true);
    expect((error as { code: string }).code).toBe(code);
  });

  const runs = pages.flatMap((p) => p.blocks.filter((b) => b.lang === 'sh' && b.flags.has('run')));
  test.each(runs.map((b) => [where(b), b] as const))('runs the commands at %s', async (_at, block) => {
    const p = projectFor(block.page, projectOf(block));
    for (const raw of block.body.split('\n').filter((l) => l.trim() !== '')) {
      const m = /^\s*(?:\$\s+)?(?:npx\s+)?kasane\s+(.*?)\s*(?:#\s*exit\s+(\d+))?\s*$/.exec(raw);
      if (!m) throw new Error(`${where(block)}: '${raw}' is not a kasane command`);
      const result = await runCli(shellWords(m[1]!), p.dir);
      expect(result.code, `${raw}\n${result.stderr}`).toBe(Number(m[2] ?? 0));
      lastRun.set(block, result);
    }
  });

  const outputs = pages.flatMap((p) => outputsOf(p.blocks));
  test.each(outputs.map((o) => [where(o.output), o] as const))('shows the actual output at %s', async (_at, { output, sample }) => {
    const file = output.attrs.get('file');
    const env = output.attrs.get('env');
    if (output.lang === 'text') {
      const result = lastRun.get(sample);
      expect(result, `${where(output)}: run the sh block above first`).toBeDefined();
      expect(output.flags.has('stderr') ? result!.stderr : result!.stdout).toBe(output.body);
    } else if (file !== undefined || env !== undefined) {
      const p = projectFor(output.page, output.attrs.get('project') ?? projectOf(sample));
      if (env !== undefined) {
        const result = await runCli(['render', env, '--stdout'], p.dir);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).toBe(output.body);
        return;
      }
      const { project, results } = await renderProject(p);
      const [out, envName, ...rest] = file!.split('/');
      expect(out, `${where(output)}: file= starts with the output folder`).toBe(project.config.out);
      const rendered = results.find((r) => r.env === envName)?.output?.files.get(rest.join('/'));
      expect(rendered, `${where(output)}: ${file} is not rendered`).toBeDefined();
      expect(rendered).toBe(output.body);
    } else {
      const snippet = ws.snippets.find((s) => s.block === sample);
      expect(snippet, `${where(output)}: a plain output block must follow a snippet`).toBeDefined();
      const mod = (await import(snippet!.runFile)) as Record<string, unknown>;
      const exported = [...sample.body.matchAll(/^export const (\w+)/gm)].map((m) => mod[m[1]!]);
      expect(emitDocuments(exported)).toBe(output.body);
    }
  });
});
