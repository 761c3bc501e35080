/**
 * Layers of plain values merged into one: plain objects deep-merge, later layers winning;
 * arrays and every other value replace (deepmerge's default would concatenate arrays, which no
 * one expects of a values layer). Component values and a chart's values files merge this way.
 */
import deepmerge from 'deepmerge';
import { isPlainObject } from './plain-object.ts';

/** Merges value layers, later layers winning; `undefined` layers are skipped. Inputs are not changed. */
export function mergeValues(layers: readonly unknown[]): Record<string, unknown> {
  return deepmerge.all(
    layers.filter((l) => l !== undefined).map((l) => l as object),
    { isMergeableObject: isPlainObject, arrayMerge: (_target, source) => source },
  ) as Record<string, unknown>;
}
