/**
 * Transform functions: plain functions over a level's object list, the escape hatch of every
 * overlay (an environment's or a mixin's).
 */
import type { AnyObject } from '../k8s/kinds.ts';

/** What a transform learns about the environment. */
export interface TransformContext {
  env: string;
  namespace?: string;
}

/**
 * A function over an environment's objects: returns the new list (it may add, drop or replace
 * objects; it gets copies and must not keep them).
 */
export type Transform = (objects: readonly AnyObject[], ctx: TransformContext) => readonly AnyObject[];
