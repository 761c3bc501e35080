/**
 * The one way a builder fails: a {@link KasaneError} with a `builder/*` code, the object being
 * built and the field path of the offending prop.
 */
import { errorFinding, KasaneError } from '../errors.ts';
import type { FieldPath } from '../errors.ts';

/** What a builder error names: the object being built and where in it the problem is. */
export interface BuilderErrorContext {
  /** The object being built, e.g. `{ apiVersion: 'v1', kind: 'Service', name: 'web' }`. */
  object: { apiVersion: string; kind: string; name: string };
  /** Field path inside the object (or inside the props when the field has no place in it). */
  path: FieldPath;
  /** How to fix it. */
  hint: string;
}

/** A {@link KasaneError} with one finding: `code` is `builder/<problem>`. */
export function builderError(code: string, message: string, context: BuilderErrorContext): KasaneError {
  return new KasaneError(errorFinding(code, message, { hint: context.hint, object: context.object, path: context.path }));
}

/** `'a', 'b'` for a message, or `(none)`. */
export function quoteList(names: readonly string[]): string {
  return names.length ? names.map((n) => `'${n}'`).join(', ') : '(none)';
}
