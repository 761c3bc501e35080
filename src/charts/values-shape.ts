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
import type { Node, Pair } from 'yaml';
import { readYaml, type YamlSourceNode } from '../k8s/yaml-read.ts';
import { isPlainObject } from '../util/plain-object.ts';

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

/** The shape of the value under `key`; its comments come from the YAML node it was read from. */
function shapeOf(value: unknown, key: string, nodes: WeakMap<object, YamlSourceNode>): ValueShape {
  if (value === null || value === undefined) return { kind: 'unknown' };
  if (Array.isArray(value)) return { ...arrayShape(value), default: value };
  if (isPlainObject(value)) return mapShape(value, key, nodes);
  return { ...defaultShape(value, key), default: value };
}

function mapShape(value: Record<string, unknown>, key: string, nodes: WeakMap<object, YamlSourceNode>): ValueShape {
  const source = nodes.get(value);
  const map = source?.node;
  const pairs = (map?.items ?? []) as Pair<Node, Node>[];
  if (Object.keys(value).length === 0) return { kind: 'record', values: { kind: 'unknown' }, default: {} };
  const fields: Record<string, ValueShape> = {};
  let dataKeys = false;
  for (const name of Object.keys(value)) {
    const i = source?.keys?.indexOf(name) ?? -1;
    const pair = i >= 0 ? pairs[i] : undefined;
    if (!FIELD_NAME.test(name)) dataKeys = true;
    const doc = commentDoc(pair?.key?.commentBefore ?? (i === 0 ? map?.commentBefore : undefined)) ?? commentDoc(pair?.value?.comment);
    const shape = shapeOf(value[name], name, nodes);
    fields[name] = doc ? { ...shape, doc } : shape;
    for (const hidden of commentedKeys(pair?.key?.commentBefore)) fields[hidden] ??= { kind: 'unknown' };
  }
  for (const hidden of commentedKeys(map?.comment)) fields[hidden] ??= { kind: 'unknown' };
  return { kind: 'object', fields, open: dataKeys || PASSTHROUGH.test(key), default: value };
}

/**
 * The shape of a values.yaml text, read as kubectl reads YAML (k8s/yaml-read.ts). An empty file
 * is an empty closed object.
 * @throws Error when the text cannot be read (its first problem, with the line).
 */
export function inferValuesShape(text: string): ValueShape {
  const read = readYaml(text, { dialect: 'kubectl', keepNodes: true });
  const problem = read.problems[0];
  if (problem) throw new Error(`${problem.message}${problem.line ? ` (line ${problem.line})` : ''}`);
  const doc = read.documents[0];
  const root = doc?.value;
  if (!doc?.nodes || !isPlainObject(root)) return { kind: 'object', fields: {}, open: false, default: {} };
  const shape = mapShape(root, '', doc.nodes);
  if (shape.kind !== 'object') return { kind: 'object', fields: {}, open: false };
  // The values.yaml's own top comment and commented-out keys at the end count too.
  for (const hidden of commentedKeys(doc.yaml?.comment)) shape.fields[hidden] ??= { kind: 'unknown' };
  return { ...shape, open: false };
}
