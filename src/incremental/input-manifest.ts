/**
 * The input manifest of a render: every input the load and the render read (module files,
 * configuration, the environment files found by listing their folder, generator and component
 * files, the identity of each imported package), the output digests of each environment, and
 * what the command printed about it. When every recorded input is unchanged, `render` and
 * `render --check` answer from it without loading the project: the output of a render is a
 * function of those inputs (the premise of the render cache, ./keys.ts), so the recorded
 * digests are what a render would produce, and only the output folder needs reading.
 *
 * It is stored as an entry of the render cache (./render-cache.ts: whole-file digest, kasane's
 * identity in the header), under a name of its own for each set of command options.
 */
import type { Finding, ObjectRef } from '../errors.ts';
import type { PlaintextSecret } from '../secrets/plaintext-output.ts';
import { digestOf } from '../util/fingerprint.ts';

/** The options of a `render` command that decide what it renders and how it prints paths. */
export interface ManifestOptions {
  /** The folder the command ran in (paths are printed relative to it). */
  cwd: string;
  /** The project folder. */
  root: string;
  /** The environments named on the command line (none: every renderable one). */
  envs: readonly string[];
  out: string | null;
  validate: boolean;
  shard: string | null;
}

/** A file an input of the load: its path, the path it resolved to (links followed), its content digest. */
export type RecordedFile = [abs: string, real: string, digest: string];

/** What the load read, as it was when it read it. */
export interface ManifestInputs {
  /** The configuration file (absolute), or null when the project has none. */
  configFile: string | null;
  /** `environmentsDir` of the configuration, listed to find the environment files. */
  environmentsDir: string;
  /** What listing it found (absolute paths, in load order). */
  environmentEntries: string[];
  /** The module graph: its real root, each module's content hash, each module's imports with the identity of each package. */
  moduleRoot: string;
  modules: Record<string, string>;
  imports: Record<string, string[]>;
  /** The files generators and components read. */
  files: RecordedFile[];
}

/** What one environment's render gave and the command printed about it. */
export interface EnvironmentRecord {
  env: string;
  objects: number;
  findings: Finding[];
  /** Each output file (relative, `/`-separated) with the digest of its text. */
  files: [string, string][];
  /** The secret values the printed text must not show (for the output gate, as a render gives them). */
  hidden: string[];
  /** The Secrets with values in plain text, and their files: git's ignore rules, outside the inputs, decide each run whether they may be there. */
  plaintext: PlaintextSecret[];
  plaintextFiles: [string, ObjectRef][];
  /** Size and modification time of the environment's render cache entry: a changed entry is read by the normal path, which notes a damaged one. */
  entry: { size: number; mtimeMs: number } | null;
}

/** An input manifest. */
export interface InputManifest {
  inputs: ManifestInputs;
  /** The output folder (absolute). */
  outDir: string;
  /** Every environment the project renders (a folder of another name may be an orphan a render reports). */
  renderable: string[];
  envs: EnvironmentRecord[];
}

/** The render cache entry name and key of the manifest for `options`: one manifest per set of options. */
export function manifestSlot(options: ManifestOptions): { name: string; key: string } {
  const key = digestOf(JSON.stringify(options));
  return { name: `inputs:${key}`, key };
}

/** The record of an environment's output files: each one's digest. */
export function outputDigests(files: Iterable<[string, string]>): [string, string][] {
  return [...files].map(([file, text]) => [file, digestOf(text)]);
}

/** True when `onDisk` (relative path → text) holds exactly the recorded files with the recorded content. */
export function sameOutput(recorded: readonly [string, string][], onDisk: ReadonlyMap<string, string>): boolean {
  if (recorded.length !== onDisk.size) return false;
  return recorded.every(([file, digest]) => {
    const text = onDisk.get(file);
    return text !== undefined && digestOf(text) === digest;
  });
}

/** True when `value` has the shape of an {@link InputManifest} (a manifest of another shape is not used). */
export function isInputManifest(value: unknown): value is InputManifest {
  const m = value as InputManifest;
  if (typeof m !== 'object' || m === null || typeof m.outDir !== 'string' || !isStrings(m.renderable) || !Array.isArray(m.envs) || typeof m.inputs !== 'object' || m.inputs === null) return false;
  const i = m.inputs;
  return (
    (i.configFile === null || typeof i.configFile === 'string') &&
    typeof i.environmentsDir === 'string' &&
    isStrings(i.environmentEntries) &&
    typeof i.moduleRoot === 'string' &&
    isRecord(i.modules, (v) => typeof v === 'string') &&
    isRecord(i.imports, isStrings) &&
    Array.isArray(i.files) &&
    i.files.every((f) => isStrings(f) && f.length === 3) &&
    m.envs.every(isEnvironmentRecord)
  );
}

function isEnvironmentRecord(value: unknown): value is EnvironmentRecord {
  const r = value as EnvironmentRecord;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.env === 'string' &&
    typeof r.objects === 'number' &&
    Array.isArray(r.findings) &&
    Array.isArray(r.files) &&
    r.files.every((f) => isStrings(f) && f.length === 2) &&
    isStrings(r.hidden) &&
    Array.isArray(r.plaintext) &&
    Array.isArray(r.plaintextFiles) &&
    (r.entry === null || (typeof r.entry === 'object' && typeof r.entry?.size === 'number' && typeof r.entry?.mtimeMs === 'number'))
  );
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isRecord(value: unknown, each: (v: unknown) => boolean): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every(each);
}
