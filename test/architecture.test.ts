/**
 * Dependency direction and side effects, checked from each source file's imports (static,
 * `export … from`, type-only, `import()` calls and `import('…')` types, read with the
 * TypeScript parser so that import lines inside template strings are text, not imports):
 * every folder imports only the folders below it in the table, the folders form no cycle, and
 * only the modules meant to touch the file system or the process do. The table is
 * scripts/layers.mjs, which eslint.config.mjs reads too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { LAYERS, SIDE_EFFECT_FILES } from '../scripts/layers.mjs';

const src = path.resolve(import.meta.dirname, '../src');

/** Each area of src/ and the areas it may import besides its own (scripts/layers.mjs). */
const allowed = LAYERS;

const escapeRegExp = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** A glob of `SIDE_EFFECT_FILES` as a regular expression: `**` spans folders, `*` stays within a name. */
function globRegExp(glob: string): RegExp {
  const pattern = glob
    .split('**')
    .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${pattern}$`);
}

const fsAllowed = SIDE_EFFECT_FILES.map(globRegExp);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const abs = path.join(dir, name);
    return statSync(abs).isDirectory() ? files(abs) : name.endsWith('.ts') ? [abs] : [];
  });
}

/** The area of a source file: its top folder under src/, or its own name at the top. */
function areaOf(abs: string): string {
  const rel = path.relative(src, abs);
  return rel.includes(path.sep) ? rel.split(path.sep)[0]! : rel.replace(/\.ts$/, '');
}

/** An import of a file: what it names (undefined for `import(expression)`), and how. */
interface ImportRef {
  spec: string | undefined;
  dynamic: boolean;
}

/** Every import of a source text, found by walking its syntax tree. */
function importsOf(file: string, text: string): ImportRef[] {
  const out: ImportRef[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      out.push({ spec: node.moduleSpecifier.text, dynamic: false });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      out.push({ spec: arg && ts.isStringLiteralLike(arg) ? arg.text : undefined, dynamic: true });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      out.push({ spec: node.argument.literal.text, dynamic: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  return out;
}

const sources = files(src).map((file) => {
  const text = readFileSync(file, 'utf8');
  return { file, rel: path.relative(src, file).split(path.sep).join('/'), area: areaOf(file), text, imports: importsOf(file, text) };
});

/** Edges between areas that the sources really have: area → the other areas it imports. */
function areaGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const { file, area, imports } of sources) {
    for (const { spec } of imports) {
      if (!spec?.startsWith('.')) continue;
      const target = areaOf(path.resolve(path.dirname(file), spec));
      if (target !== area) graph.set(area, (graph.get(area) ?? new Set()).add(target));
    }
  }
  return graph;
}

/** A cycle of `graph` as `a → b → a`, or undefined when it has none. */
function findCycle(graph: ReadonlyMap<string, Iterable<string>>): string | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node].join(' → ');
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('architecture', () => {
  test('every area is in the table', () => {
    expect([...new Set(sources.map((s) => s.area))].filter((a) => !allowed[a])).toEqual([]);
  });

  test('the table has no cycle and names only areas it lists', () => {
    expect(findCycle(new Map(Object.entries(allowed)))).toBeUndefined();
    expect(
      Object.values(allowed)
        .flat()
        .filter((a) => !allowed[a]),
    ).toEqual([]);
  });

  test('imports point down only, type-only and dynamic ones too', () => {
    const bad: string[] = [];
    for (const { file, rel, area, imports } of sources) {
      for (const { spec } of imports) {
        if (!spec?.startsWith('.')) continue;
        const target = areaOf(path.resolve(path.dirname(file), spec));
        if (target !== area && !allowed[area]!.includes(target)) bad.push(`${rel} imports ${spec} (${area} → ${target})`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('the folders import each other in no cycle', () => {
    expect(findCycle(areaGraph())).toBeUndefined();
  });

  test('finds dynamic imports and ignores import lines inside strings', () => {
    const found = importsOf('x.ts', "const m = await import('./a.ts');\nconst t = `import b from '../b.ts';`;\ntype T = import('./c.ts').C;\nexport { d } from './d.ts';\n");
    expect(found).toEqual([
      { spec: './a.ts', dynamic: true },
      { spec: './c.ts', dynamic: false },
      { spec: './d.ts', dynamic: false },
    ]);
  });

  test('only the loader imports a module it names at run time', () => {
    expect(sources.filter((s) => s.imports.some((i) => i.spec === undefined) && s.area !== 'load').map((s) => s.rel)).toEqual([]);
  });

  test('only the loader, importers, writer and CLI touch the file system or the process', () => {
    const bad = sources
      .filter(({ rel }) => !fsAllowed.some((re) => re.test(rel)))
      .filter(({ imports, text }) => imports.some((i) => /^node:(fs|child_process)/.test(i.spec ?? '')) || /process\.(env|cwd|argv|exit|stdout|stderr)\b/.test(text))
      .map(({ rel }) => rel);
    expect(bad).toEqual([]);
  });

  test('the entry points list every export by name', () => {
    const entries = sources.filter((s) => s.area === 'index' || s.area === 'entries');
    expect(entries.map((s) => s.rel).sort()).toEqual(['entries/api.ts', 'entries/codegen.ts', 'entries/pipeline.ts', 'index.ts']);
    expect(entries.filter((s) => /export \* from/.test(s.text)).map((s) => s.rel)).toEqual([]);
  });
});
