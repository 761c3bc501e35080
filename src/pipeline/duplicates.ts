/**
 * Two objects with the same identity (group, kind, namespace, name) in one environment: an
 * error after the build (two components, or one twice) and again after the overlay (a rename
 * or a generator made them meet).
 */
import { formatObjectRef, type Finding, type SourceLocation } from '../errors.ts';
import { objectKey, refOf } from '../k8s/object.ts';
import { sourceOfResource } from '../k8s/origin.ts';
import type { Resource } from '../k8s/resource.ts';

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
    const where = first.component === res.component ? `component '${res.component}' builds it twice` : `components '${first.component}' and '${res.component}' both build it`;
    const firstBuilt = sourceOfResource(first);
    findings.push({
      severity: 'error',
      code: 'render/duplicate-object',
      message: `${formatObjectRef(refOf(res.object))} is defined twice ${stage}: ${where}`,
      hint: 'rename one of the objects, or drop one of the components from the environment',
      env,
      component: res.component,
      object: refOf(res.object),
      ...sourceOf(res),
      ...(firstBuilt ? { related: [firstBuilt] } : {}),
    });
  }
  return findings;
}

/** `{ source }` of the builder call that made a resource, or nothing. */
function sourceOf(res: Resource): { source?: SourceLocation } {
  const source = sourceOfResource(res);
  return source ? { source } : {};
}
