/**
 * API lifecycle findings: an object whose `apiVersion` the target Kubernetes minor serves but
 * has deprecated (`schema/deprecated-api`, a warning: the API server accepts it and answers
 * with a deprecation warning), or no longer serves (`schema/removed-api`, an error: the API
 * server rejects it with "no matches for kind"). The facts come from Kubernetes' own
 * prerelease-lifecycle tags (../k8s/lifecycle-data.ts); the replacement named is the one
 * Kubernetes declares, followed while it is itself removed at the target, else a version of
 * the same group and kind that the target serves.
 */
import type { Finding } from '../errors.ts';
import { apiStatusAt, type ApiKind, type ApiLifecycle } from '../k8s/api-lifecycle.ts';
import { parseApiVersion } from '../k8s/object.ts';
import type { CompiledSchema } from '../k8s/schema/load.ts';

/** A lifecycle finding without the object's fields, which the caller adds. */
export type LifecycleFinding = Pick<Finding, 'severity' | 'code' | 'message' | 'hint' | 'path'>;

/** How stable a version name is: GA first, then beta, then alpha (`v1` < `v2beta1` < `v1alpha1`). */
function stability(version: string): number {
  return version.includes('alpha') ? 2 : version.includes('beta') ? 1 : 0;
}

/**
 * A more stable version of the same group and kind that the target serves, most stable first
 * (for APIs whose lifecycle names no replacement: `networking.k8s.io/v1beta1 IPAddress` →
 * `networking.k8s.io/v1`). A less stable one (beta to alpha) is no replacement.
 */
function servedSibling(api: ApiKind, schema: CompiledSchema): ApiKind | undefined {
  const { group, version } = parseApiVersion(api.apiVersion);
  const candidates: string[] = [];
  for (const key of schema.kinds.keys()) {
    const slash = key.lastIndexOf('/');
    const apiVersion = key.slice(0, slash);
    const other = parseApiVersion(apiVersion);
    if (key.slice(slash + 1) === api.kind && other.group === group && stability(other.version) < stability(version)) candidates.push(apiVersion);
  }
  candidates.sort((a, b) => stability(parseApiVersion(a).version) - stability(parseApiVersion(b).version));
  return candidates.length ? { apiVersion: candidates[0]!, kind: api.kind } : undefined;
}

/**
 * Kubernetes' replacement, unless the target serves a more stable version of the same kind
 * (flowcontrol `v1beta2` names `v1beta3`, but 1.29 serves `v1` too).
 */
function preferred(declared: ApiKind | undefined, sibling: ApiKind | undefined): ApiKind | undefined {
  if (!declared || !sibling) return declared ?? sibling;
  const same = declared.kind === sibling.kind && parseApiVersion(declared.apiVersion).group === parseApiVersion(sibling.apiVersion).group;
  return same && stability(parseApiVersion(sibling.apiVersion).version) < stability(parseApiVersion(declared.apiVersion).version) ? sibling : declared;
}

function named(api: ApiKind): string {
  return `${api.apiVersion} ${api.kind}`;
}

/** `use batch/v1 CronJob` and the matching hint, or the advice when nothing replaces it. */
function replacementText(api: ApiKind, use: ApiKind | undefined, minor: string, yet: string): { use: string; hint: string } {
  if (!use) {
    return {
      use: `Kubernetes ${minor} serves no replacement${yet}`,
      hint: `remove the object, or move to what the Kubernetes Deprecated API Migration Guide names for ${named(api)}`,
    };
  }
  const kind = use.kind === api.kind ? '' : ` and kind to '${use.kind}'`;
  return { use: `use ${named(use)}`, hint: `set apiVersion to '${use.apiVersion}'${kind}, and check its fields against the new version` };
}

function removedFinding(api: ApiKind, lifecycle: ApiLifecycle, use: ApiKind | undefined, minor: string): LifecycleFinding {
  const deprecated = lifecycle.deprecated ? `deprecated in ${lifecycle.deprecated}, ` : '';
  const text = replacementText(api, use, minor, '');
  return {
    severity: 'error',
    code: 'schema/removed-api',
    message: `Kubernetes ${minor} no longer serves ${named(api)} (${deprecated}removed in ${lifecycle.removed}): ${text.use}`,
    hint: text.hint,
    path: ['apiVersion'],
  };
}

function deprecatedFinding(api: ApiKind, lifecycle: ApiLifecycle, use: ApiKind | undefined, minor: string): LifecycleFinding {
  const removal = lifecycle.removed ? ` and removed in ${lifecycle.removed}` : '';
  const text = replacementText(api, use, minor, ' yet');
  const before = lifecycle.removed ? ` before upgrading to ${lifecycle.removed}` : '';
  return {
    severity: 'warning',
    code: 'schema/deprecated-api',
    message: `${named(api)} is deprecated since Kubernetes ${lifecycle.deprecated}${removal}: ${text.use}`,
    hint: use ? `${text.hint}${before}` : text.hint,
    path: ['apiVersion'],
  };
}

/** What {@link apiLifecycleFinding} returns. */
export interface LifecycleResult {
  finding?: LifecycleFinding;
  servedFrom?: string;
}

/** Results by schema, apiVersion and kind: a render asks the same few pairs thousands of times. */
const results = new WeakMap<CompiledSchema, Map<string, Map<string, LifecycleResult>>>();

/**
 * What the target minor of `schema` says about an object's API version: a deprecation warning,
 * a removal error, the minor that first serves it (`servedFrom`, for an API not served yet), or
 * nothing (served and current, or no lifecycle facts: custom resources). The result is shared:
 * copy the finding before changing it.
 */
export function apiLifecycleFinding(api: ApiKind, schema: CompiledSchema): LifecycleResult {
  let byVersion = results.get(schema);
  if (!byVersion) results.set(schema, (byVersion = new Map()));
  let byKind = byVersion.get(api.apiVersion);
  if (!byKind) byVersion.set(api.apiVersion, (byKind = new Map()));
  let result = byKind.get(api.kind);
  if (!result) byKind.set(api.kind, (result = lifecycleAt(api, schema)));
  return result;
}

function lifecycleAt(api: ApiKind, schema: CompiledSchema): LifecycleResult {
  const minor = schema.kubernetesVersion;
  const status = apiStatusAt(api, minor);
  if (status.state === 'served') return {};
  if (status.state === 'not-yet') return status.lifecycle.introduced ? { servedFrom: status.lifecycle.introduced } : {};
  const use = preferred(status.use, servedSibling(api, schema));
  if (status.state === 'removed') return { finding: removedFinding(api, status.lifecycle, use, minor) };
  return { finding: deprecatedFinding(api, status.lifecycle, use, minor) };
}
