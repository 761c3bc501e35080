/**
 * Vars as a project declares them (Kustomize's deprecated `vars:`): `$(NAME)` in the fields
 * Kustomize's var reference table names (container command, args and env values, ...) becomes
 * a field of an object, read after the whole overlay, so renames are already applied.
 */

/** One var. */
export interface Var {
  /** The name written as `$(NAME)`. */
  name: string;
  /** The object it reads, by the name it was written with (before any prefix). */
  objref: {
    kind: string;
    name: string;
    /** `group/version` or `version`. @default any */
    apiVersion?: string;
    /** @default any */
    namespace?: string;
  };
  /** The field it reads, dotted, with `[0]` for list elements. @default 'metadata.name' */
  fieldref?: { fieldpath?: string };
}
