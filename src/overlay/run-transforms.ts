/**
 * A level's transform functions over its objects: each gets copies and returns the new list;
 * a changed object records the step and the fields it changed, a new one comes from the level.
 */
import type { Finding } from '../errors.ts';
import { objectKey, type KObject } from '../k8s/object.ts';
import type { Resource } from '../k8s/resource.ts';
import type { OverlayLevel } from '../project/mixin.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { sameJson } from '../util/same-json.ts';
import { userFrame, userStack } from '../util/stack-frames.ts';
import { changedFields } from './changed-fields.ts';
import { stepOf, type StepOptions } from './transforms/history.ts';

function isObjectList(output: unknown): output is KObject[] {
  return Array.isArray(output) && output.every((o) => isPlainObject(o) && typeof o.kind === 'string' && isPlainObject(o.metadata) && typeof o.metadata.name === 'string');
}

/** Where transforms run. */
export interface TransformRun {
  /** The environment being rendered (what the functions are told). */
  env: string;
  /** The level's namespace (what the functions are told). @default none */
  namespace?: string | undefined;
  /** Where the steps are recorded. */
  step: StepOptions;
  /** The component and scope of an object a transform adds. */
  place: Pick<Resource, 'component' | 'scope'>;
  /** Set for a scope's level, to name it in messages. @default an environment's */
  scope?: { path: string; component?: string };
}

/** `environment 'prod'`, `group 'frontend'`, `component 'web'`: what a message calls the level. */
function levelText(level: OverlayLevel, run: TransformRun): string {
  if (run.scope?.component) return `component '${run.scope.component}'`;
  return run.scope ? `group '${run.scope.path}'` : `environment '${level.name}'`;
}

/**
 * Runs `level.transforms` in order over `resources`. Stops at the first transform that throws
 * or returns something other than objects, with a finding.
 */
export function runTransforms(resources: Resource[], level: OverlayLevel, run: TransformRun): { resources: Resource[]; findings: Finding[] } {
  let current = resources;
  const { env, namespace } = run;
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
        message: `a transform of ${levelText(level, run)} threw: ${error instanceof Error ? error.message : String(error)}`,
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
        message: `a transform of ${levelText(level, run)} returned something other than a list of Kubernetes objects`,
        hint: 'return the objects it was given (changed or not) plus any new ones',
        env,
        ...at,
      };
      return { resources: current, findings: [finding] };
    }
    const step = stepOf('transform', run.step);
    current = output.map((object) => {
      const before = byKey.get(objectKey(object));
      if (!before) return { object, ...run.place, history: [step], ...at };
      return sameJson(before.object, object) ? before : { ...before, object, history: [...(before.history ?? []), { ...step, paths: changedFields(before.object, object) }] };
    });
  }
  return { resources: current, findings: [] };
}
