/**
 * Reading a packaged chart (`.tgz`) without trusting it: a chart archive comes from someone
 * else. Only regular files and folders under one top folder are accepted; an absolute path, a
 * `..` segment, a backslash or NUL, a link, a device, a file outside the top folder, the same
 * path twice or a path that is both a file and a folder rejects the whole archive, as does more
 * than {@link MAX_CHART_BYTES} of content. Nothing is written here: the caller gets the files in
 * memory and writes them itself, below a folder it made.
 */
import { gunzipSync } from 'node:zlib';
import { KasaneError } from '../errors.ts';

/** The most content a chart archive may unpack to (Helm's own limit is 100 MiB too). */
export const MAX_CHART_BYTES = 100 * 1024 * 1024;

/** A chart archive's files by path below its top folder. */
export interface ChartArchive {
  /** The top folder, e.g. `podinfo`. */
  top: string;
  files: Map<string, Uint8Array>;
}

const BLOCK = 512;

function unsafe(label: string, detail: string): KasaneError {
  return new KasaneError({
    severity: 'error',
    code: 'charts/unsafe-archive',
    message: `refusing chart archive ${label}: ${detail}`,
    hint: 'the archive is damaged or hostile; check the repository it came from, and vendor a version whose archive holds only the chart folder',
  });
}

function invalid(label: string, detail: string): KasaneError {
  return new KasaneError({
    severity: 'error',
    code: 'charts/invalid-archive',
    message: `cannot read chart archive ${label}: ${detail}`,
    hint: 'pull the chart again; if it keeps failing, the repository serves a damaged file',
  });
}

function field(header: Uint8Array, from: number, to: number): string {
  const bytes = header.subarray(from, to);
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString('utf8');
}

function octal(header: Uint8Array, from: number, to: number): number {
  const text = field(header, from, to).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** True when the header's checksum field matches its bytes (the checksum field counted as spaces). */
function checksumOk(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum === octal(header, 148, 156);
}

/** `path=…` of a pax extended header. */
function paxPath(body: Uint8Array): string | undefined {
  const text = Buffer.from(body).toString('utf8');
  let path: string | undefined;
  for (let at = 0; at < text.length;) {
    const space = text.indexOf(' ', at);
    const length = parseInt(text.slice(at, space), 10);
    if (space < 0 || !Number.isFinite(length) || length <= 0) break;
    const record = text.slice(space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (record.slice(0, eq) === 'path') path = record.slice(eq + 1);
    at += length;
  }
  return path;
}

/** The segments of an entry name, or why it is not a safe relative path. */
function segmentsOf(name: string): string[] | string {
  if (name.startsWith('/')) return `it holds an absolute path '${name}'`;
  if (name.includes('\\') || name.includes('\0')) return `it holds a path with a backslash or NUL '${JSON.stringify(name)}'`;
  const parts = name.replace(/^(\.\/)+/, '').split('/');
  if (parts.at(-1) === '') parts.pop();
  if (parts.some((p) => p === '..')) return `it holds a path that leaves its folder '${name}'`;
  if (parts.length === 0 || parts.some((p) => p === '' || p === '.')) return `it holds a path that is not plain '${name}'`;
  return parts;
}

const KIND: Record<string, string> = { '1': 'a hard link', '2': 'a symbolic link', '3': 'a character device', '4': 'a block device', '6': 'a named pipe', K: 'a link' };

/**
 * Reads a chart archive (gzip-compressed tar).
 * @param label how messages name it, e.g. `'podinfo-6.14.1.tgz'`
 * @throws KasaneError `charts/unsafe-archive`, `charts/invalid-archive`
 */
export function readChartArchive(tgz: Uint8Array, label: string): ChartArchive {
  let tar: Buffer;
  try {
    tar = gunzipSync(tgz, { maxOutputLength: MAX_CHART_BYTES + 1024 * 1024 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw unsafe(label, `it unpacks to more than ${MAX_CHART_BYTES / 1024 / 1024} MiB`);
    throw invalid(label, `not gzip data (${(error as Error).message})`);
  }
  const files = new Map<string, Uint8Array>();
  const folders = new Set<string>();
  let top: string | undefined;
  let longName: string | undefined;
  let total = 0;
  for (let at = 0; at + BLOCK <= tar.length;) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) throw invalid(label, `a tar header at byte ${at} is damaged`);
    const size = octal(header, 124, 136);
    const type = header[156] === 0 ? '0' : String.fromCharCode(header[156]!);
    const body = tar.subarray(at + BLOCK, at + BLOCK + size);
    if (body.length < size) throw invalid(label, 'it ends in the middle of a file');
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x' || type === 'L') {
      longName = type === 'x' ? (paxPath(body) ?? longName) : field(body, 0, body.length);
      continue;
    }
    if (type === 'g') continue;
    const prefix = field(header, 345, 500);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    if (KIND[type]) throw unsafe(label, `'${name}' is ${KIND[type]}`);
    if (type !== '0' && type !== '7' && type !== '5') throw unsafe(label, `'${name}' is a tar entry of type '${type}', neither a file nor a folder`);
    const parts = segmentsOf(name);
    if (typeof parts === 'string') throw unsafe(label, parts);
    top ??= parts[0]!;
    if (parts[0] !== top) throw unsafe(label, `'${name}' is outside the chart's folder '${top}/'`);
    const rel = parts.slice(1).join('/');
    if (type === '5') {
      if (rel !== '') folders.add(rel);
      continue;
    }
    if (rel === '') throw unsafe(label, `'${name}' is a file where the chart's folder should be`);
    if (files.has(rel)) throw unsafe(label, `'${name}' is in it twice`);
    total += size;
    if (total > MAX_CHART_BYTES) throw unsafe(label, `it unpacks to more than ${MAX_CHART_BYTES / 1024 / 1024} MiB`);
    files.set(rel, new Uint8Array(body));
  }
  if (top === undefined || files.size === 0) throw invalid(label, 'it holds no files');
  for (const rel of [...files.keys(), ...folders]) {
    for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) {
      if (files.has(rel.slice(0, i))) throw unsafe(label, `'${top}/${rel.slice(0, i)}' is both a file and a folder`);
    }
  }
  return { top, files };
}
