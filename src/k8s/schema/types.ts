/**
 * The compact form of the Kubernetes schema data that scripts/gen-schema.mjs generates.
 *
 * A type is a string:
 *
 * | form | meaning |
 * |---|---|
 * | `string`, `number`, `boolean` | a JSON scalar |
 * | `int-or-string` | an integer or a string (`IntOrString`) |
 * | `quantity` | a resource quantity (`1Gi`, `100m`, or a number) |
 * | `time` | an RFC 3339 timestamp string |
 * | `any` | anything (`RawExtension`, `JSON`) |
 * | `#core.v1.Container` | an object of the named definition |
 * | `[]T` | an array of `T` |
 * | `{}T` | a map from string keys to `T` |
 * | `T\|U` | either (the variant is picked by the value's JSON type) |
 */

/** One object definition: its properties and which of them are required. */
export interface SchemaDef {
  props: Record<string, string>;
  required?: string[];
}

/** Schema data of one Kubernetes version. */
export interface SchemaData {
  /** `major.minor`, e.g. `1.30`. */
  kubernetesVersion: string;
  /** The package the data was generated from, e.g. `kubernetes-types@1.30.0`. */
  source: string;
  /** `apiVersion/Kind` (e.g. `apps/v1/Deployment`, `v1/ConfigMap`) → definition name. */
  kinds: Record<string, string>;
  /** Definition name → definition. */
  defs: Record<string, SchemaDef>;
}
