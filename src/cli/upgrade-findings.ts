/**
 * What a Kubernetes upgrade would break: the findings of a validation at the target minor that
 * the validation at the current minor does not have, plus every deprecated or removed API at
 * the target (a deprecation already present is still worth listing before an upgrade).
 */
import { countOf, formatPath, type Finding } from '../errors.ts';

const LIFECYCLE = new Set(['schema/deprecated-api', 'schema/removed-api']);

/** Identity of a finding across versions: messages may name the minor, so they are left out. */
function keyOf(f: Finding): string {
  const o = f.object;
  return [f.env ?? '', f.code, o?.apiVersion ?? '', o?.kind ?? '', o?.namespace ?? '', o?.name ?? '', formatPath(f.path ?? [])].join('\u0000');
}

/** The findings at the target minor that an upgrade brings (see the module comment). */
export function upgradeFindings(current: readonly Finding[], target: readonly Finding[]): Finding[] {
  const before = new Set(current.map(keyOf));
  return target.filter((f) => LIFECYCLE.has(f.code) || !before.has(keyOf(f)));
}

/** One scope's versions: `prod 1.31 → 1.34`, or the file list for `validate -f`. */
export interface UpgradeScope {
  name: string;
  from: string;
}

/**
 * The closing line of an upgrade report: which scopes moved from which minor, and how many
 * errors at the target were there before the upgrade (not listed, `kasane validate` shows them).
 */
export function upgradeSummary(to: string, scopes: readonly UpgradeScope[], shown: readonly Finding[], target: readonly Finding[]): string {
  const moves = scopes.map((s) => `${s.name} ${s.from} → ${to}`).join(', ');
  const listed = new Set(shown);
  const earlier = target.filter((f) => f.severity === 'error' && !listed.has(f)).length;
  const already = earlier ? `; ${countOf(earlier, 'error')} at ${to} ${earlier === 1 ? 'is' : 'are'} there before the upgrade too (kasane validate lists ${earlier === 1 ? 'it' : 'them'})` : '';
  const verdict = shown.some((f) => f.severity === 'error') ? 'the upgrade breaks what is listed above' : shown.length ? 'nothing breaks; mind the warnings above' : 'nothing breaks';
  return `upgrade to Kubernetes ${to} (${moves}): ${verdict}${already}\n`;
}
