/**
 * Writes a conformance case as a kasane project: `components/<name>.ts` returns the base
 * objects with `resource()`, and each Kustomize level becomes an environment that extends the
 * one below it, with the level's fields in kasane's API (generators, strategicMerge, jsonPatch,
 * namespace, prefix, labels, ...). Generator files sit next to the environment file.
 */
import { posix } from 'node:path';
import type { CaseGenerator, CaseLevel, CasePatch, ConformanceCase } from './cases.ts';
import { tsLiteral, tsString } from './ts-literal.ts';

/** How a case's component and environments are named and where their files go. */
export interface ProjectNames {
  /** The component's name; its file is `components/<component>.ts`. */
  component: string;
  /** The environment name of a level (`root`: the case's last level, the one rendered). */
  env(level: string, root: boolean): string;
  /** The environment's file, relative to the project root. */
  envFile(env: string): string;
}

/** A case alone in its project: component `base`, environments named after the Kustomize folders. */
export const standaloneNames: ProjectNames = {
  component: 'base',
  env: (level) => level,
  envFile: (env) => `environments/${env}.ts`,
};

/** A DNS label for a case name (lowercase; anything else becomes `-`). */
export function caseId(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A case among many in one project: everything named after the case, one folder per environment. */
export function batchNames(caseName: string): ProjectNames {
  const id = caseId(caseName);
  return {
    component: id,
    env: (level, root) => (root ? id : `${id}-${level}`),
    envFile: (env) => `environments/${env}/index.ts`,
  };
}

const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/^([0-9])/, '_$1');

function importPath(fromFile: string, toFile: string): string {
  const rel = posix.relative(posix.dirname(fromFile), toFile);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function componentSource(kase: ConformanceCase, names: ProjectNames): string {
  const objects = kase.objects.map((o) => `    resource(${tsLiteral(o, 4)}),`);
  return [
    `// The base objects of ${kase.suite}/${kase.name}.`,
    `import { defineComponent, resource, z } from 'kasane';`,
    '',
    'export default defineComponent({',
    `  name: ${tsString(names.component)},`,
    '  values: z.object({}),',
    objects.length ? `  build: () => [\n${objects.join('\n')}\n  ],` : '  build: () => [],',
    '});',
    '',
  ].join('\n');
}

function generatorCall(g: CaseGenerator): string {
  const { kind, ...props } = g;
  return `${kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator'}(${tsLiteral(props, 4)})`;
}

function patchCall(p: CasePatch): string {
  if (p.type === 'json6902') return `jsonPatch(${tsLiteral(p.target, 4)}, ${tsLiteral(p.ops, 4)})`;
  return `strategicMerge(${tsLiteral(p.target, 4)}, ${tsLiteral(p.body, 4)})`;
}

const overlayKeys = ['namespace', 'namePrefix', 'nameSuffix', 'labels', 'annotations', 'images', 'replicas'] as const;

function hasOverlay(level: CaseLevel): boolean {
  return overlayKeys.some((k) => level[k] !== undefined) || level.generators.length > 0 || level.patches.length > 0;
}

function envSource(kase: ConformanceCase, index: number, names: ProjectNames): string {
  const level = kase.levels[index]!;
  const root = index === kase.levels.length - 1;
  const name = names.env(level.name, root);
  const file = names.envFile(name);
  const api = new Set(['defineEnvironment']);
  const imports: string[] = [];
  const fields: string[] = [`  name: ${tsString(name)},`];
  if (index === 0) {
    const componentFile = `components/${names.component}.ts`;
    imports.push(`import ${camel(names.component)} from '${importPath(file, componentFile)}';`);
    if (!root) fields.push('  abstract: true,');
    fields.push(`  components: [${camel(names.component)}],`);
  } else {
    const parent = names.env(kase.levels[index - 1]!.name, false);
    imports.push(`import ${camel(parent)} from '${importPath(file, names.envFile(parent))}';`);
    fields.push(`  extends: ${camel(parent)},`);
  }
  for (const key of overlayKeys) {
    if (level[key] !== undefined) fields.push(`  ${key}: ${tsLiteral(level[key], 2)},`);
  }
  if (level.generators.length) {
    for (const g of level.generators) api.add(g.kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator');
    fields.push(`  generators: [\n${level.generators.map((g) => `    ${generatorCall(g)},`).join('\n')}\n  ],`);
  }
  if (level.patches.length) {
    for (const p of level.patches) api.add(p.type === 'json6902' ? 'jsonPatch' : 'strategicMerge');
    fields.push(`  patches: [\n${level.patches.map((p) => `    ${patchCall(p)},`).join('\n')}\n  ],`);
  }
  const id = `${kase.suite}/${kase.name}`;
  const header = root
    ? `// The overlay of ${id}, written with kasane's environment API.`
    : index === 0 && !hasOverlay(level)
      ? `// The base of ${id}: the component with the base objects, no overlay of its own.`
      : `// Level '${level.name}' of ${id}, written with kasane's environment API.`;
  return [header, `import { ${[...api].sort().join(', ')} } from 'kasane';`, ...imports, '', 'export default defineEnvironment({', ...fields, '});', ''].join('\n');
}

/** Path (relative to the project root) → content of every file of the case's kasane project. */
export function caseProjectFiles(kase: ConformanceCase, names: ProjectNames): Map<string, string | Uint8Array> {
  const files = new Map<string, string | Uint8Array>();
  const add = (path: string, content: string | Uint8Array) => {
    if (files.has(path)) throw new Error(`${kase.name}: two files at ${path}`);
    files.set(path, content);
  };
  add(`components/${names.component}.ts`, componentSource(kase, names));
  kase.levels.forEach((level, i) => {
    const envFile = names.envFile(names.env(level.name, i === kase.levels.length - 1));
    add(envFile, envSource(kase, i, names));
    for (const [rel, content] of level.files) add(posix.join(posix.dirname(envFile), rel), content);
  });
  return files;
}

/** The environment a case renders. */
export function rootEnvironment(kase: ConformanceCase, names: ProjectNames): string {
  return names.env(kase.levels[kase.levels.length - 1]!.name, true);
}
