/**
 * The shape of a chart's values, from its values.yaml: what kasane types them as. One shape
 * feeds both the generated TypeScript module (codegen/chart-values.ts) and the check kasane runs
 * itself (values-check.ts), so the two cannot disagree.
 *
 * Inference from a default: a string, number or boolean types the key; `null` or nothing is
 * `unknown`; a list types its items when they are all scalars of one type, else its items are
 * open; an empty map (`podAnnotations: {}`) is a record of anything; a map is closed (a
 * misspelt key is an error) unless the chart leaves it open: a key that Kubernetes objects pass
 * through whole (resources, securityContext, affinity, labels, annotations, env, …), or a map
 * whose keys are data rather than field names (`"nginx.ingress.kubernetes.io/x": …`). Keys the
 * chart documents only in a comment (`# runAsUser: 1000`) are known too. Comments above a key
 * become its documentation (helm-docs `# --` and Bitnami `## @param` included).
 */
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { isPlainObject } from '../util/plain-object.ts';
import { yaml } from '../util/yaml-lib.ts';

/** What one value may be. Every value is optional, and `null` removes a chart default (as in Helm). */
export type ValueShape = (
  | { kind: 'unknown' }
  | { kind: 'string' | 'number' | 'integer' | 'boolean'; enum?: readonly (string | number | boolean)[] }
  | { kind: 'union'; of: ValueShape[] }
  | { kind: 'array'; items: ValueShape }
  | { kind: 'record'; values: ValueShape }
  | { kind: 'object'; fields: Record<string, ValueShape>; open: boolean }
) & { doc?: string; default?: unknown };

/** Keys whose maps Kubernetes objects take whole: other keys than the default's are fine there. */
const PASSTHROUGH =
  /(annotations|labels|selector|resources|securitycontext|affinity|tolerations|env|envfrom|args|extraargs|config|configs|data|stringdata|probe|lifecycle|strategy|updatestrategy|spec|template|volumes?|volumemounts|ports|rules|tls|metadata|params|parameters|options|settings|extraobjects|extramanifests|extradeploy)$/i;

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Kubernetes fields that take a number or a string (`maxUnavailable: 1` or `"25%"`). */
const INT_OR_STRING = /^(maxUnavailable|maxSurge|minAvailable|port|targetPort|containerPort|servicePort|[a-z]*Port)$/;

const SCALAR: ValueShape = { kind: 'union', of: [{ kind: 'string' }, { kind: 'number' }, { kind: 'boolean' }] };

/** The shape a scalar default gives its key: `""` says only "unset", a number under an int-or-string name may be a string. */
function defaultShape(value: unknown, key: string): ValueShape {
  if (value === '') return SCALAR;
  if ((typeof value === 'number' || typeof value === 'string') && INT_OR_STRING.test(key)) return { kind: 'union', of: [{ kind: 'number' }, { kind: 'string' }] };
  return scalarShape(value);
}

function scalarShape(value: unknown): ValueShape {
  if (typeof value === 'string') return { kind: 'string' };
  if (typeof value === 'number') return { kind: 'number' };
  if (typeof value === 'boolean') return { kind: 'boolean' };
  return { kind: 'unknown' };
}

/** A list's shape: typed items when all are scalars of one type, else open items. */
function arrayShape(items: readonly unknown[]): ValueShape {
  const kinds = new Set(items.map((i) => scalarShape(i).kind));
  const only = kinds.size === 1 ? [...kinds][0]! : 'unknown';
  return { kind: 'array', items: only === 'unknown' ? { kind: 'unknown' } : ({ kind: only } as ValueShape) };
}

/** Cleans a comment block into documentation: helm-docs `-- ` and Bitnami `@param path` markers out, `@section` lines dropped. */
export function commentDoc(comment: string | undefined | null): string | undefined {
  if (!comment) return undefined;
  const lines = comment
    .split('\n')
    .map((l) =>
      l
        .replace(/^#+\s?/, '')
        .replace(/^\s*--\s?/, '')
        .replace(/^\s*@param\s+\S+\s*/, ''),
    )
    .filter((l) => !/^\s*@(section|skip|extra|descriptionStart|descriptionEnd)\b/.test(l));
  const text = lines.join('\n').trim();
  return text === '' ? undefined : text;
}

/** Keys a comment block shows commented out at the given indentation: `# runAsUser: 1000`. */
function commentedKeys(comment: string | undefined | null): string[] {
  if (!comment) return [];
  const out: string[] = [];
  for (const line of comment.split('\n')) {
    const m = /^\s?([A-Za-z_][A-Za-z0-9_.-]*):(\s|$)/.exec(line.replace(/^#+/, ''));
    if (m && !/^\s{2,}/.test(line.replace(/^#+/, ''))) out.push(m[1]!);
  }
  return out;
}

function shapeOfNode(node: Node | null | undefined, key: string, lib: ReturnType<typeof yaml>): ValueShape {
  if (!node || lib.isScalar(node)) {
    const value = node && lib.isScalar(node) ? node.value : null;
    return value === null || value === undefined ? { kind: 'unknown' } : { ...defaultShape(value, key), default: value };
  }
  if (lib.isSeq(node)) {
    const items = node.toJSON() as unknown[];
    return { ...arrayShape(items), default: items };
  }
  if (lib.isMap(node)) return mapShape(node, key, lib);
  return { kind: 'unknown' };
}

function mapShape(map: YAMLMap, key: string, lib: ReturnType<typeof yaml>): ValueShape {
  const pairs = map.items as Pair<Node, Node>[];
  if (pairs.length === 0) return { kind: 'record', values: { kind: 'unknown' }, default: {} };
  const fields: Record<string, ValueShape> = {};
  let dataKeys = false;
  pairs.forEach((pair, i) => {
    const name = lib.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!FIELD_NAME.test(name)) dataKeys = true;
    const doc = commentDoc((pair.key as Node | null)?.commentBefore ?? (i === 0 ? map.commentBefore : undefined)) ?? commentDoc(pair.value?.comment);
    const shape = shapeOfNode(pair.value, name, lib);
    fields[name] = doc ? { ...shape, doc } : shape;
    for (const hidden of commentedKeys((pair.key as Node | null)?.commentBefore)) fields[hidden] ??= { kind: 'unknown' };
  });
  for (const hidden of commentedKeys(map.comment)) fields[hidden] ??= { kind: 'unknown' };
  return { kind: 'object', fields, open: dataKeys || PASSTHROUGH.test(key), default: map.toJSON() as unknown };
}

/** The shape of a values.yaml text (YAML 1.1, as Helm reads it). An empty file is an empty closed object. */
export function inferValuesShape(text: string): ValueShape {
  const lib = yaml();
  const doc: Document = lib.parseDocument(text, { version: '1.1', uniqueKeys: false });
  const root = doc.contents;
  if (root && lib.isMap(root)) {
    const shape = mapShape(root, '', lib);
    if (shape.kind === 'object') {
      // The values.yaml's own top comment and commented-out keys at the end count too.
      for (const hidden of commentedKeys(doc.comment)) shape.fields[hidden] ??= { kind: 'unknown' };
      return { ...shape, open: false };
    }
    return { kind: 'object', fields: {}, open: false };
  }
  return { kind: 'object', fields: {}, open: false, default: isPlainObject(root) ? root : {} };
}
