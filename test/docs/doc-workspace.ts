/**
 * Writes the samples of the documentation into one temporary folder: each page's projects
 * (from `ts file=` blocks) and each snippet as its own module, plus a tsconfig that resolves
 * `kasane` to this checkout's sources. One `tsc` run then type-checks all of them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { typeModules } from '../helpers/entry-points.ts';
import { isTypeScript, projectOf, where, type DocBlock } from './doc-blocks.ts';

/** A project of one page: its `file=` blocks (TypeScript or any other file) written under `dir`. */
export interface DocProject {
  page: string;
  name: string;
  dir: string;
  /** Relative path → the block that wrote it. */
  files: Map<string, DocBlock>;
  /** True when a block of the project carries the `fails` flag: rendering must report errors. */
  fails: boolean;
}

/** A snippet written as a module: `checkFile` for tsc (imports `kasane`), `runFile` for the test run. */
export interface DocSnippet {
  block: DocBlock;
  checkFile: string;
  runFile: string;
  /** Lines added above the snippet's own first line. */
  headerLines: number;
}

/** Everything written for one test run. */
export interface DocWorkspace {
  root: string;
  /** The entry points the samples import from. */
  entries: EntryNames;
  projects: DocProject[];
  snippets: DocSnippet[];
}

const stem = (page: string) => page.replace(/\.md$/, '');

/** The names each entry point exports, split into values and types. */
export type EntryNames = readonly { specifier: string; file: string; values: string[]; types: string[] }[];

/**
 * The import lines put above a snippet that has no imports of its own: every name of every
 * entry point, each from its own (`from` gives what a specifier resolves to).
 */
export function snippetHeader(entries: EntryNames, from: (entry: EntryNames[number]) => string): string {
  const lines = [`import * as k from '${from(entries[0]!)}';`];
  for (const entry of entries) {
    lines.push(`import { ${entry.values.join(', ')} } from '${from(entry)}';`, `import type { ${entry.types.join(', ')} } from '${from(entry)}';`);
  }
  return [...lines, `void k;`, ''].join('\n');
}

/** A snippet's code with each entry point's specifier replaced by its source file, to run it. */
function runnable(body: string, entries: EntryNames): string {
  return entries.reduce((text, entry) => text.replaceAll(`from '${entry.specifier}'`, `from '${entry.file}'`), body);
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/**
 * Writes every TypeScript sample of `pages` under a new temp folder.
 * @throws when a project names one file twice.
 */
export function writeWorkspace(pages: readonly { page: string; blocks: DocBlock[] }[], entries: EntryNames): DocWorkspace {
  const root = mkdtempSync(path.join(tmpdir(), 'kasane-docs-'));
  const projects = new Map<string, DocProject>();
  const snippets: DocSnippet[] = [];
  for (const { page, blocks } of pages) {
    for (const block of blocks) {
      const file = block.flags.has('output') ? undefined : block.attrs.get('file');
      if (file !== undefined) {
        const key = `${page}\u0000${projectOf(block)}`;
        let project = projects.get(key);
        if (!project) {
          project = { page, name: projectOf(block), dir: path.join(root, stem(page), projectOf(block)), files: new Map(), fails: false };
          projects.set(key, project);
        }
        if (project.files.has(file)) throw new Error(`${where(block)}: project '${project.name}' of ${page} already has ${file}; give one of them another project=`);
        project.files.set(file, block);
        project.fails ||= block.flags.has('fails');
        write(path.join(project.dir, file), block.body);
      } else if (isTypeScript(block) && block.flags.has('snippet')) {
        const ownImports = /^import\s/m.test(block.body);
        const check = ownImports ? '' : snippetHeader(entries, (e) => e.specifier);
        const run = ownImports ? '' : snippetHeader(entries, (e) => e.file);
        const base = path.join(root, stem(page), 'snippets', `line-${block.line}`);
        const snippet: DocSnippet = { block, checkFile: `${base}.ts`, runFile: `${base}.run.ts`, headerLines: check.split('\n').length - 1 };
        write(snippet.checkFile, check + block.body);
        write(snippet.runFile, run + runnable(block.body, entries));
        snippets.push(snippet);
      }
      // Any other TypeScript block is reported by the test that checks every block is tagged.
    }
  }
  return { root, entries, projects: [...projects.values()], snippets };
}

/** The tsconfig the samples are checked with: what a user project would use, `kasane` → this checkout. */
export function workspaceTsconfig(ws: DocWorkspace, repo: string): object {
  const files = [...ws.projects.flatMap((p) => [...p.files].filter(([, block]) => isTypeScript(block)).map(([f]) => path.join(p.dir, f))), ...ws.snippets.map((s) => s.checkFile)];
  return {
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2022'],
      module: 'preserve',
      moduleResolution: 'bundler',
      allowImportingTsExtensions: true,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [path.join(repo, 'node_modules', '@types')],
      paths: Object.fromEntries([...ws.entries, typeModules()].map((e) => [e.specifier, [e.file]])),
    },
    files,
  };
}

/** One tsc error, located in the documentation. */
export interface SampleDiagnostic {
  block: DocBlock;
  /** `docs/page.md:line`. */
  at: string;
  message: string;
}

/** Runs the repository's tsc over the workspace and maps every error back to its block and line. */
export function typeCheck(ws: DocWorkspace, repo: string): { diagnostics: SampleDiagnostic[]; unmapped: string[] } {
  const config = path.join(ws.root, 'tsconfig.json');
  writeFileSync(config, JSON.stringify(workspaceTsconfig(ws, repo), null, 2));
  const tsc = spawnSync(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--pretty', 'false', '-p', config], { encoding: 'utf8', cwd: ws.root });
  const byFile = new Map<string, { block: DocBlock; offset: number }>();
  for (const p of ws.projects) for (const [f, block] of p.files) byFile.set(path.join(p.dir, f), { block, offset: 0 });
  for (const s of ws.snippets) byFile.set(s.checkFile, { block: s.block, offset: s.headerLines });
  const diagnostics: SampleDiagnostic[] = [];
  const unmapped: string[] = [];
  for (const line of `${tsc.stdout}${tsc.stderr}`.split('\n')) {
    const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+: .*)$/.exec(line);
    if (!m) {
      if (line.trim() && !line.startsWith(' ')) unmapped.push(line);
      continue;
    }
    const hit = byFile.get(path.resolve(ws.root, m[1]!));
    if (!hit) {
      unmapped.push(line);
      continue;
    }
    const docLine = hit.block.line + Number(m[2]) - 1 - hit.offset;
    diagnostics.push({ block: hit.block, at: `docs/${hit.block.page}:${docLine}`, message: m[4]! });
  }
  return { diagnostics, unmapped };
}
