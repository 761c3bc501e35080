import type { RenderedEnvironment } from '../../src/render/emit-environment.ts';
import { kustomizationFile } from '../../src/render/layout.ts';

/** A rendered environment of `files` (relative path → text) and the kustomization listing them. */
export function rendered(env: string, files: Record<string, string>): RenderedEnvironment {
  const map = new Map(Object.entries(files));
  map.set('kustomization.yaml', kustomizationFile(Object.keys(files)));
  return { env, files: map, objects: new Map() };
}
