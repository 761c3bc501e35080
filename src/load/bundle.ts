/**
 * Compiles the user's TypeScript (config and environments, and everything they import) into one
 * ESM bundle with esbuild, in process: users never run tsc before rendering.
 *
 * The bundle is content-addressed: a manifest records the hash of every input file, and a later
 * load whose inputs hash the same imports the cached bundle without starting esbuild. Deleting
 * the cache folder is always safe.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KasaneError, type Finding } from '../errors.ts';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { registerSourceMap, type PositionMapper } from '../util/stack-frames.ts';
import { isInstalledPackage, packageBoundary } from './package-boundary.ts';

/** What to bundle. */
export interface BundleInput {
  root: string;
  /** Absolute paths of modules whose exports the bundle re-exports, in this order. */
  entries: readonly string[];
  /** Absolute path or file URL that `import 'kasane'` resolves to (the running library). */
  libraryEntry: string;
  cacheDir: string;
}

interface Manifest {
  key: string;
  inputs: Record<string, string>;
  /** What each input imports: other inputs by relative path, packages by their specifier. */
  graph: Record<string, string[]>;
  bundle: string;
}

/**
 * The user's modules that went into a bundle: each input's SHA-256 and what it imports (other
 * inputs by path relative to the project's real folder; packages and the library by their
 * specifier, prefixed `external:`). A render cache keys a component on its part of this graph.
 */
export interface ModuleGraph {
  /** The project's real folder, which the paths are relative to. */
  root: string;
  inputs: Readonly<Record<string, string>>;
  imports: Readonly<Record<string, readonly string[]>>;
}

/** The prefix of an import that is not an input of the bundle (a package, `node:`, kasane itself). */
export const EXTERNAL_IMPORT = 'external:';

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The content hash of each of `inputs` (relative to `root`) as a module graph records it, or undefined when one cannot be read. */
export async function hashInputs(root: string, inputs: readonly string[]): Promise<Record<string, string> | undefined> {
  const out: Record<string, string> = {};
  for (const rel of inputs) {
    try {
      out[rel] = sha256(await readFile(path.resolve(root, rel)));
    } catch {
      return undefined;
    }
  }
  return out;
}

/**
 * True when every file of `recorded` (relative to `root`) still has its recorded content hash;
 * stops at the first that differs or cannot be read, so an edit costs no more reading than needed.
 */
export async function filesUnchanged(root: string, recorded: Readonly<Record<string, string>>): Promise<boolean> {
  for (const [rel, hash] of Object.entries(recorded)) {
    try {
      if (sha256(await readFile(path.resolve(root, rel))) !== hash) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function entrySource(entries: readonly string[]): string {
  const lines = entries.map((file, i) => `import * as m${i} from ${JSON.stringify(file)};`);
  lines.push(`export const modules = [${entries.map((_, i) => `m${i}`).join(', ')}];`);
  return lines.join('\n');
}

/** The key of a bundle: which entries, against which library, by which loader version. */
function bundleKey(input: BundleInput): string {
  return sha256(JSON.stringify({ v: 3, entries: input.entries, lib: input.libraryEntry, node: process.version }));
}

async function readManifest(file: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** A bundle on disk: its file, whether it was compiled before, and what its inputs import. */
export interface CompiledBundle {
  file: string;
  cached: boolean;
  graph: ModuleGraph;
}

/**
 * What writes a bundle of a {@link BundleInput} to the cache folder: {@link compileBundle}, or
 * something that has another thread run it (the watch's renders, whose worker threads must not
 * start esbuild processes that outlive them).
 */
export type BundleCompiler = (input: BundleInput) => Promise<CompiledBundle>;

/** The real folder of `root`: esbuild names its inputs relative to it. */
function realRootOf(root: string): Promise<string> {
  return realpath(root).catch(() => root);
}

/**
 * Writes an up-to-date bundle of `input.entries` to the cache folder, compiling only when an
 * input changed. Syntax and resolution errors are thrown as `load/compile-error` findings with
 * file:line.
 */
export async function compileBundle(input: BundleInput): Promise<CompiledBundle> {
  // A project reached through a symbolic link (macOS's /tmp, a linked checkout) is hashed and
  // mapped from its real folder.
  return compile(input, await realRootOf(input.root));
}

/**
 * Returns the path of an up-to-date bundle of `input.entries` (made by `compiler`), with its
 * source map registered in this thread so that stack frames in it name the user's files.
 */
export async function bundleProject(input: BundleInput, compiler: BundleCompiler = compileBundle): Promise<CompiledBundle> {
  const found = await compiler(input);
  await registerBundleMap(found.file, input.root, await realRootOf(input.root));
  return found;
}

/**
 * Maps a 1-based line and column of a bundle to the user's file, line and column through the
 * bundle's source map (`resolveSource` turns a `sources` entry into a path). A position on a
 * line the map has no segment for maps to nothing: Node's `findEntry` would answer with the
 * last segment of an earlier line, which is code the user did not write there.
 */
export function bundleMapper(payload: SourceMapPayload, resolveSource: (source: string) => string): PositionMapper {
  const map = new SourceMap(payload);
  const files = new Map<string, string>();
  return (line, column) => {
    const entry = map.findEntry(line - 1, column - 1);
    if (!('originalSource' in entry) || entry.generatedLine !== line - 1) return undefined;
    let file = files.get(entry.originalSource);
    if (file === undefined) files.set(entry.originalSource, (file = resolveSource(entry.originalSource)));
    return { file, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  };
}

/**
 * Lets stack frames in the bundle name the user's files and lines. Node runs the bundle under
 * its real path, so a project reached through a symbolic link registers both names, and its
 * files are named under the folder the user gave.
 */
async function registerBundleMap(file: string, root: string, realRoot: string): Promise<void> {
  try {
    const map = JSON.parse(await readFile(`${file}.map`, 'utf8')) as SourceMapPayload;
    const asGiven = (abs: string): string => (abs.startsWith(realRoot + path.sep) ? path.join(root, abs.slice(realRoot.length + 1)) : abs);
    const resolveSource = (source: string): string => asGiven(path.resolve(path.dirname(file), source));
    const mapper = bundleMapper(map, resolveSource);
    // Every file a position can map to: a frame in the bundle is the user's when all of them are.
    const sources = (map.sources ?? []).map(resolveSource);
    registerSourceMap(file, mapper, sources);
    const realFile = await realpath(file);
    if (realFile !== file) registerSourceMap(realFile, mapper, sources);
  } catch {
    // Without the map, findings name the bundle instead of the user's file; nothing else changes.
  }
}

/** The bundle of `input`, from the cache when no input changed; `root` is the project's real folder. */
async function compile(input: BundleInput, root: string): Promise<CompiledBundle> {
  const key = bundleKey(input);
  const manifestFile = path.join(input.cacheDir, `${key.slice(0, 16)}.json`);
  const previous = await readManifest(manifestFile);
  if (previous?.key === key && Object.keys(previous.inputs).length > 0 && typeof previous.graph === 'object') {
    if (await filesUnchanged(root, previous.inputs)) {
      return { file: path.join(input.cacheDir, previous.bundle), cached: true, graph: { root, inputs: previous.inputs, imports: previous.graph } };
    }
  }
  const esbuild = await import('esbuild');
  const libraryPath = input.libraryEntry;
  const boundary = packageBoundary(root);
  let result;
  try {
    result = await esbuild.build({
      stdin: { contents: entrySource(input.entries), resolveDir: root, sourcefile: '<kasane-entry>', loader: 'js' },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'external',
      sourcesContent: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: root,
      outfile: path.join(input.cacheDir, 'bundle.mjs'),
      plugins: [
        {
          name: 'kasane-self',
          setup(build) {
            build.onResolve({ filter: /^kasane$/ }, () => ({ path: libraryPath, external: true }));
          },
        },
        boundary.plugin,
      ],
    });
  } catch (error) {
    const errors = (error as { errors?: import('esbuild').Message[] }).errors;
    if (!errors) throw error;
    throw new KasaneError(errors.map((e) => compileFinding(e, input.root)));
  }
  const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'))!.contents;
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'))!.contents;
  // Compiled sources (the project's and its workspace libraries') and the installed files the
  // bundle names by path; a bare import of an installed package is Node's to resolve each run.
  const compiled = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('<') && !isInstalledPackage(path.resolve(root, f)));
  const inputs = [...compiled, ...[...boundary.externalFiles].sort()];
  const hashes = await hashInputs(root, inputs);
  const graph = importGraph(result.metafile, inputs);
  const bundleName = `${sha256(code).slice(0, 16)}.mjs`;
  await mkdir(input.cacheDir, { recursive: true });
  await writeFile(path.join(input.cacheDir, `${bundleName}.map`), map);
  await writeFile(path.join(input.cacheDir, bundleName), code);
  // An input that cannot be read back now is never trusted later: no manifest, no cache hit.
  if (hashes && inputs.length > 0) {
    const manifest: Manifest = { key, inputs: hashes, graph, bundle: bundleName };
    const tmp = `${manifestFile}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(manifest));
    await rename(tmp, manifestFile);
  }
  return { file: path.join(input.cacheDir, bundleName), cached: false, graph: { root, inputs: hashes ?? {}, imports: graph } };
}

/**
 * What each input imports, from esbuild's metafile: inputs by path; a file bundled from a
 * package folder as `external:file:<path>`; a package, a built-in or the library as
 * `external:<specifier>`.
 */
function importGraph(metafile: import('esbuild').Metafile, inputs: readonly string[]): Record<string, string[]> {
  const known = new Set(inputs);
  const graph: Record<string, string[]> = {};
  for (const file of inputs) {
    const edges = new Set<string>();
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (known.has(imported.path)) edges.add(imported.path);
      else if (metafile.inputs[imported.path]) edges.add(`${EXTERNAL_IMPORT}file:${imported.path}`);
      else if (!imported.path.startsWith('<')) edges.add(`${EXTERNAL_IMPORT}${imported.original ?? imported.path}`);
    }
    graph[file] = [...edges].sort();
  }
  return graph;
}

function compileFinding(message: import('esbuild').Message, root: string): Finding {
  const loc = message.location;
  return {
    severity: 'error',
    code: 'load/compile-error',
    message: message.text.charAt(0).toLowerCase() + message.text.slice(1),
    hint: 'fix the TypeScript at this line (kasane compiles it with esbuild; run tsc for type errors)',
    ...(loc?.lineText ? { cause: `${loc.lineText}\n${' '.repeat(loc.column)}^` } : {}),
    ...(loc ? { source: { file: path.resolve(root, loc.file), line: loc.line, column: loc.column + 1 } } : {}),
  };
}
