/**
 * Marks an object as generated: its name gets Kustomize's content-hash suffix when the overlay
 * is done, and every reference to it follows the new name. The mark is a symbol-keyed property,
 * so it survives spreading (`{ ...cm }`) and never reaches the YAML output.
 */
const GENERATED = Symbol.for('kasane.generated');

/** Options a builder records on a generated object. */
export interface GeneratedMark {
  /** Append the content-hash suffix. */
  hashSuffix: boolean;
}

/** Returns `obj` with the generated mark set (mutates and returns the fresh object a builder made). */
export function markGenerated<T extends object>(obj: T, mark: GeneratedMark): T {
  Object.defineProperty(obj, GENERATED, { value: mark, enumerable: true, configurable: true, writable: true });
  return obj;
}

/** The generated mark of an object, if any. */
export function generatedMarkOf(obj: object): GeneratedMark | undefined {
  return (obj as { [GENERATED]?: GeneratedMark })[GENERATED];
}
