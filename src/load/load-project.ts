/**
 * Finds and loads a kasane project: the optional `kasane.config.ts` and every environment file,
 * compiled in process, plus the files that generators and components read.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { KasaneError, type Finding } from '../errors.ts';
import { userFrame, userStack } from '../util/stack-frames.ts';
import { resolveConfig, type ResolvedConfig } from '../project/config.ts';
import { generatorInputFiles, readsFiles } from '../project/generator.ts';
import { declaredGenerators } from '../project/component-plan.ts';
import type { Environment } from '../project/environment.ts';
import { bundleProject, type BundleCompiler, type ModuleGraph } from './bundle.ts';
import { collectEnvironments } from './environment-modules.ts';
import { withPackageIdentities } from './package-identities.ts';
import { readComponentFiles } from './read-component-files.ts';

/** A loaded project: everything the pure stages need, no file system access after this. */
export interface LoadedProject {
  root: string;
  config: ResolvedConfig;
  /** Every environment, abstract ones included, by file name order. */
  environments: Environment[];
  /** Environment name → its file, relative to root. */
  environmentFiles: ReadonlyMap<string, string>;
  /** Environment name → the fleet (`defineFleet`) that generated it; environments of their own are absent. */
  environmentFleets: ReadonlyMap<string, string>;
  /**
   * Contents of the files that generators and components read, by absolute path (which files a
   * component reads: `componentInputFiles` of project/component-files.ts).
   */
  files: ReadonlyMap<string, Uint8Array>;
  /** True when the compiled bundle came from the cache. */
  cached: boolean;
  /**
   * The project's modules (the config, the environments and everything they import): each
   * one's content hash and imports, packages named by what is installed. A render cache keys
   * each component and environment on its part of it.
   */
  modules: ModuleGraph;
  /** The configuration file, relative to `root`, when there is one. */
  configFile?: string;
  /**
   * The environment files found by listing `config.environmentsDir` (absolute, in load order):
   * an input of the load as much as their content, since adding or removing one changes the project.
   */
  environmentEntries: readonly string[];
  /** The project's cache folder (compiled bundles, rendered environments): safe to delete. */
  cacheDir: string;
}

/** Options of {@link loadProject}. */
export interface LoadOptions {
  /** File path or URL that the user's `import 'kasane'` resolves to. @default this library */
  libraryEntry?: string;
  /** Compile cache folder. @default `<root>/node_modules/.cache/kasane` */
  cacheDir?: string;
}

/** {@link LoadOptions} and what only kasane's own commands choose. */
export interface ProjectLoadOptions extends LoadOptions {
  /**
   * What compiles the project's bundles: the watch's render workers have the watching thread
   * compile them. @default esbuild in this thread
   */
  compile?: BundleCompiler;
}

const sourceExtensions = ['.ts', '.mts', '.js', '.mjs'];
const configNames = ['kasane.config.ts', 'kasane.config.mts', 'kasane.config.js', 'kasane.config.mjs'];

function fail(finding: Omit<Finding, 'severity'>): never {
  throw new KasaneError({ severity: 'error', ...finding });
}

/**
 * The library's own entry module, which the user's `import 'kasane'` resolves to. From the
 * built package that is `dist/index.js` next to this chunk. When kasane itself runs from its
 * TypeScript sources (its own tests), Node cannot import `.ts` files, so the user's code gets
 * the built `dist/index.js` of the same checkout (`npm run build` makes it).
 */
export function defaultLibraryEntry(): string {
  return builtEntry('index.js');
}

/**
 * The URL of `name`, an entry point of kasane's build (dist/), as {@link defaultLibraryEntry}
 * finds `index.js`: beside the running chunk when built, else in the checkout's dist/.
 * @throws KasaneError `load/library-not-built` when kasane runs from its sources and the build is missing
 */
export function builtEntry(name: string): string {
  const here = new URL(import.meta.url);
  if (!here.pathname.endsWith('.ts')) {
    // Built: this code sits in dist/ or in a shared chunk under dist/chunks/.
    const entry = [new URL(`./${name}`, here), new URL(`../${name}`, here)].find((u) => existsSync(u));
    return (entry ?? new URL(`./${name}`, here)).href;
  }
  const built = new URL(`../../dist/${name}`, here);
  if (existsSync(built)) return built.href;
  throw new KasaneError({
    severity: 'error',
    code: 'load/library-not-built',
    message: `kasane runs from its sources and '${built.pathname}' does not exist`,
    hint: 'run `npm run build` in the kasane checkout',
  });
}

/**
 * The environment files of the folder `dir` (relative to `root`), absolute, in load order: its
 * source files and the `index` file of each sub-folder, but hidden ones, `_` ones and `.d.ts`.
 * @throws KasaneError `load/no-environments` when the folder cannot be listed
 */
export async function listEnvironmentFiles(root: string, dir: string): Promise<string[]> {
  const abs = path.resolve(root, dir);
  let entries;
  try {
    entries = await readdir(abs, { withFileTypes: true });
  } catch {
    fail({
      code: 'load/no-environments',
      message: `no environments folder at '${dir}'`,
      hint: `create ${dir}/<name>.ts exporting defineEnvironment({...}), or set environmentsDir in kasane.config.ts`,
      source: { file: abs },
    });
  }
  const files: string[] = [];
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('_') || entry.name.startsWith('.') || entry.name.endsWith('.d.ts')) continue;
    if (entry.isFile() && sourceExtensions.includes(path.extname(entry.name))) files.push(path.join(abs, entry.name));
    else if (entry.isDirectory()) {
      const index = sourceExtensions.map((e) => path.join(abs, entry.name, `index${e}`)).find((f) => existsSync(f));
      if (index) files.push(index);
    }
  }
  return files;
}

const notAProjectHint = 'run `kasane init` to create a project, or pass -C <dir> to name the project folder';

/**
 * True when `dir` holds a kasane project: a `kasane.config.ts` (or .mts, .js, .mjs), or, for a
 * project without one, the default `environments/` folder.
 */
export async function isProjectFolder(dir: string): Promise<boolean> {
  if (configNames.some((n) => existsSync(path.join(dir, n)))) return true;
  return (await stat(path.join(dir, 'environments')).catch(() => undefined))?.isDirectory() ?? false;
}

/** The nearest folder from `start` up to the file system's root that {@link isProjectFolder}, if any. */
export async function findProjectRoot(start: string): Promise<string | undefined> {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (await isProjectFolder(dir)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The project folder a command works on: `given` (resolved against `cwd`) when the user named
 * one, else the nearest project folder from `cwd` up, as git finds its repository.
 * @throws KasaneError `load/no-project` when `given` is not a folder; `load/not-a-project` when
 *   it is not a project, or when no folder from `cwd` up is one.
 */
export async function locateProject(cwd: string, given?: string): Promise<string> {
  if (given === undefined) {
    const found = await findProjectRoot(cwd);
    if (found) return found;
    fail({ code: 'load/not-a-project', message: 'not a kasane project: no kasane.config.ts or environments/ folder here or in any folder above', hint: notAProjectHint });
  }
  const root = path.resolve(cwd, given);
  await requireProjectFolder(root, given);
  return root;
}

async function requireProjectFolder(absRoot: string, shown: string): Promise<void> {
  const rootStat = await stat(absRoot).catch(() => undefined);
  if (!rootStat?.isDirectory()) fail({ code: 'load/no-project', message: `no project folder at '${shown}'`, hint: 'pass -C <dir> with the folder of a kasane project' });
  if (!(await isProjectFolder(absRoot))) {
    fail({ code: 'load/not-a-project', message: `not a kasane project: '${shown}' has no kasane.config.ts and no environments/ folder`, hint: notAProjectHint });
  }
}

/** The project's cache folder unless told otherwise (compiled bundles, rendered environments, chart documents): safe to delete. */
export function projectCacheDir(root: string): string {
  return path.join(path.resolve(root), 'node_modules', '.cache', 'kasane');
}

/**
 * Loads the project at `root`.
 * @throws KasaneError `load/no-project`, `load/not-a-project`, `load/compile-error`,
 *   `load/import-failed`, `load/not-an-environment`, `load/environment-name-mismatch`,
 *   `load/duplicate-environment`, `load/generator-file-missing`, `load/component-file-missing`,
 *   `load/component-file-outside`, `config/*`.
 */
export async function loadProject(root: string, options: ProjectLoadOptions = {}): Promise<LoadedProject> {
  const absRoot = path.resolve(root);
  await requireProjectFolder(absRoot, root);
  const bundling = bundlingOf(absRoot, options);
  const { cacheDir } = bundling;
  // The config decides where environments live, so it is compiled first.
  const { config, configFile } = await loadConfigAt(absRoot, bundling);
  const entries: string[] = configFile ? [configFile] : [];
  const envFiles = await listEnvironmentFiles(absRoot, config.environmentsDir);
  const modules = await importBundle(absRoot, [...entries, ...envFiles], bundling);
  const envModules = modules.modules.slice(entries.length);

  const { environments, environmentFiles, environmentFleets } = collectEnvironments(absRoot, envFiles, envModules);
  const files = await readGeneratorFiles(environments);
  await readComponentFiles(environments, files);
  return {
    root: absRoot,
    config,
    environments,
    environmentFiles,
    environmentFleets,
    files,
    cached: modules.cached,
    modules: await withPackageIdentities(modules.graph),
    ...(configFile ? { configFile: path.relative(absRoot, configFile) } : {}),
    environmentEntries: envFiles,
    cacheDir,
  };
}

/** The configuration file of the project folder `absRoot` (absolute), if it has one. */
export function findConfigFile(absRoot: string): string | undefined {
  return configNames.map((n) => path.join(absRoot, n)).find((f) => existsSync(f));
}

async function loadConfigAt(absRoot: string, bundling: Bundling): Promise<{ config: ResolvedConfig; configFile?: string }> {
  const configFile = findConfigFile(absRoot);
  if (!configFile) return { config: resolveConfig(undefined, undefined).config };
  const modules = await importBundle(absRoot, [configFile], bundling);
  const resolved = resolveConfig((modules.modules[0] as { default?: unknown }).default, path.relative(absRoot, configFile));
  if (resolved.findings.length) throw new KasaneError(resolved.findings);
  return { config: resolved.config, configFile };
}

/**
 * Loads only `kasane.config.ts` of the folder `root` (defaults when there is none), e.g. for
 * `kasane validate -f`, which checks plain YAML with the project's policies.
 * @throws KasaneError `load/compile-error`, `load/import-failed`, `config/*`.
 */
export async function loadConfig(root: string, options: LoadOptions = {}): Promise<ResolvedConfig> {
  const absRoot = path.resolve(root);
  return (await loadConfigAt(absRoot, bundlingOf(absRoot, options))).config;
}

/** How a load bundles the project: {@link LoadOptions} with their defaults filled in. */
interface Bundling {
  libraryEntry: string;
  cacheDir: string;
  compile?: BundleCompiler;
}

function bundlingOf(absRoot: string, options: ProjectLoadOptions): Bundling {
  return { libraryEntry: options.libraryEntry ?? defaultLibraryEntry(), cacheDir: options.cacheDir ?? projectCacheDir(absRoot), ...(options.compile ? { compile: options.compile } : {}) };
}

async function importBundle(root: string, entries: string[], bundling: Bundling): Promise<{ modules: unknown[]; cached: boolean; graph: ModuleGraph }> {
  if (entries.length === 0) return { modules: [], cached: true, graph: { root, inputs: {}, imports: {} } };
  const { file, cached, graph } = await bundleProject({ root, entries, libraryEntry: bundling.libraryEntry, cacheDir: bundling.cacheDir }, bundling.compile);
  try {
    const mod = (await import(pathToFileURL(file).href)) as { modules: unknown[] };
    return { modules: mod.modules, cached, graph };
  } catch (error) {
    if (error instanceof KasaneError || (error as Error)?.name === 'KasaneError') throw error;
    const at = userFrame(error);
    fail({
      code: 'load/import-failed',
      message: `loading the project failed: ${(error as Error)?.message ?? String(error)}`,
      hint: importFailedHint(error),
      cause: userStack(error),
      ...(at ? { source: { ...at, file: path.relative(root, at.file) } } : {}),
    });
  }
}

/**
 * How to fix a failed import. Node refuses TypeScript from an installed package: kasane compiles
 * a package only when it lives in the user's repository (see package-boundary.ts).
 */
function importFailedHint(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  // Node 20 does not know .ts; Node 22.18 and later strip types, but never under node_modules.
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION' || code === 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING') {
    return 'an installed package (in node_modules) ships TypeScript, which Node cannot import: publish it compiled to JavaScript, or use it as an npm workspace or file: package, which kasane compiles with the project';
  }
  return 'fix the error in the file named below (it runs when the module is imported)';
}

/** Reads every file a generator names, relative to the file that declared the generator. */
async function readGeneratorFiles(environments: readonly Environment[]): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const env of environments) {
    // A mixin's generator paths are relative to the mixin's file, as the overlay reads them.
    for (const { level, spec: gen } of declaredGenerators(env)) {
      // Only then is the level's location needed, and finding it is not free (see firstUserFrameOf in util/stack-frames.ts).
      if (!readsFiles(gen)) continue;
      const inputs = generatorInputFiles(gen, level.source?.file);
      for (const { path: p, abs } of [...inputs.files, ...inputs.envs]) {
        if (files.has(abs)) continue;
        try {
          files.set(abs, await readFile(abs));
        } catch {
          fail({
            code: 'load/generator-file-missing',
            message: `generator '${gen.name}' reads '${p}', which does not exist`,
            hint: `create ${abs} or fix the path (relative to the file that declares the generator)`,
            env: env.name,
            ...(gen.source ? { source: gen.source } : {}),
          });
        }
      }
    }
  }
  return files;
}
