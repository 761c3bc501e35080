/**
 * Types of strategic merge patches: a deep-partial of the target kind plus the patch directives.
 * Elements of lists merged by key are partial too but must carry their merge key, so
 * `{ name: 'app', image: 'app:2' }` patches one container of a Deployment.
 */
import type {
  Container,
  ContainerPort,
  EnvVar,
  EphemeralContainer,
  HostAlias,
  LocalObjectReference,
  ObjectReference,
  PodResourceClaim,
  PodSchedulingGate,
  ServicePort,
  TopologySpreadConstraint,
  Volume,
  VolumeDevice,
  VolumeMount,
} from '../k8s/api/core/v1.ts';
import type { OwnerReference } from '../k8s/api/meta/v1.ts';
import type { MatchCondition, MutatingWebhook, ValidatingWebhook, Variable } from '../k8s/api/admissionregistration/v1.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The merge key of a list element type, or `never` for a list a patch replaces wholesale. */
// prettier-ignore
export type MergeKeyOf<E> =
  Same<E, Container> extends true ? 'name'
  : Same<E, EphemeralContainer> extends true ? 'name'
  : Same<E, EnvVar> extends true ? 'name'
  : Same<E, Volume> extends true ? 'name'
  : Same<E, LocalObjectReference> extends true ? 'name'
  : Same<E, ObjectReference> extends true ? 'name'
  : Same<E, PodSchedulingGate> extends true ? 'name'
  : Same<E, PodResourceClaim> extends true ? 'name'
  : Same<E, MutatingWebhook> extends true ? 'name'
  : Same<E, ValidatingWebhook> extends true ? 'name'
  : Same<E, MatchCondition> extends true ? 'name'
  : Same<E, Variable> extends true ? 'name'
  : Same<E, ContainerPort> extends true ? 'containerPort'
  : Same<E, ServicePort> extends true ? 'port'
  : Same<E, VolumeMount> extends true ? 'mountPath'
  : Same<E, VolumeDevice> extends true ? 'devicePath'
  : Same<E, HostAlias> extends true ? 'ip'
  : Same<E, TopologySpreadConstraint> extends true ? 'topologyKey'
  : Same<E, OwnerReference> extends true ? 'uid'
  : never;

/** Directives a patch map may carry. */
export interface MapDirectives {
  /** `delete` clears the map, `replace` replaces it with the patch, `merge` is the default. */
  $patch?: 'delete' | 'replace' | 'merge';
  /** Fields of the target map to keep; the others are cleared (e.g. a Deployment's `strategy`). */
  $retainKeys?: string[];
  /** Values removed from a list of scalars merged as a set (e.g. finalizers). */
  [deleteFromPrimitiveList: `$deleteFromPrimitiveList/${string}`]: unknown[];
  /** The order the merged list should have. */
  [setElementOrder: `$setElementOrder/${string}`]: unknown[];
}

/** One element of a patch for a list merged by key `K`. */
export type ElementPatch<E, K extends keyof E> =
  (StrategicMergeBody<Omit<E, K>> & { [P in K]-?: NonNullable<E[P]> }) | ({ [P in K]-?: NonNullable<E[P]> } & { $patch: 'delete' }) | { $patch: 'replace' };

/** A patch for a list: by element for lists with a merge key, whole elements otherwise. */
export type ListPatch<E> = [MergeKeyOf<E>] extends [never] ? E[] : MergeKeyOf<E> extends keyof E ? ElementPatch<E, MergeKeyOf<E>>[] : E[];

/**
 * A strategic merge patch for objects of type `T`: every field optional, `null` to delete a
 * field, the directives on every map.
 * @example const body: StrategicMergeBody<Deployment> = { spec: { template: { spec: { containers: [{ name: 'app', image: 'app:2' }] } } } };
 */
export type StrategicMergeBody<T> = T extends readonly (infer E)[] ? ListPatch<E> : T extends object ? { [K in keyof T]?: StrategicMergeBody<NonNullable<T[K]>> | null } & MapDirectives : T;
