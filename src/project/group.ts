/**
 * Groups as data: components and other groups under one overlay of their own (namespace, name
 * prefix, labels, generators, patches, ...), which applies to what the group holds, innermost
 * first, before the environment's overlay — as a Kustomize kustomization transforms only the
 * objects it gathers. Made by `defineGroup` (define/group.ts); planned by `planComponents`,
 * applied by the overlay stage.
 */
import type { SourceLocation } from '../errors.ts';
import type { Component, ComponentUse } from './component.ts';
import type { LevelOverlay } from './overlay-options.ts';

/** What a group can hold: components and groups, bare or with values. */
export type GroupMember = Component<any> | ComponentUse<any> | Group | GroupUse;

/**
 * Values for the members of a group, by member name: a component's values, or for a group
 * inside it, the same record one level down (`{ web: { replicas: 2 }, backend: { api: {...} } }`).
 */
export type GroupValues = Readonly<Record<string, unknown>>;

/** The props of `defineGroup`. */
export interface GroupProps extends LevelOverlay {
  /**
   * Group name: a lowercase DNS label, unique among the members of what holds it. It names the
   * group in `kasane explain`, in findings and in the values of `group.with(...)`.
   */
  name: string;
  /** The components and groups it holds; each is built once per group that holds it. */
  components: readonly GroupMember[];
}

/** A group, as returned by `defineGroup`. */
export interface Group extends Omit<GroupProps, 'components'> {
  readonly kind: 'kasane.group';
  readonly components: readonly (ComponentUse<any> | GroupUse)[];
  /** Where `defineGroup` was called. */
  readonly source?: SourceLocation;
  /** This group with values for its members, layered over the values they were listed with. */
  with(values: GroupValues): GroupUse;
}

/** A group listed with values for its members. */
export interface GroupUse {
  readonly kind: 'kasane.group-use';
  readonly group: Group;
  readonly values: GroupValues;
  /** Where `.with()` was called (or the group was listed). */
  readonly source?: SourceLocation;
}

/** True for a value made by `defineGroup`. */
export function isGroup(value: unknown): value is Group {
  return (value as Group | undefined)?.kind === 'kasane.group';
}

/** True for a value made by `group.with(...)`. */
export function isGroupUse(value: unknown): value is GroupUse {
  return (value as GroupUse | undefined)?.kind === 'kasane.group-use';
}

/** The name a member goes by: its component's or its group's. */
export function memberName(use: ComponentUse<any> | GroupUse): string {
  return use.kind === 'kasane.group-use' ? use.group.name : use.component.name;
}
