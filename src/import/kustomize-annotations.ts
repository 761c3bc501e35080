/**
 * How Kustomize reads `metadata.annotations`, which differs from every other field: it keeps
 * each annotation value as the text that was written (`0644`, `0x1F`, `1.10`, `true`, `~` and an
 * integer beyond int64 stay as they are, printed as strings), and it drops an empty or null
 * annotations map. Labels and the rest of the object are converted as YAML 1.1 says.
 */
import type { Scalar } from 'yaml';
import type { KObject } from '../k8s/object.ts';
import type { YamlDocument } from '../k8s/yaml-read.ts';
import { isPlainObject, setOwn } from '../util/plain-object.ts';
import { yaml } from '../util/yaml-lib.ts';

/**
 * Gives `object` (read from `doc` with `keepNodes`) the annotations Kustomize reads: an unquoted
 * value keeps its source text, and an empty or null map is removed.
 */
export function kustomizeAnnotations(object: KObject, doc: YamlDocument | undefined): void {
  const annotations: unknown = object.metadata.annotations;
  if (annotations === null || (isPlainObject(annotations) && Object.keys(annotations).length === 0)) {
    delete object.metadata.annotations;
    return;
  }
  keepAnnotationText(object, doc);
}

/**
 * Sets each unquoted value of `value.metadata.annotations` (read from `doc` with `keepNodes`)
 * to the text written in the source, as Kustomize reads resources and strategic-merge patches.
 */
export function keepAnnotationText(value: unknown, doc: YamlDocument | undefined): void {
  const metadata = isPlainObject(value) ? value.metadata : undefined;
  const annotations = isPlainObject(metadata) ? metadata.annotations : undefined;
  const source = isPlainObject(annotations) ? doc?.nodes?.get(annotations) : undefined;
  if (!isPlainObject(annotations) || !source || !yaml().isMap(source.node)) return;
  source.node.items.forEach((pair, i) => {
    const key = source.keys?.[i];
    const node = pair.value;
    // Quoted and block scalars already read as the text Kustomize keeps.
    if (key === undefined || !yaml().isScalar(node) || (node as Scalar).type !== 'PLAIN') return;
    const text = (node as Scalar).source;
    if (typeof text === 'string') setOwn(annotations, key, text);
  });
}
