/**
 * Transformer configurations: what Kustomize's `configurations:` files declare. Each list adds
 * fields to one of the overlay's steps, so that renames, namespaces, labels, annotations,
 * images, replicas and `$(VAR)` substitution reach fields of custom kinds the built-in tables
 * do not know. A configuration declared at one level applies to that level and every level
 * above it, as in Kustomize.
 */
import type { FieldSpecInput } from './field-spec.ts';

/** The fields that hold the name of objects of one kind (Kustomize `nameReference` entry). */
export interface NameReferenceConfig {
  /** Kind of the referenced objects, e.g. `Issuer`. */
  kind: string;
  /** Its API group. @default any group */
  group?: string;
  /** Its API version. @default any version */
  version?: string;
  /** Fields of other kinds that hold the name (a string, a list of strings, or `{ name, namespace }`). */
  fieldSpecs: readonly FieldSpecInput[];
}

/** Field specs added to the overlay's steps. Every list is optional. */
export interface TransformerConfig {
  /** Fields a name prefix is added to. @default metadata.name only */
  namePrefix?: readonly FieldSpecInput[];
  /** Fields a name suffix is added to. @default metadata.name only */
  nameSuffix?: readonly FieldSpecInput[];
  /** Fields that receive the namespace (replacing their value). */
  namespace?: readonly FieldSpecInput[];
  /** Fields that take `commonLabels` and labels with `includeSelectors` (selectors and templates). */
  commonLabels?: readonly FieldSpecInput[];
  /** Fields that take labels with `includeTemplates`. */
  templateLabels?: readonly FieldSpecInput[];
  /** Fields that take every `labels` entry. */
  labels?: readonly FieldSpecInput[];
  /** Fields that take common annotations. */
  commonAnnotations?: readonly FieldSpecInput[];
  /** Fields holding a container image that `images` changes. */
  images?: readonly FieldSpecInput[];
  /** Fields that `replicas` sets. */
  replicas?: readonly FieldSpecInput[];
  /** Fields in which `$(VAR)` is replaced by a var's value. */
  varReference?: readonly FieldSpecInput[];
  /** Fields that follow a renamed object of a kind. */
  nameReference?: readonly NameReferenceConfig[];
}
