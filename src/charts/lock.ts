/**
 * The chart lock file, `vendor/charts/charts.lock.json`: for each vendored chart, where it came
 * from, its version and the digest of its files (digest.ts). It lives inside the vendor folder
 * so that one swap replaces the charts and their lock together. Written with sorted keys and no
 * time stamps, so the same charts give the same bytes on every machine.
 */
import { errorFinding, type Finding } from '../errors.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { sourceKind, VENDOR_DIR, type ChartSource } from '../project/chart-source.ts';

export { VENDOR_DIR } from '../project/chart-source.ts';

/** The lock file's name inside the vendor folder. */
export const LOCK_FILE = 'charts.lock.json';

/** One vendored chart in the lock. */
export interface LockedChart {
  /** As declared. */
  repository: string;
  /** The chart's name (in the repository, or in the folder's Chart.yaml). */
  chart: string;
  /** The chart's version (as declared, or from the folder's Chart.yaml). */
  version: string;
  /** Digest of the chart's files (digest.ts): what render checks. */
  digest: string;
  /** SHA-256 of the archive pulled: the index.yaml digest or the OCI layer digest; absent for folders. */
  archiveDigest?: string;
}

/** The lock: vendored charts by the project's name for them. */
export interface ChartLock {
  charts: Record<string, LockedChart>;
}

const lockPath = `${VENDOR_DIR}/${LOCK_FILE}`;

/** The lock as the file holds it: version 1, keys sorted, two-space indentation, a final newline. */
export function formatLock(lock: ChartLock): string {
  const charts: Record<string, LockedChart> = {};
  for (const name of Object.keys(lock.charts).sort(compareCodeUnits)) {
    const c = lock.charts[name]!;
    charts[name] = { ...(c.archiveDigest ? { archiveDigest: c.archiveDigest } : {}), chart: c.chart, digest: c.digest, repository: c.repository, version: c.version };
  }
  return `${JSON.stringify({ charts, lockVersion: 1 }, null, 2)}\n`;
}

const DIGEST = /^sha256:[0-9a-f]{64}$/;

function isLockedChart(value: unknown): value is LockedChart {
  if (!isPlainObject(value)) return false;
  const { repository, chart, version, digest, archiveDigest } = value;
  return (
    typeof repository === 'string' &&
    typeof chart === 'string' &&
    typeof version === 'string' &&
    typeof digest === 'string' &&
    DIGEST.test(digest) &&
    (archiveDigest === undefined || (typeof archiveDigest === 'string' && DIGEST.test(archiveDigest)))
  );
}

/** Reads a lock file's text. Finding: `charts/lock-invalid`. */
export function parseLock(text: string): { lock: ChartLock } | { finding: Finding } {
  const invalid = (detail: string) => ({
    finding: errorFinding('charts/lock-invalid', `cannot read '${lockPath}': ${detail}`, {
      source: { file: lockPath },
      hint: 'run `kasane vendor` to pull the declared charts and write the lock again',
    }),
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return invalid((error as Error).message);
  }
  if (!isPlainObject(value) || value.lockVersion !== 1 || !isPlainObject(value.charts)) return invalid('expected { "lockVersion": 1, "charts": { … } }');
  for (const [name, entry] of Object.entries(value.charts)) if (!isLockedChart(entry)) return invalid(`the entry of chart '${name}' is not { repository, chart, version, digest }`);
  return { lock: { charts: value.charts as Record<string, LockedChart> } };
}

/** True when the locked chart is what the declaration asks for (a folder: the same folder). */
export function lockMatches(source: ChartSource, locked: LockedChart | undefined): boolean {
  if (!locked || locked.repository !== source.repository) return false;
  return sourceKind(source.repository) === 'folder' || (locked.chart === (source.chart ?? source.name) && locked.version === source.version);
}

/** What a declared chart's folder in the vendor folder holds now. */
export type VendoredState = { digest: string } | { missing: true } | { links: string[] };

const fix = 'run `kasane vendor` (it needs the network once; render never does)';

/**
 * Findings for declared charts that are not vendored as the lock says, each naming the chart
 * and the command that fixes it: `charts/not-vendored`, `charts/vendor-outdated`,
 * `charts/vendor-changed`.
 */
export function checkVendored(sources: readonly ChartSource[], lock: ChartLock | undefined, states: ReadonlyMap<string, VendoredState>): Finding[] {
  const findings: Finding[] = [];
  for (const source of sources) {
    const locked = lock?.charts[source.name];
    const state = states.get(source.name) ?? { missing: true };
    const at = { source: { file: `${VENDOR_DIR}/${source.name}` } };
    if (!locked || 'missing' in state) {
      findings.push(
        errorFinding(
          'charts/not-vendored',
          `chart '${source.name}' is declared in kasane.config.ts but not vendored: ${!locked ? `'${lockPath}' has no entry for it` : `'${VENDOR_DIR}/${source.name}' is missing`}`,
          { ...at, hint: fix },
        ),
      );
    } else if (!lockMatches(source, locked)) {
      const wanted = sourceKind(source.repository) === 'folder' ? source.repository : `${source.chart ?? source.name} ${source.version} from ${source.repository}`;
      findings.push(
        errorFinding('charts/vendor-outdated', `chart '${source.name}': kasane.config.ts declares ${wanted}, but the vendor folder holds ${locked.chart} ${locked.version} from ${locked.repository}`, {
          ...at,
          hint: fix,
        }),
      );
    } else if ('links' in state) {
      findings.push(
        errorFinding('charts/vendor-changed', `chart '${source.name}' in '${VENDOR_DIR}' holds links or special files (${state.links.map((l) => `'${l}'`).join(', ')}), which kasane never writes`, {
          ...at,
          hint: `remove them and ${fix} to restore the chart`,
        }),
      );
    } else if (state.digest !== locked.digest) {
      findings.push(
        errorFinding('charts/vendor-changed', `chart '${source.name}' in '${VENDOR_DIR}' was changed after it was vendored: its files have digest ${state.digest}, the lock says ${locked.digest}`, {
          ...at,
          hint: `${fix} to restore it; to change a chart, vendor another version or declare a chart folder of your own`,
        }),
      );
    }
  }
  return findings;
}
