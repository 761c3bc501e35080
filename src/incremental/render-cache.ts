/**
 * The render cache on disk: one file per environment under `<cache folder>/render/`, holding
 * the environment's last rendered output and the key it was rendered for. The folder is safe to
 * delete. A file is trusted only when it is whole: a header line (format, kasane's identity,
 * the environment, the key, the digest and length of the payload) and the payload, checked
 * against both. Anything else (unreadable, corrupt, truncated, another kasane) is a miss with
 * a one-line note; a folder that cannot be written is noted once and the render goes on.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { digestOf } from '../util/fingerprint.ts';
import { parseJsonOrUndefined } from '../util/json-text.ts';
import type { KasaneIdentity } from './kasane-identity.ts';

/** The version of the file layout below; another one is read as a miss. */
const FORMAT = 2;

/** An open render cache: where it is, whose it is, where notes go. */
export interface RenderCache {
  dir: string;
  /** kasane's identity: an entry written by another kasane (release or build) is not used. */
  kasane: KasaneIdentity;
  note: (line: string) => void;
  /** Set once writing failed: not tried again in this process. */
  unwritable?: boolean;
  /** Set once the note about another release was printed: once per render is enough. */
  notedRelease?: boolean;
}

interface Header {
  format: number;
  /** The release that wrote the entry, for the note when it is another one. */
  version: string;
  /** The build that wrote the entry. */
  kasane: string;
  env: string;
  key: string;
  digest: string;
  length: number;
}

/** The cache under `cacheDir` (the project's cache folder). */
export function openRenderCache(cacheDir: string, kasane: KasaneIdentity, note: (line: string) => void): RenderCache {
  return { dir: path.join(cacheDir, 'render'), kasane, note };
}

/** The entry file of `env`: named by a digest, so no environment name can lead outside the folder. */
export function entryFile(cache: RenderCache, env: string): string {
  return path.join(cache.dir, `${digestOf(`env\0${env}`).slice(0, 24)}.json`);
}

/** The payload cached for `env` under `key`, or undefined (a miss); a note about a miss ends with `then` (what happens instead). */
export async function readEntry(cache: RenderCache, env: string, key: string, then = `rendering ${env} from scratch`): Promise<unknown> {
  const file = entryFile(cache, env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (!['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException)?.code ?? '')) cache.note(`note: render cache ${file} cannot be read (${errorCode(error)}); ${then}`);
    return undefined;
  }
  const newline = text.indexOf('\n');
  const header = newline < 0 ? undefined : parseJsonOrUndefined(text.slice(0, newline));
  const written = header as Partial<Header> | undefined;
  // Another release may lay its entries out otherwise: it is named, not read further.
  if (typeof written?.format === 'number' && (written.format !== FORMAT || written.version !== cache.kasane.version)) {
    const by = typeof written.version === 'string' ? `kasane ${written.version}` : 'another kasane';
    if (!cache.notedRelease) cache.note(`note: the render cache was written by ${by}, this is kasane ${cache.kasane.version}; rendering from scratch`);
    cache.notedRelease = true;
    return undefined;
  }
  if (!isHeader(header)) return corrupt(cache, file, then);
  // Another build of the same release (a rebuild, kasane run from its source): a quiet miss.
  if (header.kasane !== cache.kasane.build) return undefined;
  if (header.env !== env || header.key !== key) return undefined;
  const payload = text.slice(newline + 1);
  if (payload.length !== header.length || digestOf(payload) !== header.digest) return corrupt(cache, file, then);
  const value = parseJsonOrUndefined(payload);
  return value === undefined ? corrupt(cache, file, then) : value;
}

function corrupt(cache: RenderCache, file: string, then: string): undefined {
  cache.note(`note: render cache ${file} is corrupt or truncated; ${then}`);
  return undefined;
}

/**
 * Stores `payload` (JSON text) for `env` under `key`: written aside, then renamed into place.
 * `then` says what a cache folder that cannot be written costs, in its note.
 */
export async function writeEntry(cache: RenderCache, env: string, key: string, payload: string, then = 'the next render starts from scratch too'): Promise<void> {
  if (cache.unwritable) return;
  const file = entryFile(cache, env);
  const header: Header = { format: FORMAT, version: cache.kasane.version, kasane: cache.kasane.build, env, key, digest: digestOf(payload), length: payload.length };
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(cache.dir, { recursive: true });
    // The output may hold Secret values: the cache is readable by its owner only.
    await writeFile(tmp, `${JSON.stringify(header)}\n${payload}`, { mode: 0o600 });
    await rename(tmp, file);
  } catch (error) {
    cache.unwritable = true;
    await rm(tmp, { force: true }).catch(() => undefined);
    cache.note(`note: render cache ${cache.dir} cannot be written (${errorCode(error)}); ${then}`);
  }
}

/** Removes the entry of `env` (its render is not cacheable now: an old entry must not outlive it). */
export async function dropEntry(cache: RenderCache, env: string): Promise<void> {
  await rm(entryFile(cache, env), { force: true }).catch(() => undefined);
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? String((error as Error)?.message ?? error);
}

function isHeader(value: unknown): value is Header {
  const h = value as Header;
  return (
    typeof h === 'object' &&
    h !== null &&
    typeof h.format === 'number' &&
    typeof h.version === 'string' &&
    typeof h.kasane === 'string' &&
    typeof h.env === 'string' &&
    typeof h.key === 'string' &&
    typeof h.digest === 'string' &&
    typeof h.length === 'number'
  );
}
