/**
 * Comments of a YAML document carried over to the parsed object: each comment that documents a
 * field lands under {@link FIELD_COMMENTS} of the object holding the field, so the printer
 * writes it above that property in the generated code.
 */
import type { Node } from 'yaml';
import { isPlainObject, setOwn } from '../util/plain-object.ts';
import { yaml } from '../util/yaml-lib.ts';
import type { YamlDocument } from '../k8s/yaml-read.ts';
import { FIELD_COMMENTS } from './code.ts';

function join(parts: readonly (string | null | undefined)[]): string | undefined {
  const text = parts.filter((p): p is string => !!p && p.trim() !== '').join('\n');
  return text === '' ? undefined : text;
}

/** Attaches the comments of the map `value` was read from; returns the comment above its first key when `root`. */
function walk(value: unknown, nodes: NonNullable<YamlDocument['nodes']>, root: boolean): string | undefined {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, nodes, false);
    return undefined;
  }
  const source = isPlainObject(value) ? nodes.get(value) : undefined;
  if (!isPlainObject(value) || !source || !yaml().isMap(source.node)) return undefined;
  let head: string | undefined;
  const notes: Record<string, string> = {};
  source.node.items.forEach((pair, i) => {
    const key = source.keys?.[i];
    const keyNode = pair.key as Node | null;
    const valueNode = pair.value as Node | null;
    const before = join([i === 0 ? source.node.commentBefore : undefined, keyNode?.commentBefore]);
    if (root && i === 0) head = before;
    if (key === undefined) return;
    const trailing = yaml().isScalar(valueNode) ? valueNode.comment : undefined;
    const text = join([root && i === 0 ? undefined : before, trailing]);
    if (text) setOwn(notes, key, text);
    walk(value[key], nodes, false);
  });
  if (Object.keys(notes).length) Object.defineProperty(value, FIELD_COMMENTS, { value: notes, enumerable: true, configurable: true });
  return head;
}

/**
 * Attaches the comments of `doc` (read with `keepNodes`) to `value`, its object, and returns
 * the comment above the document, if any.
 */
export function attachComments(doc: YamlDocument, value: unknown): string | undefined {
  const head = doc.nodes ? walk(value, doc.nodes, true) : undefined;
  return join([doc.yaml?.commentBefore, head]);
}
