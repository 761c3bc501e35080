/**
 * Two objects with the same identity (group, kind, namespace, name) in one environment: an
 * error after the build (two components, or one twice), when a group gathers what it holds (as
 * Kustomize refuses to add an id it has already), and again after the overlay (a rename or a
 * generator made them meet).
 */
import { formatObjectRef, type Finding, type SourceLocation } from '../errors.ts';
import { objectKey, refOf } from './object.ts';
import { sourceOfResource } from './origin.ts';
import type { Resource } from './resource.ts';

/** A `render/duplicate-object` finding for every object that repeats an earlier one. */
export function duplicateFindings(resources: readonly Resource[], env: string, stage: string): Finding[] {
  const seen = new Map<string, Resource>();
  const findings: Finding[] = [];
  for (const res of resources) {
    const key = objectKey(res.object);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, res);
      continue;
    }
    const where =
      first.scope !== res.scope
        ? `${holder(first)} and ${holder(res)} both hold it`
        : first.component === res.component
          ? `component '${res.component}' builds it twice`
          : `components '${first.component}' and '${res.component}' both build it`;
    const firstBuilt = sourceOfResource(first);
    findings.push({
      severity: 'error',
      code: 'render/duplicate-object',
      message: `${formatObjectRef(refOf(res.object))} is defined twice ${stage}: ${where}`,
      hint:
        first.scope !== res.scope
          ? 'give the groups different name prefixes or namespaces, or list the component once'
          : 'rename one of the objects, or drop one of the components from the environment',
      env,
      component: res.component,
      object: refOf(res.object),
      ...sourceOf(res),
      ...(firstBuilt ? { related: [firstBuilt] } : {}),
    });
  }
  return findings;
}

/** What holds a resource, for the message: `group 'blue'`, or the environment. */
function holder(res: Resource): string {
  return res.scope ? `'${res.scope}'` : 'the environment';
}

/** `{ source }` of the builder call that made a resource, or nothing. */
function sourceOf(res: Resource): { source?: SourceLocation } {
  const source = sourceOfResource(res);
  return source ? { source } : {};
}
