/**
 * Stack frames in the user's files: the first frame outside kasane and libraries, mapped through
 * the source map of the compiled bundle it runs in. Stages use it to point a user's exception at
 * its line; the user API records call sites with it (define/call-site.ts).
 */
import type { SourceLocation } from '../errors.ts';

/**
 * kasane's own folders: its sources and its build. Both count, because the loader and the
 * library a user's code imports may be different copies (sources in tests, build at run time).
 */
const ownDirs = ((): string[] => {
  let dir = new URL('.', import.meta.url).pathname;
  while (dir !== '/' && !/\/(src|dist)\/$/.test(dir)) dir = dir.replace(/[^/]+\/$/, '');
  const root = dir.replace(/(src|dist)\/$/, '');
  return [`${root}src/`, `${root}dist/`];
})();
/** `at fn (/path/file.ts:12:5)` or `at /path/file.ts:12:5`; `node:` frames never match. */
const framePattern = /(?:\(|at )((?:file:\/\/)?\/[^():]+|[A-Za-z]:\\[^():]+):(\d+):(\d+)\)?$/;

/** Maps a 1-based line and column of a compiled bundle to where the user wrote it. */
export type PositionMapper = (line: number, column: number) => SourceLocation | undefined;

/**
 * Source maps of compiled user bundles, by bundle path. Kept on `globalThis` because the
 * loader and the library the user's code imports can be two copies of kasane's modules.
 */
const registry: Map<string, PositionMapper> = ((globalThis as Record<symbol, unknown>)[Symbol.for('kasane.sourceMaps')] ??= new Map()) as Map<string, PositionMapper>;

/**
 * How many bundle paths' maps are kept: a process that loads project after project (a watch, a
 * server using the library) keeps the latest ones, not one per bundle it ever loaded. A bundle
 * reached through a symbolic link is registered under both its paths, so it counts twice.
 */
const KEPT_MAPS = 16;

/**
 * Bundles whose source map names only the user's files (none of kasane's, none of an installed
 * package's): a frame in one of them is the user's before its position is known.
 */
const userBundles: Set<string> = ((globalThis as Record<symbol, unknown>)[Symbol.for('kasane.userBundles')] ??= new Set()) as Set<string>;

/**
 * Makes stack frames inside `bundleFile` map back to the user's sources (for the
 * {@link KEPT_MAPS} latest bundles). `sources` are the files the map names (absolute paths),
 * which lets {@link firstUserFrameOf} defer the lookup.
 */
export function registerSourceMap(bundleFile: string, mapper: PositionMapper, sources?: readonly string[]): void {
  registry.delete(bundleFile);
  registry.set(bundleFile, mapper);
  if (sources && !sources.some(isOwnOrLibrary)) userBundles.add(bundleFile);
  else userBundles.delete(bundleFile);
  if (registry.size > KEPT_MAPS) {
    const oldest = registry.keys().next().value!;
    registry.delete(oldest);
    userBundles.delete(oldest);
  }
}

function isOwn(file: string): boolean {
  return ownDirs.some((d) => file.startsWith(d));
}

function isOwnOrLibrary(file: string): boolean {
  return isOwn(file) || file.includes('/node_modules/');
}

/** A frame's script as an absolute path, and whether it is kasane's own file or a library's. */
interface ScriptFile {
  file: string;
  own: boolean;
}

/** Script name (a path or a file URL) → its {@link ScriptFile}; null for `node:` and the like. */
const scriptFiles = new Map<string, ScriptFile | null>();

/** The {@link ScriptFile} of a frame's script name, cached: thousands of call sites share a few files. */
function scriptFile(name: string): ScriptFile | null {
  let found = scriptFiles.get(name);
  if (found === undefined) {
    const file = name.startsWith('file://') ? decodeURIComponent(new URL(name).pathname) : name;
    found = file.startsWith('/') || /^[A-Za-z]:\\/.test(file) ? { file, own: isOwnOrLibrary(file) } : null;
    scriptFiles.set(name, found);
  }
  return found;
}

/** Where `line:column` of `file` was written: through the file's source map when it is a bundle. */
function locate(file: string, line: number, column: number): SourceLocation {
  return registry.get(file)?.(line, column) ?? { file, line, column };
}

/** A formatted stack frame's location (see {@link locate}). */
function frameLocation(text: string): SourceLocation | undefined {
  const m = framePattern.exec(text.trim());
  const script = m ? scriptFile(m[1]!) : null;
  return script ? locate(script.file, Number(m![2]), Number(m![3])) : undefined;
}

/**
 * Where a structured stack frame (script name, 1-based line and column) was written, when that
 * is in the user's files: through the script's source map when it is a bundle; undefined for
 * kasane's own frames, libraries' frames and Node's internals.
 */
export function userFrameAt(scriptName: string | null, line: number | null, column: number | null, libraries = false): SourceLocation | undefined {
  const script = scriptName ? scriptFile(scriptName) : null;
  // kasane's and libraries' own frames have no map and are never the answer.
  if (!script || (script.own && !registry.has(script.file) && !(libraries && !isOwn(script.file))) || line === null) return undefined;
  const at = locate(script.file, line, column ?? 1);
  return (libraries ? isOwn(at.file) : isOwnOrLibrary(at.file)) ? undefined : at;
}

/** The parts of a structured stack frame (V8's `CallSite`) that {@link firstUserFrameOf} reads. */
export interface StructuredFrame {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
  /** Where the frame's function starts (1, 1 for a script's or module's top-level code). */
  getEnclosingLineNumber?(): number | null;
  getEnclosingColumnNumber?(): number | null;
}

/** True when `frame` runs top-level code: a bundle's one function for all its modules. */
function isTopLevel(frame: StructuredFrame): boolean {
  return frame.getEnclosingLineNumber?.() === 1 && frame.getEnclosingColumnNumber?.() === 1;
}

/**
 * The first of `frames` (V8's structured call sites, innermost first) that is in the user's
 * files, as {@link userFrameAt} decides frame by frame. From a frame in the top-level code of a
 * bundle of the user's files on, the answer is computed when a field of it is first read: V8
 * finds a frame's line by scanning its function's position table from the start, and a bundle
 * runs all its modules' top-level code as one function, so resolving each of thousands of
 * declarations there at once costs the square of their number, while most locations are only
 * read when a finding names them.
 */
export function firstUserFrameOf(frames: readonly StructuredFrame[], libraries = false): SourceLocation | undefined {
  const files = frames.map((frame) => scriptFile(frame.getFileName() ?? '')?.file);
  const i = files.findIndex((file) => file !== undefined && userBundles.has(file));
  // A call from inside a function is found in that function's table, which is short: looking it
  // up now costs less than keeping the frames until someone reads the location.
  if (i < 0 || !isTopLevel(frames[i]!)) return resolveFirst(frames, libraries);
  const [file, rest] = [files[i]!, frames.slice(i)];
  // That frame maps to a user's file; only a position without a mapping, in a bundle cached
  // inside node_modules, would pass it over, and then the bundle's own line is the answer left.
  const atBundle = (frame: StructuredFrame): SourceLocation => locate(file, frame.getLineNumber() ?? 1, frame.getColumnNumber() ?? 1);
  return resolveFirst(frames.slice(0, i), libraries) ?? deferred(() => resolveFirst(rest, libraries) ?? atBundle(rest[0]!));
}

/** {@link firstUserFrameOf} without deferring: every frame's position looked up in turn. */
function resolveFirst(frames: readonly StructuredFrame[], libraries: boolean): SourceLocation | undefined {
  for (const frame of frames) {
    const at = userFrameAt(frame.getFileName() ?? null, frame.getLineNumber(), frame.getColumnNumber(), libraries);
    if (at) return at;
  }
  return undefined;
}

/** Keys of a resolved location, in the order every location is built with. */
const locationKeys = ['file', 'line', 'column'] as const;

/**
 * A location whose fields call `resolve` once, on first read (or write), and then become plain
 * data fields in the same order: spreading, JSON and equality see the object `resolve` returns.
 */
function deferred(resolve: () => SourceLocation): SourceLocation {
  const location = {} as SourceLocation;
  const settle = (): void => {
    const at = resolve();
    for (const key of locationKeys) {
      if (at[key] === undefined) delete (location as Partial<SourceLocation>)[key];
      else Object.defineProperty(location, key, { value: at[key], writable: true, enumerable: true, configurable: true });
    }
  };
  for (const key of locationKeys) {
    Object.defineProperty(location, key, {
      get: () => (settle(), location[key]),
      set: (value: unknown) => (settle(), ((location as unknown as Record<string, unknown>)[key] = value)),
      enumerable: true,
      configurable: true,
    });
  }
  return location;
}

/**
 * The first frame of a formatted stack that is in the user's files (with `libraries`, in the
 * files of any package but kasane).
 */
export function firstUserFrame(stack: string, libraries = false): SourceLocation | undefined {
  for (const line of stack.split('\n')) {
    if (!line.trim().startsWith('at ')) continue;
    const at = frameLocation(line);
    if (at && !(libraries ? isOwn(at.file) : isOwnOrLibrary(at.file))) return at;
  }
  return undefined;
}

/**
 * The frames of `error`'s stack that belong to the user's files (not kasane, node_modules or
 * Node's internals), as "at fn (file:line:col)" lines; the message line first.
 */
export function userStack(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = (error.stack ?? '').split('\n');
  const frames: string[] = [];
  for (const line of lines.slice(1)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('at ')) continue;
    const at = frameLocation(trimmed);
    if (!at || isOwnOrLibrary(at.file)) continue;
    const fn = /^at (.+?) \(/.exec(trimmed)?.[1];
    const where = `${at.file}:${at.line}:${at.column}`;
    frames.push(`    at ${fn ? `${fn} (${where})` : where}`);
  }
  return [`${error.name}: ${error.message}`, ...frames].join('\n');
}

/** The first user frame of an error's stack, as a source location. */
export function userFrame(error: unknown): SourceLocation | undefined {
  if (!(error instanceof Error)) return undefined;
  for (const line of (error.stack ?? '').split('\n').slice(1)) {
    const at = frameLocation(line);
    if (at && !isOwnOrLibrary(at.file)) return at;
  }
  return undefined;
}
