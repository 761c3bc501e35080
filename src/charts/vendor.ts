/**
 * `kasane vendor`: pulls the declared charts with helm into vendor/charts/ and writes the lock.
 *
 * Everything is pulled and checked first, in memory and in a temporary folder outside the
 * project; only when every chart is ready is the vendor folder replaced (vendor-fs.ts). A chart
 * whose declaration matches the lock and whose folder still has the locked digest is kept as it
 * is, without the network. A chart pulled again for a declaration the lock already records must
 * have the locked digest: a repository that serves other content for the same version is an
 * error, not an update.
 */
import path from 'node:path';
import { errorFinding, KasaneError, type Finding } from '../errors.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { readYamlValue } from '../k8s/yaml-read.ts';
import { sourceKind, type ChartSource } from '../project/chart-source.ts';
import { sha256Hex, treeDigest } from './digest.ts';
import type { HelmRunner } from './helm-process.ts';
import { formatLock, LOCK_FILE, lockMatches, VENDOR_DIR, type ChartLock, type LockedChart } from './lock.ts';
import { indexDigest } from './repo-index.ts';
import { readChartArchive } from './tar.ts';
import { makeWorkFolder, openVendor, readPulledArchive, readTextFile, readVendoredChart, readVendorFolder, releaseVendor, removeFolder, replaceVendor } from './vendor-fs.ts';

/** What vendoring did with one chart. */
export interface VendoredReport {
  name: string;
  chart: string;
  version: string;
  /** `kept`: already vendored as locked; `pulled`: from a repository or registry; `packaged`: from a folder. */
  action: 'kept' | 'pulled' | 'packaged';
}

/** What `kasane vendor` did. */
export interface VendorResult {
  charts: VendoredReport[];
  /** Charts the vendor folder held that are no longer declared. */
  removed: string[];
  /** False when the vendor folder was already as it should be (nothing written). */
  changed: boolean;
}

interface Pulled {
  files: Map<string, Uint8Array>;
  locked: LockedChart;
  action: VendoredReport['action'];
}

const describe = (s: ChartSource): string => (sourceKind(s.repository) === 'folder' ? `folder ${s.repository}` : `${s.chart ?? s.name} ${s.version} from ${s.repository}`);

function pullFailed(source: ChartSource, said: string): KasaneError {
  const first =
    said
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? 'helm failed without a message';
  return new KasaneError(
    errorFinding('charts/pull-failed', `cannot vendor chart '${source.name}' (${describe(source)}): ${first.replace(/^Error: /, '')}`, {
      hint: 'check the repository, chart name and version in kasane.config.ts, and the network; the vendor folder was not changed',
    }),
  );
}

/** Runs helm; throws `charts/pull-failed` with helm's message when it fails. */
async function helmOrFail(helm: HelmRunner, source: ChartSource, args: string[], env?: Record<string, string>): Promise<void> {
  const result = await helm.run(args, env ? { env } : {});
  if (result.status !== 0) throw pullFailed(source, result.stderr || result.stdout);
}

/** Pulls one chart into `work` with helm; returns the archive and, for a classic repository, the digest its index lists. */
async function pullArchive(helm: HelmRunner, source: ChartSource, root: string, work: string): Promise<{ file: string; bytes: Uint8Array; indexed?: string }> {
  const chart = source.chart ?? source.name;
  // helm writes the archive into an existing folder: the work folder itself.
  const out = work;
  const kind = sourceKind(source.repository);
  let indexed: string | undefined;
  if (kind === 'repository') {
    // A repository list and cache of this run only: the user's own repositories stay as they are.
    const env = { HELM_REPOSITORY_CONFIG: path.join(work, 'repositories.yaml'), HELM_REPOSITORY_CACHE: path.join(work, 'cache') };
    await helmOrFail(helm, source, ['repo', 'add', 'kasane-vendor', source.repository], env);
    await helmOrFail(helm, source, ['pull', `kasane-vendor/${chart}`, '--version', source.version!, '-d', out], env);
    const index = indexDigest((await readTextFile(path.join(work, 'cache', 'kasane-vendor-index.yaml'))) ?? '', source.repository, chart, source.version!);
    if ('finding' in index) throw new KasaneError(index.finding);
    indexed = index.digest;
  } else if (kind === 'oci') {
    await helmOrFail(helm, source, ['pull', `${source.repository.replace(/\/+$/, '')}/${chart}`, '--version', source.version!, '-d', out, ...(source.plainHttp ? ['--plain-http'] : [])]);
  } else {
    await helmOrFail(helm, source, ['package', path.resolve(root, source.repository), '-d', out]);
  }
  const archive = await readPulledArchive(out);
  if (!archive) throw pullFailed(source, `helm wrote no single chart archive into '${out}'`);
  return { ...archive, ...(indexed ? { indexed } : {}) };
}

/** Name and version of a chart's Chart.yaml. */
function chartYaml(files: ReadonlyMap<string, Uint8Array>, source: ChartSource): { name: string; version: string } {
  const bytes = files.get('Chart.yaml');
  const value = bytes ? readYamlValue(bytes) : undefined;
  if (!isPlainObject(value) || typeof value.name !== 'string' || value.version === undefined) {
    throw new KasaneError(
      errorFinding('charts/invalid-archive', `chart '${source.name}' (${describe(source)}) has no readable Chart.yaml with a name and a version`, {
        hint: 'check that the repository serves a Helm chart',
      }),
    );
  }
  return { name: value.name, version: String(value.version) };
}

/** Pulls, unpacks and checks one chart. */
async function pullChart(helm: HelmRunner, source: ChartSource, root: string, locked: LockedChart | undefined): Promise<Pulled> {
  const work = await makeWorkFolder();
  try {
    const archive = await pullArchive(helm, source, root, work);
    const archiveDigest = `sha256:${sha256Hex(archive.bytes)}`;
    if (archive.indexed && archive.indexed !== archiveDigest) {
      throw new KasaneError(
        errorFinding(
          'charts/digest-mismatch',
          `chart '${source.name}' (${describe(source)}): the archive downloaded has digest ${archiveDigest}, but the repository's index.yaml lists ${archive.indexed}`,
          { hint: 'the archive was changed after the repository was indexed, or in transit: do not use it; report it to the repository owner' },
        ),
      );
    }
    const { files } = readChartArchive(archive.bytes, `'${archive.file}' of chart '${source.name}'`);
    const meta = chartYaml(files, source);
    const kind = sourceKind(source.repository);
    if (kind !== 'folder' && (meta.name !== (source.chart ?? source.name) || meta.version !== source.version)) {
      throw new KasaneError(
        errorFinding('charts/unexpected-chart', `chart '${source.name}': asked for ${source.chart ?? source.name} ${source.version}, the archive holds ${meta.name} ${meta.version}`, {
          hint: 'check the repository: it serves another chart under this name',
        }),
      );
    }
    const digest = treeDigest(files);
    if (kind !== 'folder' && locked && lockMatches(source, locked) && locked.digest !== digest) {
      throw new KasaneError(
        errorFinding(
          'charts/digest-mismatch',
          `chart '${source.name}' (${describe(source)}): the files pulled now have digest ${digest}, but ${VENDOR_DIR}/${LOCK_FILE} locked ${locked.digest} for the same version`,
          { hint: 'the repository serves other content for this version than when it was vendored; check with its owner, or declare another version' },
        ),
      );
    }
    const entry: LockedChart = { repository: source.repository, chart: meta.name, version: meta.version, digest, ...(kind === 'folder' ? {} : { archiveDigest }) };
    return { files, locked: entry, action: kind === 'folder' ? 'packaged' : 'pulled' };
  } finally {
    await removeFolder(work);
  }
}

/** The charts the vendor folder holds that are neither locked nor the lock itself: someone else's. */
function foreignEntries(entries: readonly string[], lock: ChartLock | undefined): Finding[] {
  return entries
    .filter((e) => e !== LOCK_FILE && !(lock && Object.hasOwn(lock.charts, e)))
    .map((e) =>
      errorFinding('charts/foreign-entry', `'${VENDOR_DIR}/${e}' was not written by kasane vendor, which replaces the whole folder`, {
        source: { file: `${VENDOR_DIR}/${e}` },
        hint: `move it out of ${VENDOR_DIR}/ (declare a chart folder of your own with repository: './path'), then run kasane vendor again`,
      }),
    );
}

/**
 * Vendors the declared charts into `<root>/vendor/charts/` and writes the lock.
 * @throws KasaneError `charts/pull-failed`, `charts/digest-mismatch`, `charts/unsafe-archive`,
 *   `charts/invalid-archive`, `charts/unexpected-chart`, `charts/foreign-entry`,
 *   `charts/lock-invalid`, `render/locked`, `render/write-failed`
 */
export async function vendorCharts(root: string, sources: readonly ChartSource[], helm: HelmRunner, token: string): Promise<VendorResult> {
  const session = await openVendor(root);
  try {
    const folder = await readVendorFolder(root);
    const foreign = foreignEntries(folder.entries, folder.lock);
    if (foreign.length) throw new KasaneError(foreign);
    const ready = new Map<string, Pulled>();
    for (const source of [...sources].sort((a, b) => compareCodeUnits(a.name, b.name))) {
      const locked = folder.lock?.charts[source.name];
      const kept = locked && sourceKind(source.repository) !== 'folder' && lockMatches(source, locked) ? await readVendoredChart(path.join(folder.dir, source.name)) : undefined;
      if (kept && treeDigest(kept) === locked!.digest) ready.set(source.name, { files: kept, locked: locked!, action: 'kept' });
      else ready.set(source.name, await pullChart(helm, source, root, locked));
    }
    const lock: ChartLock = { charts: Object.fromEntries([...ready].map(([name, p]) => [name, p.locked])) };
    const removed = Object.keys(folder.lock?.charts ?? {})
      .filter((name) => !ready.has(name))
      .sort(compareCodeUnits);
    const lockText = formatLock(lock);
    const same = folder.lock !== undefined && formatLock(folder.lock) === lockText && [...ready.values()].every((p) => p.action !== 'pulled') && (await unchangedFolders(folder.dir, ready));
    if (!same) await replaceVendor(session, new Map([...ready].map(([name, p]) => [name, p.files])), lockText, token);
    const charts = [...ready].map(([name, p]) => ({ name, chart: p.locked.chart, version: p.locked.version, action: p.action }));
    return { charts, removed, changed: !same };
  } finally {
    await releaseVendor(session);
  }
}

/** True when every chart folder already holds exactly the files to vendor. */
async function unchangedFolders(dir: string, ready: ReadonlyMap<string, Pulled>): Promise<boolean> {
  for (const [name, p] of ready) {
    const current = await readVendoredChart(path.join(dir, name));
    if (!current || treeDigest(current) !== p.locked.digest) return false;
  }
  return true;
}
