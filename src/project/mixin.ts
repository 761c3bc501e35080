/**
 * Mixins: a named overlay (components, generators, patches, transforms and every other overlay
 * field) that environments include, kasane's form of Kustomize Components. An included mixin
 * runs inside the level that lists it, after that level's generators and before its own
 * patches and transforms, over every object gathered so far: its components' objects join at
 * that point, and its steps see the names before the including level's prefix. Made by
 * `defineMixin` (define/mixin.ts).
 */
import type { SourceLocation } from '../errors.ts';
import type { ComponentUse } from './component.ts';
import type { GroupMember, GroupUse } from './group.ts';
import type { OverlayOptions } from './overlay-options.ts';
import type { Patch } from './patch.ts';
import type { Transform } from './transform.ts';

/** The props of `defineMixin`. */
export interface MixinProps extends OverlayOptions {
  /** Mixin name: a lowercase DNS label. */
  name: string;
  /**
   * Components and groups whose objects the mixin adds when it runs (after the objects already
   * gathered). A group's own overlay has run on its objects by then, as Kustomize builds a folder
   * a Component lists on its own before the Component's steps. @default []
   */
  components?: readonly GroupMember[];
  /** Patches, in order. @default [] */
  patches?: readonly Patch[];
  /** Functions over the object list, run after the patches. @default [] */
  transforms?: readonly Transform[];
}

/** A mixin, as returned by `defineMixin`. */
export interface Mixin extends Omit<MixinProps, 'components'> {
  readonly kind: 'kasane.mixin';
  readonly components: readonly (ComponentUse<any> | GroupUse)[];
  readonly source?: SourceLocation;
}

/** True for a value made by `defineMixin`. */
export function isMixin(value: unknown): value is Mixin {
  return (value as Mixin | undefined)?.kind === 'kasane.mixin';
}

/**
 * One level of overlay as the overlay stage runs it: an environment of the `extends` chain or
 * a mixin it includes.
 */
export interface OverlayLevel extends OverlayOptions {
  name: string;
  patches?: readonly Patch[];
  transforms?: readonly Transform[];
  readonly source?: SourceLocation;
}

/** Every mixin `level` includes, depth first in the order they run, with the level that lists each. */
export function mixinsOf(level: OverlayLevel): Mixin[] {
  return (level.mixins ?? []).flatMap((m) => [m, ...mixinsOf(m)]);
}

/** The names of the components `uses` hold, in groups too: their objects join when the mixin runs. */
export function heldComponentNames(uses: readonly (ComponentUse<any> | GroupUse)[]): string[] {
  return uses.flatMap((use) => (use.kind === 'kasane.group-use' ? heldComponentNames(use.group.components) : [use.component.name]));
}
