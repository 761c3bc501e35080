/**
 * Writes the samples of the documentation into one temporary folder: each page's projects
 * (from `ts file=` blocks) and each snippet as its own module, plus a tsconfig that resolves
 * `kasane` to this checkout's sources. One `tsc` run then type-checks all of them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  projects: DocProject[];
  snippets: DocSnippet[];
}

const stem = (page: string) => page.replace(/\.md$/, '');

/** The import lines put above a snippet that has no imports of its own. */
export function snippetHeader(names: { values: string[]; types: string[] }, from: string): string {
  return [
    `import * as k from '${from}';`,
    `import { ${names.values.join(', ')} } from '${from}';`,
    `import type { ${names.types.join(', ')} } from '${from}';`,
    `void k;`,
    '',
  ].join('\n');
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/**
 * Writes every TypeScript sample of `pages` under a new temp folder.
 * @throws when a project names one file twice.
 */
export function writeWorkspace(pages: readonly { page: string; blocks: DocBlock[] }[], repo: string, names: { values: string[]; types: string[] }): DocWorkspace {
  const root = mkdtempSync(path.join(tmpdir(), 'kasane-docs-'));
  const projects = new Map<string, DocProject>();
  const snippets: DocSnippet[] = [];
  const library = path.join(repo, 'src', 'index.ts');
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
        const check = ownImports ? '' : snippetHeader(names, 'kasane');
        const run = ownImports ? '' : snippetHeader(names, library);
        const base = path.join(root, stem(page), 'snippets', `line-${block.line}`);
        const snippet: DocSnippet = { block, checkFile: `${base}.ts`, runFile: `${base}.run.ts`, headerLines: check.split('\n').length - 1 };
        write(snippet.checkFile, check + block.body);
        write(snippet.runFile, run + block.body.replaceAll(`from 'kasane'`, `from '${library}'`));
        snippets.push(snippet);
      }
      // Any other TypeScript block is reported by the test that checks every block is tagged.
    }
  }
  return { root, projects: [...projects.values()], snippets };
}

/** The tsconfig the samples are checked with: what a user project would use, `kasane` → this checkout. */
export function workspaceTsconfig(ws: DocWorkspace, repo: string): object {
  const files = [
    ...ws.projects.flatMap((p) => [...p.files].filter(([, block]) => isTypeScript(block)).map(([f]) => path.join(p.dir, f))),
    ...ws.snippets.map((s) => s.checkFile),
  ];
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
      paths: { kasane: [path.join(repo, 'src', 'index.ts')] },
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
