/**
 * Helm hooks and tests in a GitOps render: what happens to a document with a `helm.sh/hook`
 * annotation. Hooks are found on the rendered objects, never in templates: their annotations
 * can come from values (cert-manager's startupapicheck Job).
 *
 * - Tests (`test`, `test-success`, `test-failure`) are always dropped: `helm test` runs them on
 *   demand, and Argo CD does not treat them as hooks, so a kept test Pod would be applied on
 *   every sync.
 * - Hooks whose every event is a rollback (`pre-rollback`, `post-rollback`) are dropped: no
 *   GitOps tool has a rollback phase, and applied as a plain object they would run every sync.
 * - The other hooks follow the policy:
 *   `keep` (default) leaves them as they are: Argo CD maps `helm.sh/hook` to its sync phases
 *   (pre-install/pre-upgrade → PreSync, post-install/post-upgrade → PostSync, pre-delete →
 *   PreDelete, post-delete → PostDelete) and `helm.sh/hook-weight` to the sync wave;
 *   `drop` removes them; `argocd` rewrites them to `argocd.argoproj.io/hook`,
 *   `argocd.argoproj.io/sync-wave` and `argocd.argoproj.io/hook-delete-policy`, for tools that
 *   read only Argo CD's own annotations. Flux and `kubectl apply` know no hooks: with `keep`
 *   they apply hook Jobs as plain objects.
 */
import type { KObject } from '../k8s/object.ts';
import type { ChartHook, HookPolicy } from '../k8s/chart-provenance.ts';
import type { ChartObject } from './helm-output.ts';

export { HOOK_POLICIES, type HookPolicy } from '../k8s/chart-provenance.ts';

/** A hook as the chart declared it. */
export type HookInfo = Omit<ChartHook, 'policy'>;

/** A chart object after the policy: kept (maybe rewritten), with its hook when it is one. */
export interface PolicyObject extends ChartObject {
  hook?: ChartHook;
}

/** A document the policy left out, and why. */
export interface DroppedObject extends ChartObject {
  hook: HookInfo;
  reason: string;
}

const HOOK = 'helm.sh/hook';
const WEIGHT = 'helm.sh/hook-weight';
const DELETE = 'helm.sh/hook-delete-policy';
const TESTS = new Set(['test', 'test-success', 'test-failure']);
const ROLLBACKS = new Set(['pre-rollback', 'post-rollback']);
const PHASES: Record<string, string> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-install': 'PostSync',
  'post-upgrade': 'PostSync',
  'pre-delete': 'PreDelete',
  'post-delete': 'PostDelete',
};
const DELETE_POLICIES: Record<string, string> = { 'before-hook-creation': 'BeforeHookCreation', 'hook-succeeded': 'HookSucceeded', 'hook-failed': 'HookFailed' };

const split = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** The hook an object declares, or undefined when it is an ordinary object. */
export function hookOf(object: KObject): HookInfo | undefined {
  const annotations = object.metadata.annotations;
  const events = annotations?.[HOOK];
  if (typeof events !== 'string') return undefined;
  const weight = annotations?.[WEIGHT];
  const deletion = annotations?.[DELETE];
  return { events: split(events), ...(typeof weight === 'string' ? { weight } : {}), ...(typeof deletion === 'string' ? { deletePolicies: split(deletion) } : {}) };
}

/** The object with its Helm hook annotations replaced by Argo CD's; a new object. */
function toArgoCd(object: KObject, hook: HookInfo): KObject {
  const annotations: Record<string, string> = { ...object.metadata.annotations };
  delete annotations[HOOK];
  delete annotations[WEIGHT];
  delete annotations[DELETE];
  const phases = [...new Set(hook.events.map((e) => PHASES[e]).filter((p): p is string => p !== undefined))];
  annotations['argocd.argoproj.io/hook'] = phases.join(',');
  if (hook.weight !== undefined) annotations['argocd.argoproj.io/sync-wave'] = hook.weight;
  const policies = (hook.deletePolicies ?? []).map((p) => DELETE_POLICIES[p]).filter((p): p is string => p !== undefined);
  if (policies.length) annotations['argocd.argoproj.io/hook-delete-policy'] = policies.join(',');
  return { ...object, metadata: { ...object.metadata, annotations } };
}

/** Why a hook is left out under `policy`, or undefined when it stays. */
function dropReason(hook: HookInfo, policy: HookPolicy): string | undefined {
  if (hook.events.some((e) => TESTS.has(e))) return `a Helm test (${hook.events.join(', ')}): tests are never rendered; run them with helm test`;
  if (hook.events.every((e) => ROLLBACKS.has(e))) return `a rollback hook (${hook.events.join(', ')}): GitOps tools have no rollback phase`;
  if (policy === 'drop') return `a Helm hook (${hook.events.join(', ')}) and the hook policy is 'drop'`;
  return undefined;
}

/** Applies the hook policy to a chart's objects: which stay (hooks marked, maybe rewritten) and which are dropped. */
export function applyHookPolicy(objects: readonly ChartObject[], policy: HookPolicy): { objects: PolicyObject[]; dropped: DroppedObject[] } {
  const kept: PolicyObject[] = [];
  const dropped: DroppedObject[] = [];
  for (const entry of objects) {
    const hook = hookOf(entry.object);
    if (!hook) {
      kept.push(entry);
      continue;
    }
    const reason = dropReason(hook, policy);
    if (reason) dropped.push({ ...entry, hook, reason });
    else kept.push({ ...entry, object: policy === 'argocd' ? toArgoCd(entry.object, hook) : entry.object, hook: { ...hook, policy } });
  }
  return { objects: kept, dropped };
}
