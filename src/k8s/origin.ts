/**
 * Where an object was built: builders record the call stack (cheaply: V8 formats it only when
 * read) under a symbol key, so a finding or `kasane explain` can name the line of the
 * `deployment({...})` call in the user's component. The mark never reaches the YAML output.
 */
import type { SourceLocation } from '../errors.ts';
import { firstUserFrame } from '../util/stack-frames.ts';
import type { Resource } from './resource.ts';

const ORIGIN = Symbol.for('kasane.origin');

/** A captured call stack; `stack` is formatted on first read. */
export interface Origin {
  readonly stack?: string;
}

/** Records the current call stack on `obj` (frames from `below` up are left out). */
export function markOrigin<T extends object>(obj: T, below: Function): T {
  const origin: { stack?: string } = {};
  Error.captureStackTrace(origin, below);
  // Not enumerable: deep equality in tests and spreading ignore it (a spread copy falls back to
  // the component's own location).
  Object.defineProperty(obj, ORIGIN, { value: origin, enumerable: false, configurable: true, writable: true });
  return obj;
}

/** The recorded origin of an object, if a builder made it. */
export function originOf(obj: object): Origin | undefined {
  return (obj as { [ORIGIN]?: Origin })[ORIGIN];
}

/**
 * The line of the builder call that made a resource (`deployment({...})` in the component),
 * else the component's own declaration.
 */
export function sourceOfResource(resource: Resource): SourceLocation | undefined {
  const stack = resource.origin?.stack;
  return (stack ? firstUserFrame(stack) : undefined) ?? resource.source;
}
