/**
 * The compact form of the Kubernetes type graphs that scripts/gen-k8s-versions.mjs generates:
 * the newest minor in full (e.g. ./k8s-1.36.ts), older minors as deltas (e.g. ./k8s-1.30.ts).
 * Schema validation (./load.ts) and strategic merge patches (../merge-keys.ts) both read it.
 *
 * A type id names an OpenAPI definition by its module, as kasane's generated types (../api/)
 * name their modules: `core/v1.Container` (`io.k8s.api.core.v1.Container`), `meta/v1.ObjectMeta`,
 * `apiextensions/v1.JSONSchemaProps`.
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
 * | `any` | anything (`RawExtension`, `JSON`, `FieldsV1`, `Patch`) |
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
 * Besides the properties, a graph has two tables keyed `typeId.property`:
 *
 * - `patch`: the strategic-merge patch strategy and merge key, `strategy` or `strategy:key`
 *   (`merge:name`, `merge,retainKeys:name`, `retainKeys`, `merge`), from the OpenAPI
 *   extensions `x-kubernetes-patch-strategy` and `x-kubernetes-patch-merge-key`;
 * - `lists`: the list type of server-side apply, `atomic`, `set` or `map:key1,key2`, from
 *   `x-kubernetes-list-type` and `x-kubernetes-list-map-keys`.
 *
 * All of it comes from the OpenAPI document of each release (scripts/gen-k8s-versions.mjs
 * names the source in {@link TypeGraphData.source}); enum values of releases whose published
 * document has none come from the `+enum` Go types of k8s.io/api at that release
 * ({@link TypeGraphData.valueSource}).
 *
 * Only the newest minor is stored in full. Each older minor is a {@link TypeGraphDelta}
 * against the next newer one: for each of `kinds`, `types`, `patch` and `lists`, the keys
 * whose value differs, each with the older minor's value, or `null` for a key the older minor
 * lacks; a type that changed is written whole. A delta's module holds it as JSON text, which
 * costs nothing to load until ./graph.ts parses it and applies the deltas from the newest minor
 * down to the one asked for.
 */

/** The type graph of one Kubernetes version. */
export interface TypeGraphData {
  /** `major.minor`, e.g. `1.30`. */
  kubernetesVersion: string;
  /** The document the data was generated from, as `repository@commit:path`. */
  source: string;
  /** Where enum values come from: `the same document`, or the Go source it was read from. */
  valueSource: string;
  /** `apiVersion Kind` (e.g. `apps/v1 Deployment`, `v1 ConfigMap`) → the kind's root type id. */
  kinds: Readonly<Record<string, string>>;
  /** Type id → its properties, encoded as described above. */
  types: Readonly<Record<string, string>>;
  /** `typeId.property` → patch strategy and merge key (`merge:name`). */
  patch: Readonly<Record<string, string>>;
  /** `typeId.property` → list type (`map:name`, `set`, `atomic`). */
  lists: Readonly<Record<string, string>>;
}

/** An older minor as changes to the graph of the next newer minor ({@link TypeGraphDelta.base}). */
export interface TypeGraphDelta {
  /** `major.minor` of this minor. */
  kubernetesVersion: string;
  /** `major.minor` of the graph this delta applies to. */
  base: string;
  /** As {@link TypeGraphData.source}, for this minor. */
  source: string;
  /** As {@link TypeGraphData.valueSource}, for this minor. */
  valueSource: string;
  /** Kinds whose root type differs, null for kinds this minor lacks. */
  kinds: Readonly<Record<string, string | null>>;
  /** Types whose properties differ (written whole), null for types this minor lacks. */
  types: Readonly<Record<string, string | null>>;
  /** Patch facts that differ, null where this minor has none. */
  patch: Readonly<Record<string, string | null>>;
  /** List types that differ, null where this minor has none. */
  lists: Readonly<Record<string, string | null>>;
}
