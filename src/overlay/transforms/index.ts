/**
 * The transforms of one overlay level, in the order `kubectl kustomize` (Kustomize v5.5.0)
 * runs them within one kustomization, checked by experiment:
 *
 * 1. resources: the objects of the level below (already overlaid) and the level's own objects;
 * 2. generators: `configMapGenerator`, `secretGenerator` (create, merge into or replace an
 *    object of the level below, matched by its first name);
 * 3. patches (`patches`, `patchesStrategicMerge`): they see the names before this level's
 *    prefix (a patch targets `web`, not `p-web`) and images before `images`;
 * 4. namespace; 5. namePrefix, then nameSuffix; 6. labels (`commonLabels`, then `labels`);
 * 7. annotations (`commonAnnotations`);
 * 8. legacy `patchesJson6902` entries: after labels, so they can change a common label;
 * 9. replicas (after patches: `replicas` wins over a patched `spec.replicas`);
 * 10. images (after patches: `images` wins over a patched image).
 *
 * Content-hash suffixes are not part of a level: Kustomize appends them once, after the last
 * overlay, to the final names (`o-b-cfg-<hash>`, hash of the final data), and then rewrites
 * references; call `applyHashSuffixes` there. Name references after prefixes and suffixes are
 * rewritten at once by `addNameAffix`, which gives the same result because every object of a
 * level gets the same prefix and suffix.
 */
export { addAnnotations, type AddAnnotationsOptions } from './annotations.ts';
export { setImages, type ImageOverride, type SetImagesOptions } from './images.ts';
export { addLabels, type AddLabelsOptions } from './labels.ts';
export { addNameAffix, type AddNameAffixOptions } from './name-affix.ts';
export { rewriteReferences, type Rename } from './name-reference.ts';
export { setNamespace, type SetNamespaceOptions } from './namespace.ts';
export { setReplicas, type ReplicaCount, type SetReplicasOptions } from './replicas.ts';
export type { StepOptions } from './history.ts';

/** A step of one overlay level. */
export type OverlayStep =
  | 'generators'
  | 'patches'
  | 'namespace'
  | 'namePrefix'
  | 'nameSuffix'
  | 'labels'
  | 'annotations'
  | 'patchesJson6902'
  | 'replicas'
  | 'images';

/** The order of the steps of one overlay level, as Kustomize v5.5.0 runs them (see above). */
export const TRANSFORM_ORDER: readonly OverlayStep[] = [
  'generators',
  'patches',
  'namespace',
  'namePrefix',
  'nameSuffix',
  'labels',
  'annotations',
  'patchesJson6902',
  'replicas',
  'images',
];
