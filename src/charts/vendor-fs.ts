/**
 * The file side of charts: reading a chart folder, reading and writing the vendor folder. The
 * vendor folder belongs to kasane as a whole; it is replaced by staging a complete new copy
 * beside it and swapping it in, so a failed `kasane vendor` leaves it as it was.
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KasaneError, type Finding } from '../errors.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { fsFailure } from '../output/write-errors.ts';
import { lockOutput, type OutputLock } from '../output/write-lock.ts';
import type { ChartSource } from '../project/chart-source.ts';
import { treeDigest } from './digest.ts';
import { checkVendored, LOCK_FILE, parseLock, VENDOR_DIR, type ChartLock, type VendoredState } from './lock.ts';
import type { DocumentCache } from './helm-output.ts';
import type { VendoredChart } from './render-chart.ts';

/** A folder's regular files by relative `/`-separated path, and its entries that are neither files nor folders. */
export interface FolderFiles {
  files: Map<string, Uint8Array>;
  /** Links and other special entries (relative paths): never followed. */
  others: string[];
}

/** Reads every regular file below `dir`; links are listed, not followed. Undefined when `dir` is not a folder. */
export async function readChartFolder(dir: string): Promise<FolderFiles | undefined> {
  const info = await lstat(dir).catch(() => undefined);
  if (!info?.isDirectory()) return undefined;
  const out: FolderFiles = { files: new Map(), others: [] };
  const walk = async (rel: string): Promise<void> => {
    const entries = (await readdir(path.join(dir, rel), { withFileTypes: true })).sort((a, b) => compareCodeUnits(a.name, b.name));
    for (const e of entries) {
      const child = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) out.files.set(child, new Uint8Array(await readFile(path.join(dir, child))));
      else out.others.push(child);
    }
  };
  await walk('');
  return out;
}

/** The vendor folder as it is: its lock (when there is one) and its entries. */
export interface VendorFolder {
  dir: string;
  exists: boolean;
  lock?: ChartLock;
  entries: string[];
}

/**
 * Reads the vendor folder's lock and entries.
 * @throws KasaneError `charts/lock-invalid`
 */
export async function readVendorFolder(root: string): Promise<VendorFolder> {
  const dir = path.join(root, VENDOR_DIR);
  const info = await lstat(dir).catch(() => undefined);
  if (!info?.isDirectory()) return { dir, exists: false, entries: [] };
  const entries = (await readdir(dir)).sort(compareCodeUnits);
  const text = await readFile(path.join(dir, LOCK_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return { dir, exists: true, entries };
  const parsed = parseLock(text);
  if ('finding' in parsed) throw new KasaneError(parsed.finding);
  return { dir, exists: true, lock: parsed.lock, entries };
}

/** What a vendored chart's folder holds now, as {@link checkVendored} takes it. */
async function vendoredState(dir: string): Promise<{ state: VendoredState; files?: Map<string, Uint8Array> }> {
  const read = await readChartFolder(dir);
  if (!read) return { state: { missing: true } };
  if (read.others.length) return { state: { links: read.others } };
  return { state: { digest: treeDigest(read.files) }, files: read.files };
}

/**
 * Checks, offline, that every declared chart is vendored as the lock records it, and returns
 * the vendored charts ready to render. The render pipeline calls this before any helm runs.
 * Findings: `charts/lock-invalid`, `charts/not-vendored`, `charts/vendor-outdated`, `charts/vendor-changed`.
 */
export async function verifyVendored(root: string, sources: readonly ChartSource[]): Promise<{ charts: Map<string, VendoredChart>; findings: Finding[] }> {
  let folder: VendorFolder;
  try {
    folder = await readVendorFolder(root);
  } catch (error) {
    if (error instanceof KasaneError) return { charts: new Map(), findings: error.findings };
    throw error;
  }
  const states = new Map<string, VendoredState>();
  const charts = new Map<string, VendoredChart>();
  for (const source of sources) {
    const dir = path.join(folder.dir, source.name);
    const { state, files } = await vendoredState(dir);
    states.set(source.name, state);
    if (files) charts.set(source.name, { name: source.name, dir, files });
  }
  const findings = checkVendored(sources, folder.lock, states);
  return { charts: findings.length ? new Map() : charts, findings };
}

/** A chart folder's current files, when it is there and holds only files and folders. */
export async function readVendoredChart(dir: string): Promise<Map<string, Uint8Array> | undefined> {
  const { files } = await vendoredState(dir);
  return files;
}

/** A fresh temporary folder for helm to pull into; remove it with {@link removeFolder}. */
export function makeWorkFolder(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'kasane-vendor-'));
}

/** Removes a folder kasane made, with everything in it. */
export async function removeFolder(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** The one `.tgz` helm wrote into `dir`, read; undefined when there is none. */
export async function readPulledArchive(dir: string): Promise<{ file: string; bytes: Uint8Array } | undefined> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.tgz')).sort(compareCodeUnits);
  if (names.length !== 1) return undefined;
  return { file: names[0]!, bytes: new Uint8Array(await readFile(path.join(dir, names[0]!))) };
}

/** A text file, or undefined when it cannot be read. */
export function readTextFile(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch(() => undefined);
}

const stagingName = (token: string): string => `.charts.kasane-${token}`;
const asideName = (token: string): string => `.charts.kasane-old-${token}`;
const LEFTOVER = /^\.charts\.kasane-(old-)?\d+$/;

/** The vendor folder's parent (`vendor/`), locked for this run; a folder made here is removed again by {@link releaseVendor} when left empty. */
export interface VendorSession {
  parent: string;
  lock: OutputLock;
  created: string | undefined;
}

/**
 * Locks `vendor/` against another `kasane vendor` and finishes or discards what a killed run left.
 * @throws KasaneError `render/locked`, `render/write-failed`
 */
export async function openVendor(root: string): Promise<VendorSession> {
  const parent = path.dirname(path.join(root, VENDOR_DIR));
  let created: string | undefined;
  try {
    created = await mkdir(parent, { recursive: true });
  } catch (error) {
    throw fsFailure('write', parent, error);
  }
  const lock = await lockOutput(parent);
  const dir = path.join(root, VENDOR_DIR);
  for (const name of (await readdir(parent)).filter((n) => LEFTOVER.test(n)).sort(compareCodeUnits)) {
    const leftover = path.join(parent, name);
    // A run killed between its two renames left the old folder aside and none in place: put it back.
    if (name.includes('-old-') && !(await lstat(dir).catch(() => undefined))) await rename(leftover, dir);
    else await rm(leftover, { recursive: true, force: true });
  }
  return { parent, lock, created };
}

/** Releases the lock, and removes `vendor/` when this run made it and nothing is in it. */
export async function releaseVendor(session: VendorSession): Promise<void> {
  await session.lock.release();
  if (session.created) await rmdir(session.created).catch(() => undefined);
}

/**
 * Writes the new vendor folder beside the old one, then swaps it in: `vendor/charts` goes aside,
 * the staged folder takes its name, the old one is removed. Every file is written below the
 * staging folder this run made, with `wx` (never through an entry already there).
 * @throws KasaneError `render/write-failed`
 */
export async function replaceVendor(session: VendorSession, charts: ReadonlyMap<string, ReadonlyMap<string, Uint8Array>>, lockText: string, token: string): Promise<void> {
  const dir = path.join(session.parent, path.basename(VENDOR_DIR));
  const staging = path.join(session.parent, stagingName(token));
  const aside = path.join(session.parent, asideName(token));
  try {
    await mkdir(staging);
    for (const [name, files] of charts) {
      for (const [rel, bytes] of files) {
        const target = path.join(staging, name, ...rel.split('/'));
        if (!target.startsWith(`${staging}${path.sep}`)) throw new Error(`'${rel}' leaves the staging folder`);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, bytes, { flag: 'wx' });
      }
    }
    await writeFile(path.join(staging, LOCK_FILE), lockText, { flag: 'wx' });
    await session.lock.verify();
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof KasaneError) throw error;
    throw fsFailure('write', staging, error);
  }
  const hadOld = Boolean(await lstat(dir).catch(() => undefined));
  try {
    if (hadOld) await rename(dir, aside);
    await rename(staging, dir);
  } catch (error) {
    if (hadOld && !(await lstat(dir).catch(() => undefined))) await rename(aside, dir).catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
    throw fsFailure('write', dir, error);
  }
  if (hadOld) await rm(aside, { recursive: true, force: true });
}

/** The most documents one chart's cache file keeps (the newest first). */
const CACHE_ENTRIES = 4000;

/** A {@link DocumentCache} kept in a file, and what saving it takes. */
export interface FileDocumentCache extends DocumentCache {
  /** Writes the documents this render used or added, then older ones up to a limit; never fails the render. */
  save(): Promise<void>;
}

/**
 * The document cache of one vendored chart: `<cacheDir>/charts/<digest>.json`, so that a chart
 * vendored anew starts empty. A cache file that cannot be read counts as empty.
 */
export async function openDocumentCache(cacheDir: string, chartDigest: string): Promise<FileDocumentCache> {
  const file = path.join(cacheDir, 'charts', `${chartDigest.replace(/^sha256:/, '')}.json`);
  let old: Record<string, string> = {};
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) old = value as Record<string, string>;
  } catch {
    // No cache yet, or one this version cannot read: start empty.
  }
  const used = new Map<string, string>();
  let added = false;
  return {
    get(key) {
      const hit = used.get(key) ?? (Object.hasOwn(old, key) && typeof old[key] === 'string' ? old[key] : undefined);
      if (hit !== undefined) used.set(key, hit);
      return hit;
    },
    set(key, json) {
      used.set(key, json);
      added = true;
    },
    async save() {
      if (!added) return;
      const entries = [...used];
      for (const [key, json] of Object.entries(old)) if (!used.has(key) && entries.length < CACHE_ENTRIES) entries.push([key, json]);
      try {
        await mkdir(path.dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        await writeFile(temp, JSON.stringify(Object.fromEntries(entries)));
        await rename(temp, file);
      } catch {
        // A cache that cannot be written only costs the next render time.
      }
    },
  };
}
