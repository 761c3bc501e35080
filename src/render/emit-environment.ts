/**
 * The emit stage for one environment: resources in Kustomize's order, one YAML file each, and
 * the kustomization.yaml listing them. Pure: returns file contents, writes nothing.
 */
import { sortObjects, type SortOptions } from '../k8s/kind-order.ts';
import type { ObjectRef } from '../errors.ts';
import { refOf } from '../k8s/object.ts';
import type { Resource } from '../k8s/resource.ts';
import { emitDocument } from './emit.ts';
import { kustomizationFile, layoutFiles } from './layout.ts';
import { memoized, type ObjectMemo } from '../util/object-memo.ts';

/** One environment's rendered files: path relative to the environment folder → content. */
export interface RenderedEnvironment {
  env: string;
  files: Map<string, string>;
  /** The object each file holds (kustomization.yaml holds none). */
  objects: Map<string, ObjectRef>;
}

/** Sorts resources into render order (Kustomize's legacy order unless `sortOptions` says otherwise). */
export function orderResources(resources: readonly Resource[], sortOptions?: SortOptions): Resource[] {
  const byObject = new Map(resources.map((r) => [r.object, r]));
  return sortObjects(
    resources.map((r) => r.object),
    sortOptions,
  ).map((o) => byObject.get(o)!);
}

/**
 * Emits an environment's files; with a `memo`, an object's YAML is looked up by its content
 * before it is written (the text is a function of the content alone).
 * @throws KasaneError `render/file-collision`, `render/unserializable-value`
 */
export function emitEnvironment(env: string, resources: readonly Resource[], sortOptions?: SortOptions, memo?: ObjectMemo): RenderedEnvironment {
  const placed = layoutFiles(orderResources(resources, sortOptions), env);
  const files = new Map<string, string>();
  const objects = new Map<string, ObjectRef>();
  for (const { file, resource } of placed) {
    files.set(
      file,
      memoized(memo, 'yaml', '', resource.object, () => emitDocument(resource.object)),
    );
    objects.set(file, refOf(resource.object));
  }
  files.set('kustomization.yaml', kustomizationFile(placed.map((p) => p.file)));
  return { env, files, objects };
}

/**
 * The environment as one YAML stream (what `render --stdout` prints): its object files in
 * render order, joined by `---`. Reuses the emitted files instead of emitting again.
 */
export function documentsOf(rendered: RenderedEnvironment): string {
  const docs: string[] = [];
  for (const [file, text] of rendered.files) if (rendered.objects.has(file)) docs.push(text);
  return docs.join('---\n');
}
