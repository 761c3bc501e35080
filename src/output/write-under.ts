/**
 * Writes generated files (an imported project, generated CRD types) under one folder and never
 * outside it: every path is checked to be plain relative segments before anything is written,
 * and no symbolic link below the folder is followed, so input-derived names cannot place a file
 * elsewhere, even through a link someone left in the folder.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { KasaneError, type Finding } from '../errors.ts';

/** Options of {@link writeFilesUnder}. */
export interface WriteUnderOptions {
  /** Area of the error codes: `<area>/unsafe-path`. */
  area: string;
  /** Leave files whose content is already equal untouched. @default false */
  skipUnchanged?: boolean;
}

/** What {@link writeFilesUnder} did with each path. */
export interface WriteUnderReport {
  written: string[];
  unchanged: string[];
}

/**
 * Why `rel` cannot be written below a folder, or undefined: it must be a posix path of plain
 * segments (no `..`, `.`, empty segment, backslash or NUL) that is not absolute.
 */
export function unsafeRelativePath(rel: string): string | undefined {
  if (rel === '' || rel.startsWith('/')) return 'it is not a relative path';
  if (rel.includes('\\') || rel.includes('\0')) return 'it contains a backslash or a NUL character';
  if (rel.split('/').some((s) => s === '' || s === '.' || s === '..')) return "it has an empty, '.' or '..' segment";
  return undefined;
}

async function kindOf(abs: string): Promise<'missing' | 'file' | 'dir' | 'link' | 'other'> {
  try {
    const info = await lstat(abs);
    return info.isSymbolicLink() ? 'link' : info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'other';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/** Why writing `rel` under `dir` is unsafe right now (a link or a non-folder on its way), or undefined. */
async function blocked(dir: string, rel: string): Promise<string | undefined> {
  const segments = rel.split('/');
  let at = dir;
  for (const [i, segment] of segments.entries()) {
    at = path.join(at, segment);
    const kind = await kindOf(at);
    if (kind === 'missing') return undefined;
    const last = i === segments.length - 1;
    if (kind === 'link') return `'${segments.slice(0, i + 1).join('/')}' is a symbolic link, which kasane does not write through`;
    if (last ? kind !== 'file' : kind !== 'dir') return `'${segments.slice(0, i + 1).join('/')}' is in the way: expected ${last ? 'a file' : 'a folder'}`;
  }
  return undefined;
}

function unsafeFinding(area: string, dir: string, rel: string, why: string): Finding {
  return {
    severity: 'error',
    code: `${area}/unsafe-path`,
    message: `refusing to write '${rel}' under '${dir}': ${why}`,
    hint: 'names that become file names must be DNS-1123 names or data keys; remove links from the output folder',
  };
}

/** Creates the folders of `rel` below `dir` one at a time, refusing a link that appears meanwhile. */
async function makeFolders(dir: string, rel: string, area: string): Promise<void> {
  let at = dir;
  for (const segment of rel.split('/').slice(0, -1)) {
    at = path.join(at, segment);
    await mkdir(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    if ((await kindOf(at)) !== 'dir') throw new KasaneError(unsafeFinding(area, dir, rel, `'${path.relative(dir, at)}' is not a folder`));
  }
}

/**
 * Writes `files` (posix paths relative to `dir` → content) under `dir`, creating folders as
 * needed. Checks every path first and writes nothing when one is unsafe.
 * @throws KasaneError `<area>/unsafe-path` for a path that is not plain relative segments, or
 * that meets a symbolic link or a non-folder below `dir`.
 */
export async function writeFilesUnder(dir: string, files: Iterable<readonly [string, string | Uint8Array]>, options: WriteUnderOptions): Promise<WriteUnderReport> {
  const list = [...files];
  const problems: Finding[] = [];
  for (const [rel] of list) {
    const why = unsafeRelativePath(rel) ?? (await blocked(dir, rel));
    if (why) problems.push(unsafeFinding(options.area, dir, rel, why));
  }
  if (problems.length) throw new KasaneError(problems);
  await mkdir(dir, { recursive: true });
  const report: WriteUnderReport = { written: [], unchanged: [] };
  for (const [rel, content] of list) {
    const abs = path.join(dir, ...rel.split('/'));
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (options.skipUnchanged && (await kindOf(abs)) === 'file' && Buffer.compare(await readFile(abs), bytes) === 0) {
      report.unchanged.push(rel);
      continue;
    }
    await makeFolders(dir, rel, options.area);
    // O_NOFOLLOW: a link created after the checks above still fails instead of being followed.
    const handle = await open(abs, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ELOOP') throw new KasaneError(unsafeFinding(options.area, dir, rel, 'it is a symbolic link'));
      throw error;
    });
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
    report.written.push(rel);
  }
  return report;
}
