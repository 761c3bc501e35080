import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadProject } from '../../src/load/load-project.ts';
import { writeProject } from '../helpers/project.ts';

const N = 150;
const pad = (i: number): string => String(i).padStart(3, '0');

/**
 * A project whose declarations all run in the bundle's top-level code: N components in one
 * file (component i on line i + 2), and an environment that uses each (line i + 4) with a patch
 * (line N + i + 4) and a generator (line 2N + i + 4), some of which read a file.
 */
function manyDeclarations(): string {
  const components = [`import { configMap, defineComponent, z } from 'kasane';`, ''];
  for (let i = 0; i < N; i++) {
    components.push(`export const c${pad(i)} = defineComponent({ name: 'c${pad(i)}', values: z.object({}), build: () => [configMap({ name: 'c${pad(i)}', data: { a: '1' } })] });`);
  }
  const env = [
    `import { configMapGenerator, defineEnvironment, strategicMerge } from 'kasane';`,
    `import * as c from '../components/all.ts';`,
    `export default defineEnvironment({ name: 'dev', namespace: 'dev',`,
    `components: [`,
  ];
  for (let i = 0; i < N; i++) env.push(`  c.c${pad(i)}.with({}),`);
  env.push('], patches: [');
  for (let i = 0; i < N; i++) env.push(`  strategicMerge({ kind: 'ConfigMap', name: 'c${pad(i)}' }, { data: { b: '${i}' } }),`);
  env.push('], generators: [');
  for (let i = 0; i < N; i++) env.push(`  configMapGenerator({ name: 'g${pad(i)}', ${i % 10 === 0 ? "files: ['input.txt']" : "literals: { k: 'v' }"} }),`);
  env.push(']});', '');
  const dir = writeProject({ 'kasane.config.ts': "import { defineConfig } from 'kasane';\nexport default defineConfig({});\n" });
  // Written as they are: writeProject would strip the common indentation of the lines.
  mkdirSync(path.join(dir, 'components'));
  mkdirSync(path.join(dir, 'environments'));
  writeFileSync(path.join(dir, 'environments', 'input.txt'), 'x\n');
  writeFileSync(path.join(dir, 'components', 'all.ts'), components.join('\n'));
  writeFileSync(path.join(dir, 'environments', 'dev.ts'), env.join('\n'));
  return dir;
}

/** Every `source` under `value`, with the path that leads to it, read field by field. */
function sourcesOf(value: unknown, at = '', out: [string, string][] = [], seen = new Set<unknown>()): [string, string][] {
  if (typeof value !== 'object' || value === null || seen.has(value)) return out;
  seen.add(value);
  for (const [key, child] of Object.entries(value)) {
    if (key === 'source' && typeof child === 'object' && child !== null && 'file' in child) out.push([`${at}.source`, JSON.stringify({ ...child })]);
    else sourcesOf(child, `${at}.${key}`, out, seen);
  }
  return out;
}

type Project = Awaited<ReturnType<typeof loadProject>>;
type Located = { source?: object };

/** Where each declaration of environment `dev` was written, as found, in a fixed order. */
function locationsOf(env: Project['environments'][number]): object[] {
  const uses = env.components as unknown as (Located & { component: Located })[];
  return [...uses.map((u) => u.component), ...uses, ...((env.patches ?? []) as readonly Located[]), ...((env.generators ?? []) as readonly Located[])].map((d) => ({ ...d.source }));
}

/** The same, counted by hand from how {@link manyDeclarations} writes the files (columns: the called name). */
function expectedLocations(dir: string): object[] {
  const [components, env] = [path.join(dir, 'components', 'all.ts'), path.join(dir, 'environments', 'dev.ts')];
  const each = (f: (i: number) => object): object[] => Array.from({ length: N }, (_, i) => f(i));
  return [
    ...each((i) => ({ file: components, line: i + 3, column: 21 })),
    ...each((i) => ({ file: env, line: i + 5, column: 10 })),
    ...each((i) => ({ file: env, line: N + i + 6, column: 3 })),
    ...each((i) => ({ file: env, line: 2 * N + i + 7, column: 3 })),
  ];
}

/** How many declarations of environment `dev` have a location not looked up yet. */
function deferredCount(env: Project['environments'][number]): number {
  const declared = [...(env.components ?? []), ...(env.patches ?? []), ...(env.generators ?? [])] as Located[];
  return declared.filter((d) => d.source && Object.getOwnPropertyDescriptor(d.source, 'line')?.get).length;
}

/** Loads the project with call sites read from V8's structured frames (no stack formatter). */
async function loadStructured(dir: string): Promise<Project> {
  const formatter = Error.prepareStackTrace;
  delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
  try {
    return await loadProject(dir);
  } finally {
    Error.prepareStackTrace = formatter;
  }
}

const pipeline = path.resolve(import.meta.dirname, '../../dist/pipeline.js');

/** What {@link locationsOf} and {@link deferredCount} give for the project loaded by the built library in a plain Node process. */
function loadInNode(dir: string, cacheDir: string | undefined): { deferred: number; locations: object[] } {
  const script = [
    `const { loadProject } = await import(${JSON.stringify(pathToFileURL(pipeline).href)});`,
    `const project = await loadProject(${JSON.stringify(dir)}, ${JSON.stringify(cacheDir ? { cacheDir } : {})});`,
    `const env = project.environments.find((e) => e.name === 'dev');`,
    `const located = (d) => d.source && Object.getOwnPropertyDescriptor(d.source, 'line')?.get;`,
    `const deferred = [...env.components, ...env.patches, ...env.generators].filter(located).length;`,
    `const locations = [...env.components.map((u) => u.component), ...env.components, ...env.patches, ...env.generators].map((d) => ({ ...d.source }));`,
    `process.stdout.write(JSON.stringify({ deferred, locations }));`,
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { deferred: number; locations: object[] };
}

// Generators that read no file leave their location unread while loading; everything else too.
const mostDeferred = 3 * N - N / 10;

describe('callSite in a compiled project', () => {
  test('names the same file:line:column as the formatted stack, and the one written', async () => {
    const dir = manyDeclarations();
    const structured = await loadStructured(dir);
    const env = structured.environments.find((e) => e.name === 'dev')!;
    expect(deferredCount(env)).toBeGreaterThanOrEqual(mostDeferred);
    const sources = sourcesOf(structured.environments);
    // The test runner formats stacks, so this load takes the text path: the oracle. It compiles
    // into a folder of its own: a bundle imported again is the same module, whose declarations
    // would be the very objects the first load returned. (Both folders are in node_modules, which
    // the test runner leaves to Node; it rewrites a module elsewhere, moving its lines.)
    const oracle = await loadProject(dir, { cacheDir: path.join(dir, 'node_modules', '.cache', 'oracle') });
    expect(sources.length).toBeGreaterThan(4 * N);
    expect(sources).toEqual(sourcesOf(oracle.environments));
    expect(locationsOf(env)).toEqual(expectedLocations(dir));
  });

  test.each([
    ['inside node_modules', false],
    ['outside node_modules', true],
  ])('names the line and column written when run by Node, with the cache %s', (_, outside) => {
    const dir = manyDeclarations();
    const { deferred, locations } = loadInNode(dir, outside ? `${dir}-cache` : undefined);
    expect(deferred).toBeGreaterThanOrEqual(mostDeferred);
    expect(locations).toEqual(expectedLocations(dir));
  });
});
