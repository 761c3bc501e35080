/**
 * Kustomize's `replacements`: each copies one field of one source object into fields of the
 * target objects, in order, after the level's other steps. Sources and targets are selected
 * by any identity they had (see ../object-ids.ts); the value copied is the current one.
 */
import { KasaneError, errorFinding, type SourceLocation } from '../../errors.ts';
import { refOf } from '../../k8s/object.ts';
import type { Resource } from '../../k8s/resource.ts';
import type { Replacement, ReplacementOptions, ReplacementTarget } from '../../project/replacement.ts';
import { isPlainObject } from '../../util/plain-object.ts';
import { describeSelector, idSelected, idsOf, metaSelected, selected } from '../object-ids.ts';
import { copyObject, withObject, type StepOptions } from '../transforms/history.ts';
import { locate, lookup, parseFieldPath, type FieldSlot } from './field-path.ts';

const DEFAULT_PATH = 'metadata.name';

function fail(code: string, message: string, hint: string, options: StepOptions, extra: { object?: Resource } = {}): never {
  throw new KasaneError(
    errorFinding(code, message, {
      hint,
      env: options.env,
      ...(extra.object ? { object: refOf(extra.object.object) } : {}),
      ...(options.source ? { source: options.source as SourceLocation } : {}),
    }),
  );
}

/** A scalar as text, the way Kustomize copies scalars between fields. */
function scalarText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'object' ? undefined : String(value);
}

/**
 * What a source field holds when Kustomize counts it as no value (missing, null, an empty map
 * or list), described for the message; undefined for a value. An empty string is a value.
 */
function noValue(value: unknown): string | undefined {
  if (value === undefined) return 'none';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length ? undefined : 'an empty list';
  return isPlainObject(value) && Object.keys(value).length === 0 ? 'an empty map' : undefined;
}

/** The value a replacement copies: the source field, cut by `delimiter`/`index` when given. */
function sourceValue(resources: readonly Resource[], r: Replacement, options: StepOptions): unknown {
  const { fieldPath = DEFAULT_PATH, options: cut, ...selector } = r.source;
  const matches = resources.filter((res) => idsOf(res).some((id) => idSelected(id, selector)));
  if (matches.length === 0)
    fail('overlay/replacement-source-not-found', `expected one object selected by ${describeSelector(selector)}, found none`, 'fix the source selector of the replacement', options);
  if (matches.length > 1) {
    const names = matches.map((m) => `${m.object.kind}/${m.object.metadata.name}`).join(', ');
    fail(
      'overlay/replacement-source-ambiguous',
      `expected one object selected by ${describeSelector(selector)}, found ${matches.length}: ${names}`,
      'narrow the source selector (kind, name, namespace)',
      options,
    );
  }
  const value = lookup(matches[0]!.object, parseFieldPath(fieldPath));
  const none = noValue(value);
  if (none)
    fail('overlay/replacement-source-field-missing', `expected a value at '${fieldPath}' of the replacement source, found ${none}`, 'fix the fieldPath of the source', options, {
      object: matches[0]!,
    });
  if (!cut?.delimiter) return value;
  const text = scalarText(value);
  const parts = text?.split(cut.delimiter);
  const index = cut.index ?? 0;
  if (parts === undefined || index < 0 || index >= parts.length) {
    fail(
      'overlay/replacement-invalid-options',
      `expected part ${index} of ${JSON.stringify(value)} split on '${cut.delimiter}', found ${parts?.length ?? 0} parts`,
      'fix the delimiter or index of the source',
      options,
      { object: matches[0]! },
    );
  }
  return parts[index];
}

/** The value written into one slot: a delimited part replaced, or a scalar keeping the target's type. */
function valueFor(current: unknown, value: unknown, cut: ReplacementOptions | undefined): unknown {
  let next = value;
  if (cut?.delimiter) {
    const parts = (scalarText(current) ?? '').split(cut.delimiter);
    const text = scalarText(value) ?? '';
    const index = cut.index ?? 0;
    if (index < 0) parts.unshift(text);
    else if (index >= parts.length) parts.push(text);
    else parts[index] = text;
    next = parts.join(cut.delimiter);
  }
  const text = scalarText(next);
  // Kustomize copies a scalar's text and keeps the target's type: 5432 into a string field is "5432".
  if (text === undefined || current === undefined || current === null || typeof current === 'object') return next;
  if (typeof current === 'string') return text;
  if (typeof current === 'number' && /^-?[0-9]+(\.[0-9]+)?$/.test(text)) return Number.isSafeInteger(Number(text)) || text.includes('.') ? Number(text) : BigInt(text);
  if (typeof current === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function setSlot(slot: FieldSlot, value: unknown, cut: ReplacementOptions | undefined): void {
  const parent = slot.parent as Record<string | number, unknown>;
  parent[slot.key] = valueFor(parent[slot.key], value, cut);
}

function isTarget(res: Resource, target: ReplacementTarget): boolean {
  if (!selected(res, target.select)) return false;
  for (const reject of target.reject ?? []) {
    const { labelSelector, annotationSelector, ...id } = reject;
    if ((labelSelector || annotationSelector) && metaSelected(res, { ...(labelSelector ? { labelSelector } : {}), ...(annotationSelector ? { annotationSelector } : {}) })) return false;
    if (Object.values(id).some((v) => v !== undefined && v !== '') && idsOf(res).some((i) => idSelected(i, id))) return false;
  }
  return true;
}

/** `res` with `value` written at every field path of `target`. */
function writeTarget(res: Resource, value: unknown, target: ReplacementTarget, options: StepOptions): Resource {
  const object = copyObject(res.object);
  for (const fieldPath of target.fieldPaths?.length ? target.fieldPaths : [DEFAULT_PATH]) {
    const slots = locate(object, parseFieldPath(fieldPath), target.options?.create === true);
    if (slots.length === 0) {
      fail(
        'overlay/replacement-target-field-missing',
        `expected the field '${fieldPath}' in the replacement target, found none`,
        'fix the field path, or set options.create: true to create it',
        options,
        { object: res },
      );
    }
    for (const slot of slots) setSlot(slot, isPlainObject(value) || Array.isArray(value) ? structuredClone(value) : value, target.options);
  }
  return withObject(res, object, 'replacements', options);
}

/**
 * Returns `resources` with `replacements` applied in order.
 * @throws {KasaneError} `overlay/replacement-source-not-found`, `overlay/replacement-source-ambiguous`,
 * `overlay/replacement-source-field-missing`, `overlay/replacement-target-field-missing`,
 * `overlay/replacement-invalid-options`, `overlay/invalid-field-path`.
 */
export function applyReplacements(resources: readonly Resource[], replacements: readonly Replacement[], options: StepOptions): Resource[] {
  let current = [...resources];
  for (const r of replacements) {
    const value = sourceValue(current, r, options);
    for (const target of r.targets) current = current.map((res) => (isTarget(res, target) ? writeTarget(res, value, target, options) : res));
  }
  return current;
}
