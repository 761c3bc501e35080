/**
 * The dotted field paths of Kustomize's replacements and vars: `spec.template.spec.containers`,
 * `[name=app]` for the list element whose `name` is `app`, a number for an element by index,
 * `*` for every element, `[a.b/c]` for a map key with dots in it and `\.` for a literal dot.
 * A path is read once into segments; `lookup` reads the value a source names and `locate`
 * finds (or creates) the fields a target names.
 */
import { KasaneError, errorFinding } from '../../errors.ts';
import { isPlainObject } from '../../util/plain-object.ts';

/** One step of a path. */
export type PathSegment = { type: 'field'; key: string } | { type: 'index'; index: number } | { type: 'match'; key: string; value: string } | { type: 'every' };

/** Splits on `.`, honouring `\.` and keeping bracketed parts whole, as Kustomize does. */
function splitPath(path: string): string[] {
  const raw: string[] = [];
  for (const part of (path.startsWith('.') ? path.slice(1) : path).split('.')) {
    const last = raw.length - 1;
    if (last >= 0 && raw[last]!.endsWith('\\')) raw[last] = `${raw[last]!.slice(0, -1)}.${part}`;
    else raw.push(part);
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const elem = raw[i]!;
    if (!elem.startsWith('[') || elem.endsWith(']')) {
      out.push(elem);
      continue;
    }
    const joined = [elem];
    while (i < raw.length - 1) {
      joined.push(raw[++i]!);
      if (raw[i]!.endsWith(']')) break;
    }
    const text = joined.join('.');
    out.push(text.includes('=') ? text : text.replace(/^\[+|\]+$/g, ''));
  }
  return out;
}

/**
 * Reads a dotted path into segments.
 * @throws {KasaneError} `overlay/invalid-field-path` for a bracketed part that is neither
 * `[key=value]` nor a map key with a dot in it.
 */
export function parseFieldPath(path: string): PathSegment[] {
  return splitPath(path).map((part) => {
    if (part === '*') return { type: 'every' };
    if (/^[0-9]+$/.test(part)) return { type: 'index', index: Number(part) };
    if (part.startsWith('[') && part.endsWith(']')) {
      const inner = part.slice(1, -1);
      const eq = inner.indexOf('=');
      if (eq < 0) {
        throw new KasaneError(
          errorFinding('overlay/invalid-field-path', `expected '[field=value]' in field path '${path}', found '${part}'`, {
            hint: 'select a list element with [name=value]; a map key needs brackets only when it holds a dot',
          }),
        );
      }
      return { type: 'match', key: inner.slice(0, eq), value: inner.slice(eq + 1) };
    }
    return { type: 'field', key: part };
  });
}

/** Whether a list element matches `[key=value]` (scalars compare as text). */
function elementMatches(el: unknown, seg: { key: string; value: string }): boolean {
  const v = seg.key === '' ? el : isPlainObject(el) ? el[seg.key] : undefined;
  return v !== undefined && v !== null && typeof v !== 'object' && String(v) === seg.value;
}

/** The first value at `segments` under `node`, or undefined when the path leads nowhere. */
export function lookup(node: unknown, segments: readonly PathSegment[]): unknown {
  let at: unknown = node;
  for (const seg of segments) {
    if (seg.type === 'field') at = isPlainObject(at) ? at[seg.key] : undefined;
    else if (!Array.isArray(at)) return undefined;
    else if (seg.type === 'index') at = at[seg.index];
    else if (seg.type === 'match') at = at.find((el) => elementMatches(el, seg));
    else at = at[0];
    if (at === undefined) return undefined;
  }
  return at;
}

/** A field a target names: the map or list holding it and its key there. */
export interface FieldSlot {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
}

/** The empty container the next segment needs (a list before an index or a match, else a map). */
function emptyFor(next: PathSegment | undefined): unknown {
  return next && next.type !== 'field' ? [] : {};
}

/**
 * The slots at `segments` under `node` (which is changed in place when `create` makes missing
 * fields, maps and list elements on the way, as Kustomize's path matcher does).
 */
export function locate(node: Record<string, unknown>, segments: readonly PathSegment[], create: boolean): FieldSlot[] {
  const out: FieldSlot[] = [];
  const walk = (at: unknown, i: number, slot: FieldSlot | undefined): void => {
    if (i === segments.length) {
      if (slot) out.push(slot);
      return;
    }
    const seg = segments[i]!;
    const next = segments[i + 1];
    const last = i === segments.length - 1;
    if (seg.type === 'field') {
      if (!isPlainObject(at)) return;
      if (at[seg.key] === undefined || (at[seg.key] === null && !last)) {
        if (!create) return;
        if (!last) at[seg.key] = emptyFor(next);
      }
      walk(at[seg.key], i + 1, { parent: at, key: seg.key });
      return;
    }
    if (!Array.isArray(at)) return;
    if (seg.type === 'every') at.forEach((el, k) => walk(el, i + 1, { parent: at, key: k }));
    else if (seg.type === 'index') {
      if (seg.index === at.length && create) at.push(emptyFor(next));
      if (seg.index < at.length) walk(at[seg.index], i + 1, { parent: at, key: seg.index });
    } else {
      let found = false;
      at.forEach((el, k) => {
        if (!elementMatches(el, seg)) return;
        found = true;
        walk(el, i + 1, { parent: at, key: k });
      });
      if (!found && create) {
        at.push(seg.key === '' ? seg.value : { [seg.key]: seg.value });
        walk(at[at.length - 1], i + 1, { parent: at, key: at.length - 1 });
      }
    }
  };
  walk(node, 0, undefined);
  return out;
}
