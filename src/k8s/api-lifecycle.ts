/**
 * When a built-in API version of a kind was introduced, deprecated and removed, and what an
 * object of it should move to, from the generated table ./lifecycle-data.ts (Kubernetes'
 * prerelease-lifecycle tags). Validation asks {@link apiStatusAt} for each object's
 * `apiVersion` and `kind` at the target minor.
 */
import { API_LIFECYCLE } from './lifecycle-data.ts';

/** An API version of a kind, as objects write it: `batch/v1beta1` and `CronJob`. */
export interface ApiKind {
  apiVersion: string;
  kind: string;
}

/** The lifecycle facts of one API version of a kind; minors are `major.minor` strings. */
export interface ApiLifecycle extends ApiKind {
  /** The minor that first served it. */
  introduced?: string;
  /** The minor from which it is deprecated. */
  deprecated?: string;
  /** The first minor that no longer serves it. */
  removed?: string;
  /** What Kubernetes names as its replacement (which may itself be removed later). */
  replacement?: ApiKind;
}

/** What a minor does with an API version of a kind. */
export type ApiStatus =
  /** Served, and not deprecated (or kasane has no lifecycle facts for it). */
  | { state: 'served'; lifecycle?: ApiLifecycle }
  /** Served but deprecated: `removed` says when it goes, `use` what to move to. */
  | { state: 'deprecated'; lifecycle: ApiLifecycle; use?: ApiKind }
  /** No longer served: `use` is the replacement that minor serves, if any. */
  | { state: 'removed'; lifecycle: ApiLifecycle; use?: ApiKind }
  /** Not served yet: it comes in `lifecycle.introduced`. */
  | { state: 'not-yet'; lifecycle: ApiLifecycle };

const parsed = new Map<string, ApiLifecycle | null>();

function kindOf(text: string): ApiKind {
  const space = text.indexOf(' ');
  return { apiVersion: text.slice(0, space), kind: text.slice(space + 1) };
}

/**
 * The lifecycle facts of an API version of a kind, or undefined when Kubernetes declares none
 * (custom resources, and built-in versions whose package never declared any).
 * @example apiLifecycleOf({ apiVersion: 'batch/v1beta1', kind: 'CronJob' })?.removed // '1.25'
 */
export function apiLifecycleOf(api: ApiKind): ApiLifecycle | undefined {
  const key = `${api.apiVersion} ${api.kind}`;
  let hit = parsed.get(key);
  if (hit === undefined) {
    const text = Object.hasOwn(API_LIFECYCLE, key) ? API_LIFECYCLE[key]! : undefined;
    hit = null;
    if (text !== undefined) {
      const [introduced, deprecated, removed, ...rest] = text.split(' ');
      const replacement = rest.join(' ');
      hit = { apiVersion: api.apiVersion, kind: api.kind };
      if (introduced !== '-') hit.introduced = introduced!;
      if (deprecated !== '-') hit.deprecated = deprecated!;
      if (removed !== '-') hit.removed = removed!;
      if (replacement !== '-') hit.replacement = kindOf(replacement);
    }
    parsed.set(key, hit);
  }
  return hit ?? undefined;
}

/** Compares two `major.minor` versions numerically (`1.9` < `1.25`). */
export function compareMinors(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/**
 * The replacement to move to at `minor`: Kubernetes' replacement, followed on while that is
 * itself removed at `minor` (flowcontrol `v1beta2` → `v1beta3` → `v1`); undefined when the
 * chain ends in a removed API (PodSecurityPolicy has no successor).
 */
export function replacementAt(lifecycle: ApiLifecycle, minor: string): ApiKind | undefined {
  let next = lifecycle.replacement;
  for (let hops = 0; next && hops < 10; hops++) {
    const facts = apiLifecycleOf(next);
    if (!facts?.removed || compareMinors(minor, facts.removed) < 0) return next;
    next = facts.replacement;
  }
  return undefined;
}

/**
 * What Kubernetes `minor` does with an API version of a kind: serves it, serves it deprecated,
 * no longer serves it, or does not serve it yet.
 * @example apiStatusAt({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema' }, '1.32').state // 'removed'
 */
export function apiStatusAt(api: ApiKind, minor: string): ApiStatus {
  const lifecycle = apiLifecycleOf(api);
  if (!lifecycle) return { state: 'served' };
  if (lifecycle.introduced && compareMinors(minor, lifecycle.introduced) < 0) return { state: 'not-yet', lifecycle };
  const use = replacementAt(lifecycle, minor);
  if (lifecycle.removed && compareMinors(minor, lifecycle.removed) >= 0) return use ? { state: 'removed', lifecycle, use } : { state: 'removed', lifecycle };
  if (lifecycle.deprecated && compareMinors(minor, lifecycle.deprecated) >= 0) return use ? { state: 'deprecated', lifecycle, use } : { state: 'deprecated', lifecycle };
  return { state: 'served', lifecycle };
}
