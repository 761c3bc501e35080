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
 * | `string`, `number`, `boolean` | a JSON scalar |
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
 * `T|[]U` is a `T` or a list of `U`.
 */

/** The type graph of one Kubernetes version. */
export interface TypeGraphData {
  /** `major.minor`, e.g. `1.30`. */
  kubernetesVersion: string;
  /** The package the data was generated from, e.g. `kubernetes-types@1.30.0`. */
  source: string;
  /** `apiVersion Kind` (e.g. `apps/v1 Deployment`, `v1 ConfigMap`) → the kind's root type id. */
  kinds: Readonly<Record<string, string>>;
  /** Type id → its properties, encoded as described above. */
  types: Readonly<Record<string, string>>;
}
