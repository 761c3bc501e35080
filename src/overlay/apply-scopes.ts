/**
 * Scopes, innermost first: each group (and each component with an overlay of its own) gathers
 * the objects of what it holds and applies its overlay to them alone, then hands them to the
 * scope that holds it, as `kubectl kustomize` builds every kustomization a parent lists on its
 * own before the parent's transforms run. Gathering checks identities as Kustomize does when it
 * adds a child's objects: two objects with the same kind, namespace and name are an error (a
 * diamond must tell its copies apart, by a prefix or a namespace).
 */
import type { Finding } from '../errors.ts';
import { duplicateFindings } from '../k8s/duplicates.ts';
import type { Resource } from '../k8s/resource.ts';
import type { Scope } from '../project/component-plan.ts';

/** What applying one scope's overlay gives; `stop` after a failed patch or transform. */
export interface ScopeResult {
  resources: Resource[];
  findings: Finding[];
  stop?: true;
}

function addTo(buckets: Map<string, Resource[]>, path: string, resources: readonly Resource[]): void {
  const bucket = buckets.get(path);
  if (!bucket) buckets.set(path, [...resources]);
  else for (const r of resources) bucket.push(r);
}

const describe = (scope: Scope): string => (scope.kind === 'group' ? `group '${scope.path}'` : `component '${scope.level.name}'`);

/**
 * Applies every scope in `scopes` (innermost first, as `planRender` lists them) to the objects it
 * holds — `resource.scope` names the innermost one — with `apply`. Returns the objects of the
 * environment itself (those of no scope and those the outermost scopes handed up) and the
 * findings; on an error, every object as it was then.
 */
export function applyScopes(
  resources: readonly Resource[],
  scopes: readonly Scope[],
  env: string,
  apply: (held: Resource[], scope: Scope) => ScopeResult,
): { resources: Resource[]; findings: Finding[] } {
  if (scopes.length === 0) return { resources: [...resources], findings: [] };
  const buckets = new Map<string, Resource[]>();
  for (const r of resources) addTo(buckets, r.scope ?? '', [r]);
  const findings: Finding[] = [];
  const everything = () => [...buckets.values()].flat();
  for (const scope of scopes) {
    const held = buckets.get(scope.path) ?? [];
    buckets.delete(scope.path);
    const twice = duplicateFindings(held, scope.env, `in ${describe(scope)}`);
    if (twice.length) return { resources: [...everything(), ...held], findings: [...findings, ...twice] };
    const applied = apply(held, scope);
    findings.push(...applied.findings);
    addTo(buckets, scope.parent, applied.resources);
    if (applied.stop || applied.findings.some((f) => f.severity === 'error')) return { resources: everything(), findings };
  }
  const top = buckets.get('') ?? [];
  findings.push(...duplicateFindings(top, env, 'when the environment gathers its groups'));
  return { resources: top, findings };
}
