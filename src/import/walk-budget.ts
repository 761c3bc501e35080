/**
 * How far the import follows a schema it reads (`openapi`, `crds`). A schema's `$ref`s may fan
 * out so that a few kilobytes name an exponential number of paths; the walks stop after a fixed
 * number of nodes, far above any real schema, with a finding instead of running for ever.
 */
import type { FieldPath, Finding } from '../errors.ts';

/** Nodes one file's walk may visit: a whole Kubernetes swagger document visits far fewer. */
export const WALK_BUDGET = 1_000_000;

/** What is left of a walk's budget. */
export interface WalkBudget {
  left: number;
}

/** A fresh budget for one file. */
export function walkBudget(): WalkBudget {
  return { left: WALK_BUDGET };
}

/** Spends one node; true when the budget is gone (the walk must stop). */
export function exhausted(budget: WalkBudget): boolean {
  budget.left--;
  return budget.left < 0;
}

/** The finding of a schema whose walk ran out of budget. */
export function tooLarge(file: string, code: string, where?: { file: string; path: FieldPath }): Finding {
  return {
    severity: 'error',
    code,
    message: `expected a schema whose references can be followed, found one in '${file}' that names more than ${WALK_BUDGET} fields ($refs that fan out)`,
    hint: 'check the $ref chains of the definitions: each should name a smaller type, not fan out again at every level',
    source: { file: where?.file ?? file },
    ...(where ? { path: where.path } : {}),
  };
}
