/**
 * Replacements as a project declares them (Kustomize's `replacements:` entries): copy one
 * field of one object into fields of others, after the level's other steps. Objects are
 * selected by any name, namespace and kind they had (a prefix added below does not hide them).
 */

/** Which objects: every given field must match. */
export interface ObjectSelector {
  group?: string;
  version?: string;
  kind?: string;
  /** Exact name (current, or any earlier name of the object). */
  name?: string;
  namespace?: string;
  /** Label selector, e.g. `app=api,tier in (web)`. */
  labelSelector?: string;
  /** Annotation selector, same syntax. */
  annotationSelector?: string;
}

/** How a value is cut from the source or written into a target. */
export interface ReplacementOptions {
  /** Split the string on this delimiter and use (or replace) part `index`. @default whole value */
  delimiter?: string;
  /**
   * The part of a delimited string. In a target, an index past the end appends the value as a
   * new last part and a negative one prepends it.
   * @default 0
   */
  index?: number;
  /** Create a missing target field. @default false */
  create?: boolean;
}

/** The source of a replacement: exactly one object must match. */
export interface ReplacementSource extends Omit<ObjectSelector, 'labelSelector' | 'annotationSelector'> {
  /** Dotted path of the value, e.g. `spec.template.spec.containers.[name=app].image`. @default 'metadata.name' */
  fieldPath?: string;
  options?: ReplacementOptions;
}

/** One set of targets of a replacement. */
export interface ReplacementTarget {
  select: ObjectSelector;
  /** Objects to leave out of what `select` matched. @default none */
  reject?: readonly ObjectSelector[];
  /** Dotted paths to write (`[key=value]` picks a list element, `*` every element). @default ['metadata.name'] */
  fieldPaths?: readonly string[];
  options?: ReplacementOptions;
}

/** One replacement. */
export interface Replacement {
  source: ReplacementSource;
  targets: readonly ReplacementTarget[];
}
