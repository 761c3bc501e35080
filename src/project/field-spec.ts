/**
 * Field specs as a project declares them: Kustomize's form (`path: spec/template/metadata/labels`,
 * optionally limited to a kind, group and version, `create` to make missing fields). They teach
 * the overlay's steps about fields of custom kinds (see `TransformerConfig`) and give the steps
 * configured like Kustomize's builtin transformers their own fields.
 */

/** One field of the objects of some kinds, in Kustomize's form. */
export interface FieldSpecInput {
  /** Kind the field belongs to. @default every kind */
  kind?: string;
  /** API group of the kind (`''` for the core group). @default any group */
  group?: string;
  /** API version of the kind. @default any version */
  version?: string;
  /**
   * Slash-separated path, e.g. `spec/template/metadata/labels`. Lists on the way are walked
   * element by element (`containers[]` and `containers` mean the same); `\/` is a slash inside a
   * key.
   */
  path: string;
  /**
   * Create the field (and the maps on its way) when it is missing.
   * @default false
   */
  create?: boolean;
}

/** Splits a field spec path into its keys: `/` separates them, `\/` is a slash in a key, `[]` is dropped. */
export function fieldSpecKeys(path: string): string[] {
  const keys: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === '\\' && path[i + 1] === '/') {
      current += '/';
      i++;
    } else if (ch === '/') {
      keys.push(current);
      current = '';
    } else current += ch;
  }
  keys.push(current);
  return keys.filter((k) => k !== '').map((k) => (k.endsWith('[]') ? k.slice(0, -2) : k));
}
