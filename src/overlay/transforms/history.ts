/**
 * Copy-on-write for transforms: each one works on a deep copy of an object and records a
 * provenance step only when the object really changed.
 */
import type { SourceLocation } from '../../errors.ts';
import type { KObject } from '../../k8s/object.ts';
import type { Resource } from '../../k8s/resource.ts';

/** Where a transform comes from: the environment, and the line in its file when known. */
export interface StepOptions {
  /** The environment whose overlay runs the transform. */
  env: string;
  /** The transform's declaration in the environment's file. @default unset */
  source?: SourceLocation;
}

/** A deep copy of a Kubernetes object (plain JSON data). */
export function copyObject(obj: KObject): KObject {
  return structuredClone(obj);
}

/**
 * `resource` with `object` in place of its object and a history step appended (once per step
 * and environment in a row); `resource` itself when `object` holds the same data.
 */
export function withObject(resource: Resource, object: KObject, step: string, options: StepOptions): Resource {
  if (JSON.stringify(object) === JSON.stringify(resource.object)) return resource;
  const entry = options.source ? { step, env: options.env, source: options.source } : { step, env: options.env };
  const last = resource.history?.[resource.history.length - 1];
  // A rename and the reference rewrite that follows it are one step.
  if (last && last.step === step && last.env === options.env) return { ...resource, object };
  return { ...resource, object, history: [...(resource.history ?? []), entry] };
}
