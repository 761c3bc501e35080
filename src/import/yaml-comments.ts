/**
 * Comments of a YAML document carried over to the parsed object: each comment that documents a
 * field lands under {@link FIELD_COMMENTS} of the object holding the field, so the printer
 * writes it above that property in the generated code.
 */
import type { Document, Node } from 'yaml';
import { yaml } from '../util/yaml-lib.ts';
import { isPlainObject } from '../k8s/object.ts';
import { FIELD_COMMENTS } from './code.ts';

function join(parts: readonly (string | null | undefined)[]): string | undefined {
  const text = parts.filter((p): p is string => !!p && p.trim() !== '').join('\n');
  return text === '' ? undefined : text;
}

function walk(node: unknown, value: unknown, root: boolean): string | undefined {
  let head: string | undefined;
  if (yaml().isSeq(node) && Array.isArray(value)) {
    node.items.forEach((item, i) => walk(item, value[i], false));
    return undefined;
  }
  if (!yaml().isMap(node) || !isPlainObject(value)) return undefined;
  const notes: Record<string, string> = {};
  node.items.forEach((pair, i) => {
    const key = yaml().isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const keyNode = pair.key as Node | null;
    const valueNode = pair.value as Node | null;
    const before = join([i === 0 ? node.commentBefore : undefined, keyNode?.commentBefore]);
    const trailing = yaml().isScalar(valueNode) ? valueNode.comment : undefined;
    if (root && i === 0) head = before;
    const text = join([root && i === 0 ? undefined : before, trailing]);
    if (text) notes[key] = text;
    walk(valueNode, value[key], false);
  });
  if (Object.keys(notes).length) Object.defineProperty(value, FIELD_COMMENTS, { value: notes, enumerable: true, configurable: true });
  return head;
}

/**
 * Attaches the comments of `doc` to `value` (its parsed contents) and returns the comment above
 * the document, if any.
 */
export function attachComments(doc: Document, value: unknown): string | undefined {
  const head = walk(doc.contents, value, true);
  return join([doc.commentBefore, head]);
}
