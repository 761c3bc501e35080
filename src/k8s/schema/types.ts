/**
 * The compact form of the Kubernetes type graph that scripts/gen-schema.mjs generates (one file
 * per Kubernetes version, e.g. ./k8s-1.30.ts). Schema validation (./load.ts) and strategic
 * merge patches (../merge-keys.ts) both read it.
 *
 * A type id names an interface of `kubernetes-types` by its module: `core/v1.Container`,
 * `meta/v1.ObjectMeta`, `runtime.RawExtension`.
 *
 * A type's value lists its properties, separated by single spaces, each written
 * `name`, `!` when the property is required, then `:type` unless the type is `string`:
 * `name! image ports:[]#ContainerPort`. A type is written:
 *
 * | form | meaning |
 * |---|---|
 * | `string`, `number`, `boolean` | a JSON scalar (`number` may have a fraction) |
 * | `int32`, `int64` | an integer of that size |
 * | `=A,B,C` | a string that is one of `A`, `B`, `C` (an enum) |
 * | `int-or-string` | an integer or a string (`IntOrString`) |
 * | `quantity` | a resource quantity (`1Gi`, `100m`, or a number) |
 * | `time` | an RFC 3339 timestamp string |
 * | `any` | anything (`RawExtension`, `JSON`, `FieldsV1`) |
 * | `#core/v1.Container` | an object of the named type |
 * | `#Container` | an object of the named type in the same module as the type being described |
 * | `[]T` | a list of `T` |
 * | `{}T` | a map from free string keys to `T` |
 * | `T\|U` | either (the variant is picked by the value's JSON type) |
 *
 * `[]` and `{}` apply to everything after them: `{}T|U` is a map of `T|U` values, while
 * `T|[]U` is a `T` or a list of `U`; `[]=ReadOnlyMany,ReadWriteOnce` is a list of enum values.
 *
 * Enum values are sorted by code unit, and `%`, whitespace, `,`, `|` and `#` in them are
 * percent-encoded (`cert%20sign` is `cert sign`); an empty value is written as nothing
 * (`=,IPv4,IPv6` allows `""`).
 *
 * Property names, types and required flags come from `kubernetes-types` ({@link
 * TypeGraphData.source}), which has neither enums nor integer sizes. Those come from the
 * validators of `kubernetes-models` ({@link TypeGraphData.valueSource}), probed by
 * scripts/gen-schema.mjs. That package may describe a newer Kubernetes version than the graph:
 * its enums may then list values added later (values are added, not removed, between
 * versions), which the API server of the graph's version rejects. A type it has no validator
 * for (an alpha or beta API it dropped) keeps plain `string` and `number`.
 */

/** The type graph of one Kubernetes version. */
export interface TypeGraphData {
  /** `major.minor`, e.g. `1.30`. */
  kubernetesVersion: string;
  /** The package the data was generated from, e.g. `kubernetes-types@1.30.0`. */
  source: string;
  /** The package enum values and integer sizes were read from, e.g. `kubernetes-models@4.5.1`. */
  valueSource: string;
  /** `apiVersion Kind` (e.g. `apps/v1 Deployment`, `v1 ConfigMap`) → the kind's root type id. */
  kinds: Readonly<Record<string, string>>;
  /** Type id → its properties, encoded as described above. */
  types: Readonly<Record<string, string>>;
}
