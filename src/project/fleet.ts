/**
 * Fleets: many environments from one definition (ten clusters × three stages), each generated
 * from a member of a typed list and still an ordinary named environment. Made by `defineFleet`
 * (define/fleet.ts); the loader registers each of its environments.
 */
import type { SourceLocation } from '../errors.ts';
import type { Environment } from './environment.ts';

/** The props of `defineFleet`. */
export interface FleetProps<M> {
  /** Fleet name: a lowercase DNS label, equal to its file's name (`environments/edge.ts`). */
  name: string;
  /** The typed list the environments come from, e.g. `{ cluster, region, stage }` records. */
  members: readonly M[];
  /**
   * The environment of one member; its name must be unique in the project (and is the name of
   * its output folder).
   */
  environment(member: M, index: number): Environment;
}

/** A fleet, as returned by `defineFleet`. */
export interface Fleet<M = unknown> {
  readonly kind: 'kasane.fleet';
  readonly name: string;
  readonly members: readonly M[];
  /** One environment per member, in the order of `members`. */
  readonly environments: readonly Environment[];
  /** Where `defineFleet` was called. */
  readonly source?: SourceLocation;
}

/** True for a value made by `defineFleet`. */
export function isFleet(value: unknown): value is Fleet {
  return (value as Fleet | undefined)?.kind === 'kasane.fleet';
}
