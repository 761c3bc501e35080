/**
 * Which Helm versions kasane renders charts with, and why the others are refused. Pure: the
 * version string comes from `helm version` (helm-process.ts).
 *
 * Supported: 3.17.0 and later 3.x, and 4.x. Two Helm versions print the same documents for the
 * same chart and values, except that Helm 4 sorts the webhook configurations among the known
 * kinds (an order difference kasane's own object order hides). 3.18.0 is refused: it reads the
 * numbers of a chart's own values.yaml as strings (helm#30880, reverted in 3.18.1), so
 * `{{ if .Values.minReadySeconds }}` is true for 0 and templates that test a number's type take
 * the other branch, which prints invalid objects (a numeric port `name`).
 */
import { errorFinding, type Finding } from '../errors.ts';

/** A parsed `vMAJOR.MINOR.PATCH[-pre][+build]`. */
export interface HelmVersion {
  major: number;
  minor: number;
  patch: number;
  /** As helm printed it, e.g. `v3.17.2`. */
  text: string;
}

/** The oldest Helm kasane supports. */
export const MIN_HELM = '3.17.0';

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?$/;

/** Reads what `helm version --template {{.Version}}` prints; undefined when it is not a version. */
export function parseHelmVersion(text: string): HelmVersion | undefined {
  const trimmed = text.trim();
  const m = VERSION.exec(trimmed);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), text: trimmed };
}

const install = 'install Helm 3.17 or later, or Helm 4 (https://helm.sh/docs/intro/install/), or set KASANE_HELM to the path of such a binary';

/**
 * The finding that refuses a Helm version, or undefined when kasane supports it.
 * Codes: `charts/helm-too-old`, `charts/helm-unsupported` (3.18.0, Helm 5 and later).
 */
export function checkHelmVersion(version: HelmVersion, binary: string): Finding | undefined {
  const { major, minor, patch, text } = version;
  if (major < 3 || (major === 3 && minor < 17)) {
    return errorFinding('charts/helm-too-old', `Helm ${text} at '${binary}' is too old: kasane needs Helm ${MIN_HELM} or later (3.x or 4.x)`, { hint: install });
  }
  if (major === 3 && minor === 18 && patch === 0) {
    return errorFinding('charts/helm-unsupported', `Helm ${text} at '${binary}' reads numbers in a chart's values.yaml as strings (helm#30880), so charts render zero values and port fields wrongly`, {
      hint: 'use Helm 3.18.1 or later, 3.17, or Helm 4',
    });
  }
  if (major > 4) {
    return errorFinding('charts/helm-unsupported', `Helm ${text} at '${binary}' is newer than the Helm versions kasane is tested with (3.17 or later, 4.x)`, {
      hint: 'use Helm 4.x, or set KASANE_HELM to such a binary',
    });
  }
  return undefined;
}

/** The finding for a `helm` that cannot be found or does not run. Code: `charts/helm-not-found`. */
export function helmNotFound(detail: string): Finding {
  return errorFinding('charts/helm-not-found', `cannot run helm: ${detail}; kasane needs Helm ${MIN_HELM} or later (3.x or 4.x) to render and vendor charts`, { hint: install });
}
