/**
 * Kustomize's `images`: changes the name, tag or digest of container images. Like
 * `kubectl kustomize` it looks at every `containers` and `initContainers` list anywhere in an
 * object (custom kinds too) and matches an image by its name without tag and digest.
 */
import { fieldSpecApplies, type FieldSpec } from '../../k8s/field-specs.ts';
import { isPlainObject } from '../../util/plain-object.ts';
import type { Resource } from '../../k8s/resource.ts';
import type { ImageOverride } from '../../project/overlay-options.ts';
import { updatedField } from './field-path.ts';
import { withChange, type StepOptions } from './history.ts';

/** Options of {@link setImages}. */
export interface SetImagesOptions extends StepOptions {
  images: readonly ImageOverride[];
  /** Fields holding an image besides containers' and initContainers' (from `configurations`). @default none */
  fields?: readonly FieldSpec[];
}

/** An image reference split into name, tag and digest (a registry port is part of the name). */
export interface ImageParts {
  name: string;
  tag?: string;
  digest?: string;
}

/** Splits `registry:5000/app:1.2@sha256:…` into its name, tag and digest. */
export function parseImage(image: string): ImageParts {
  const at = image.indexOf('@');
  const named = at < 0 ? image : image.slice(0, at);
  const colon = named.lastIndexOf(':');
  const parts: ImageParts = colon > named.lastIndexOf('/') ? { name: named.slice(0, colon), tag: named.slice(colon + 1) } : { name: named };
  if (at >= 0) parts.digest = image.slice(at + 1);
  return parts;
}

/** The image after applying `override` to it (the caller checked the name matches). */
export function overrideImage(image: string, override: ImageOverride): string {
  const old = parseImage(image);
  const name = override.newName ?? old.name;
  if (override.digest !== undefined) return `${name}${override.newTag !== undefined ? `:${override.newTag}` : ''}@${override.digest}`;
  if (override.newTag !== undefined) return `${name}:${override.newTag}`;
  return `${name}${old.tag !== undefined ? `:${old.tag}` : ''}${old.digest !== undefined ? `@${old.digest}` : ''}`;
}

/**
 * `node` with the images of every `containers` and `initContainers` list under it changed, or
 * undefined when no image changes. Copy-on-write: only the maps and lists on the way to a
 * changed image are new, everything else is shared.
 */
function withImages(node: unknown, images: ReadonlyMap<string, ImageOverride>): unknown {
  if (Array.isArray(node)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < node.length; i++) {
      const next = withImages(node[i], images);
      if (next !== undefined) (copy ??= node.slice())[i] = next;
    }
    return copy;
  }
  if (!isPlainObject(node)) return undefined;
  let copy: Record<string, unknown> | undefined;
  // for-in walks a plain object's own keys in Object.keys order, without making the list.
  for (const key in node) {
    const value = node[key];
    const list = (key === 'containers' || key === 'initContainers') && Array.isArray(value) ? withContainerImages(value, images) : undefined;
    const next = withImages(list ?? value, images) ?? list;
    if (next !== undefined) (copy ??= { ...node })[key] = next;
  }
  return copy;
}

/** A containers list with its matching images changed, or undefined when none changes. */
function withContainerImages(containers: readonly unknown[], images: ReadonlyMap<string, ImageOverride>): unknown[] | undefined {
  let copy: unknown[] | undefined;
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i];
    if (!isPlainObject(c) || typeof c.image !== 'string') continue;
    const override = images.get(parseImage(c.image).name);
    if (!override) continue;
    const image = overrideImage(c.image, override);
    if (image !== c.image) (copy ??= containers.slice())[i] = { ...c, image };
  }
  return copy;
}

/** Returns `resources` with every matching container image changed by the first matching entry. */
export function setImages(resources: readonly Resource[], options: SetImagesOptions): Resource[] {
  if (options.images.length === 0) return [...resources];
  // The first entry for a name wins, as a search through the list in order would find it.
  const byName = new Map<string, ImageOverride>();
  for (const image of options.images) if (!byName.has(image.name)) byName.set(image.name, image);
  return resources.map((resource) => {
    let object = (withImages(resource.object, byName) as Resource['object'] | undefined) ?? resource.object;
    for (const fs of options.fields ?? []) {
      if (!fieldSpecApplies(fs, object)) continue;
      object = (updatedField(object, fs.path, false, (value) => overrideAt(value, byName)) as Resource['object'] | undefined) ?? object;
    }
    return object === resource.object ? resource : withChange(resource, object, 'images', options);
  });
}

/** The image at a configured field with its override applied, or undefined when none applies. */
function overrideAt(value: unknown, images: ReadonlyMap<string, ImageOverride>): string | undefined {
  if (typeof value !== 'string') return undefined;
  const override = images.get(parseImage(value).name);
  const next = override ? overrideImage(value, override) : value;
  return next === value ? undefined : next;
}
