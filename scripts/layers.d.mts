/** Types of scripts/layers.mjs, the layering table of src/. */
export const LAYERS: Readonly<Record<string, readonly string[]>>;
export const SIDE_EFFECT_FILES: readonly string[];
