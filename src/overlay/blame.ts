/**
 * Where a finding about an object points: at the statement that last wrote the field it is
 * about. That is the environment's patch (or transform) when one set, added or removed the
 * field or a field around it — a sidecar a patch added without probes, a wrong type in a patch
 * body — and otherwise the builder call that made the object. The object's provenance history
 * says which step changed which fields (see `ProvenanceStep.paths`).
 */
import { formatSource, type FieldPath, type Finding } from '../errors.ts';
import { objectKey, refKey } from '../k8s/object.ts';
import type { ProvenanceStep, Resource } from '../k8s/resource.ts';
import { sourceOfResource } from '../k8s/origin.ts';
import { keyedPath } from './changed-fields.ts';
import { vendoredFile } from '../project/chart-source.ts';

/**
 * `finding` (about `resource`'s object) pointed at the step that last changed its field, with
 * list elements in its path named by key and the builder call as a related place; else at the
 * builder call that made the object.
 */
export function locateFinding(finding: Finding, resource: Resource): Finding {
  const built = sourceOfResource(resource);
  const path = keyedPath(resource.object, finding.path ?? []);
  const step = lastStepOn(resource.history ?? [], path);
  // A chart's object names the template that printed it beside the helmChart call.
  const template = resource.chart ? [{ file: vendoredFile(resource.chart.chart, resource.chart.template) }] : [];
  if (!step?.source) return built ? { ...finding, source: built, ...(template.length ? { related: [...(finding.related ?? []), ...template] } : {}) } : finding;
  const related = [...(finding.related ?? []), ...(built && formatSource(built) !== formatSource(step.source) ? [built] : []), ...template];
  return { ...finding, source: step.source, ...(finding.path ? { path } : {}), ...(related.length ? { related } : {}) };
}

/** {@link locateFinding} for every finding about one of `resources` (others pass through). */
export function locateFindings(findings: readonly Finding[], resources: readonly Resource[]): Finding[] {
  if (findings.length === 0) return [];
  const byKey = new Map(resources.map((r) => [objectKey(r.object), r]));
  return findings.map((f) => {
    const res = f.object ? byKey.get(refKey(f.object)) : undefined;
    return res ? locateFinding(f, res) : f;
  });
}

/** The last step that changed `path` or a field that holds it. */
function lastStepOn(history: readonly ProvenanceStep[], path: FieldPath): ProvenanceStep | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const step = history[i]!;
    if (step.paths?.some((changed) => isPrefix(changed, path))) return step;
  }
  return undefined;
}

function isPrefix(prefix: FieldPath, path: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => part === path[i]);
}
