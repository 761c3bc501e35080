/**
 * A level's transform functions over its objects: each gets copies and returns the new list;
 * a changed object records the step and the fields it changed, a new one comes from the level.
 */
import type { Finding } from '../errors.ts';
import { objectKey, type KObject } from '../k8s/object.ts';
import { FROM_ENVIRONMENT, type Resource } from '../k8s/resource.ts';
import type { OverlayLevel } from '../project/mixin.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { sameJson } from '../util/same-json.ts';
import { userFrame, userStack } from '../util/stack-frames.ts';
import { changedFields } from './changed-fields.ts';

function isObjectList(output: unknown): output is KObject[] {
  return Array.isArray(output) && output.every((o) => isPlainObject(o) && typeof o.kind === 'string' && isPlainObject(o.metadata) && typeof o.metadata.name === 'string');
}

/**
 * Runs `level.transforms` in order over `resources` for environment `env`. Stops at the first
 * transform that throws or returns something other than objects, with a finding.
 */
export function runTransforms(resources: Resource[], level: OverlayLevel, env: string, namespace: string | undefined): { resources: Resource[]; findings: Finding[] } {
  let current = resources;
  const at = level.source ? { source: level.source } : {};
  for (const transform of level.transforms ?? []) {
    const byKey = new Map(current.map((r) => [objectKey(r.object), r]));
    let output: unknown;
    try {
      output = transform(current.map((r) => structuredClone(r.object)) as never, { env, ...(namespace ? { namespace } : {}) });
    } catch (error) {
      const where = userFrame(error) ?? level.source;
      const finding: Finding = {
        severity: 'error',
        code: 'overlay/transform-threw',
        message: `a transform of environment '${level.name}' threw: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'fix the transform function at the location below',
        env,
        cause: userStack(error),
        ...(where ? { source: where } : {}),
      };
      return { resources: current, findings: [finding] };
    }
    if (!isObjectList(output)) {
      const finding: Finding = {
        severity: 'error',
        code: 'overlay/transform-invalid-result',
        message: `a transform of environment '${level.name}' returned something other than a list of Kubernetes objects`,
        hint: 'return the objects it was given (changed or not) plus any new ones',
        env,
        ...at,
      };
      return { resources: current, findings: [finding] };
    }
    const step = { step: 'transform', env: level.name, ...at };
    current = output.map((object) => {
      const before = byKey.get(objectKey(object));
      if (!before) return { object, component: FROM_ENVIRONMENT, history: [step], ...at };
      return sameJson(before.object, object) ? before : { ...before, object, history: [...(before.history ?? []), { ...step, paths: changedFields(before.object, object) }] };
    });
  }
  return { resources: current, findings: [] };
}
