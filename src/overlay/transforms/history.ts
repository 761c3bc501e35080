/**
 * Copy-on-write for transforms: each one works on a deep copy of an object and records a
 * provenance step only when the object really changed.
 */
import type { SourceLocation } from '../../errors.ts';
import type { KObject } from '../../k8s/object.ts';
import { isPlainObject, setOwn } from '../../util/plain-object.ts';
import type { PreviousId, ProvenanceStep, Resource } from '../../k8s/resource.ts';
import { sameJson } from '../../util/same-json.ts';

/** Where a transform comes from: the environment (or group), and the line in its file when known. */
export interface StepOptions {
  /** The environment whose overlay runs the transform (for a group's: the one that lists the group). */
  env: string;
  /** The group (or component with an overlay of its own) whose overlay runs it. @default the environment */
  scope?: string;
  /** The transform's declaration in the environment's file. @default unset */
  source?: SourceLocation;
}

/** The provenance step a transform records. */
export function stepOf(step: string, options: StepOptions): ProvenanceStep {
  return { step, env: options.env, ...(options.scope ? { scope: options.scope } : {}), ...(options.source ? { source: options.source } : {}) };
}

// A plain-data walk is several times faster than structuredClone on Kubernetes-sized objects;
// anything that is not an array or a plain object still goes through structuredClone.
function cloneValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneValue(value[i]);
    return out;
  }
  if (!isPlainObject(value)) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, key, cloneValue(value[key]));
  return out;
}

/** A deep copy of a Kubernetes object (plain JSON data). */
export function copyObject(obj: KObject): KObject {
  return cloneValue(obj) as KObject;
}

/**
 * `resource` with `object` in place of its object and a history step appended (once per step
 * and environment in a row); `resource` itself when `object` holds the same data.
 */
export function withObject(resource: Resource, object: KObject, step: string, options: StepOptions): Resource {
  return sameJson(object, resource.object) ? resource : withChange(resource, object, step, options);
}

/**
 * {@link withObject} for a caller that knows `object` differs from the resource's object (it
 * changed a value to a different one): the step is recorded without comparing the two.
 */
export function withChange(resource: Resource, object: KObject, step: string, options: StepOptions): Resource {
  const last = resource.history?.[resource.history.length - 1];
  const ids = identityChange(resource, object);
  // A rename and the reference rewrite that follows it are one step.
  if (last && last.step === step && last.env === options.env && last.scope === options.scope) return { ...resource, ...ids, object };
  return { ...resource, ...ids, object, history: [...(resource.history ?? []), stepOf(step, options)] };
}

/**
 * `resource` with its current kind, name and namespace added to `previousIds`, changed or not:
 * Kustomize records every object's identity before its namespace transform, which makes an
 * object that keeps its name a candidate of the last pass over references (back-reference.ts).
 */
export function withPreviousId(resource: Resource): Resource {
  const { kind, metadata } = resource.object;
  const id: PreviousId = metadata.namespace ? { kind, name: metadata.name, namespace: metadata.namespace } : { kind, name: metadata.name };
  return { ...resource, previousIds: [...(resource.previousIds ?? []), id] };
}

/** `previousIds` with the resource's old identity added when `object` has another kind, name or namespace. */
export function identityChange(resource: Resource, object: KObject): Pick<Resource, 'previousIds'> {
  const old = resource.object;
  if (old.kind === object.kind && old.metadata.name === object.metadata.name && old.metadata.namespace === object.metadata.namespace) return {};
  const id = { kind: old.kind, name: old.metadata.name, ...(old.metadata.namespace ? { namespace: old.metadata.namespace } : {}) };
  return { previousIds: [...(resource.previousIds ?? []), id] };
}
