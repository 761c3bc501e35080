/**
 * Where an object of a Helm chart came from: the chart, the template that printed it, and for a
 * Helm hook its events and what the hook policy did. Carried by the object's Resource from the
 * build stage on, for `explain` and for findings that name the template.
 */

/** What happens to Helm hooks that are not tests (tests are always dropped). */
export type HookPolicy = 'keep' | 'drop' | 'argocd';

/** The hook policies, for messages and option parsing. */
export const HOOK_POLICIES: readonly HookPolicy[] = ['keep', 'drop', 'argocd'];

/** A Helm hook as the chart declared it, and the policy that kept it. */
export interface ChartHook {
  /** `helm.sh/hook`, split at commas. */
  events: string[];
  /** `helm.sh/hook-weight`. @default '0' */
  weight?: string;
  /** `helm.sh/hook-delete-policy`, split at commas. */
  deletePolicies?: string[];
  policy: HookPolicy;
}

/** Where a chart object came from: what `explain` and findings name. */
export interface ChartProvenance {
  /** The declared chart's name. */
  chart: string;
  /** The path inside the chart: `templates/deployment.yaml`, `charts/redis-ha/templates/…`, `crds/…`. */
  template: string;
  /** For a kept hook: its events and the policy. */
  hook?: ChartHook;
}
