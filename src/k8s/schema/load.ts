/**
 * Compiles the generated type graph of a Kubernetes version (./graph.ts) into a graph of
 * {@link SchemaNode}s that validators walk without parsing anything per object.
 */
import { KasaneError, type Finding } from '../../errors.ts';
import { DEFAULT_KUBERNETES_VERSION, propsOf, SCHEMA_VERSIONS, typeGraphOf } from './graph.ts';
import type { TypeGraphData } from './types.ts';
import { compareCodeUnits } from '../../util/code-unit.ts';

export { DEFAULT_KUBERNETES_VERSION, SCHEMA_VERSIONS } from './graph.ts';

/**
 * A compiled schema type. Object nodes are shared, so recursive definitions form cycles; an
 * object node of a built-in schema compiles its properties when one of them is first read.
 */
export type SchemaNode =
  | { kind: 'string' | 'number' | 'boolean' | 'int-or-string' | 'quantity' | 'time' | 'any' }
  | IntegerNode
  | EnumNode
  | ObjectNode
  | { kind: 'array'; items: SchemaNode }
  | { kind: 'map'; values: SchemaNode }
  | { kind: 'union'; variants: SchemaNode[] };

/** An integer property: `int32` or `int64`, as the OpenAPI format of the property says. */
export interface IntegerNode {
  kind: 'integer';
  format: 'int32' | 'int64';
}

/** A string property that takes one of a fixed set of values. Nodes of equal sets are shared. */
export interface EnumNode {
  kind: 'enum';
  /** The allowed values, for membership checks. */
  values: ReadonlySet<string>;
  /** The allowed values sorted by code unit, for messages and suggestions. */
  allowed: readonly string[];
}

/** An object definition: its properties by name, and the required ones. */
export interface ObjectNode {
  kind: 'object';
  /** Definition name, e.g. `core.v1.PodSpec`. */
  name: string;
  props: Map<string, SchemaNode>;
  /** Property names in schema order, for "did you mean" suggestions. */
  propNames: string[];
  required: string[];
}

/** A compiled schema of one Kubernetes version. */
export interface CompiledSchema {
  kubernetesVersion: string;
  source: string;
  /** `apiVersion/Kind` → the kind's root definition. */
  kinds: Map<string, ObjectNode>;
  /** Definition name (e.g. `meta.v1.ObjectMeta`) → definition. */
  defs: Map<string, ObjectNode>;
}

const compiled = new Map<string, CompiledSchema>();

const SCALARS = new Set(['string', 'number', 'boolean', 'int-or-string', 'quantity', 'time', 'any']);

/** Definition names keep the dotted form validators know: `core/v1.Container` → `core.v1.Container`. */
function defNameOf(typeId: string): string {
  return typeId.replace(/\//g, '.');
}

const INT32: IntegerNode = { kind: 'integer', format: 'int32' };
const INT64: IntegerNode = { kind: 'integer', format: 'int64' };
const enums = new Map<string, EnumNode>();

/** The shared node of an encoded enum (`=Always,IfNotPresent,Never`, values percent-encoded). */
function enumNode(type: string): EnumNode {
  let node = enums.get(type);
  if (!node) {
    const allowed = type
      .slice(1)
      .split(',')
      .map((v) => (v.includes('%') ? decodeURIComponent(v) : v));
    node = { kind: 'enum', values: new Set(allowed), allowed };
    enums.set(type, node);
  }
  return node;
}

function compileType(type: string, byId: ReadonlyMap<string, ObjectNode>): SchemaNode {
  if (type.startsWith('[]')) return { kind: 'array', items: compileType(type.slice(2), byId) };
  if (type.startsWith('{}')) return { kind: 'map', values: compileType(type.slice(2), byId) };
  if (type.includes('|')) return { kind: 'union', variants: type.split('|').map((t) => compileType(t, byId)) };
  if (type.startsWith('=')) return enumNode(type);
  if (type === 'int32') return INT32;
  if (type === 'int64') return INT64;
  if (type.startsWith('#')) {
    const def = byId.get(type.slice(1));
    if (!def) throw new Error(`schema data names an unknown type ${type}`);
    return def;
  }
  if (!SCALARS.has(type)) throw new Error(`schema data has an unknown type ${JSON.stringify(type)}`);
  return { kind: type as 'string' };
}

/** Where an object node that is not filled yet gets its properties from. */
interface NodeSource {
  data: TypeGraphData;
  id: string;
  byId: ReadonlyMap<string, ObjectNode>;
}

const sources = new WeakMap<object, NodeSource>();

/**
 * Gives an object node its own `props`, `propNames` and `required` on first use. A render meets
 * a few dozen of the ~500 types (the rest are reachable but absent from the objects), so
 * compiling every type up front would cost more than the whole walk.
 */
function fill(node: object): ObjectNode {
  const source = sources.get(node);
  if (source) {
    sources.delete(node);
    const props = propsOf(source.data, source.id) ?? [];
    const compiled = new Map<string, SchemaNode>();
    for (const prop of props) compiled.set(prop.name, compileType(prop.type, source.byId));
    const own = (value: unknown): PropertyDescriptor => ({ value, enumerable: true, writable: true, configurable: true });
    Object.defineProperties(node, {
      props: own(compiled),
      propNames: own(props.map((p) => p.name)),
      required: own(props.filter((p) => p.required).map((p) => p.name)),
    });
  }
  return node as ObjectNode;
}

/** The prototype of unfilled object nodes: reading any compiled part fills the node. */
const UNFILLED = {
  get props(): Map<string, SchemaNode> {
    return fill(this).props;
  },
  get propNames(): string[] {
    return fill(this).propNames;
  },
  get required(): string[] {
    return fill(this).required;
  },
};

function compile(data: TypeGraphData): CompiledSchema {
  const byId = new Map<string, ObjectNode>();
  const defs = new Map<string, ObjectNode>();
  for (const id of Object.keys(data.types)) {
    const node = Object.assign(Object.create(UNFILLED) as ObjectNode, { kind: 'object', name: defNameOf(id) });
    sources.set(node, { data, id, byId });
    byId.set(id, node);
    defs.set(node.name, node);
  }
  const kinds = new Map<string, ObjectNode>();
  const keyed = Object.entries(data.kinds).map(([key, id]) => [key.replace(' ', '/'), id] as const);
  for (const [key, id] of keyed.sort((a, b) => compareCodeUnits(a[0], b[0]))) kinds.set(key, byId.get(id)!);
  return { kubernetesVersion: data.kubernetesVersion, source: data.source, kinds, defs };
}

/** `1.30`, `v1.30` and `1.30.2` all name minor version `1.30`; anything else is undefined. */
function minorOf(version: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(version.trim());
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/**
 * The finding for a version string kasane has no schema data for, or undefined when it has:
 * `config/unsupported-kubernetes-version`, listing the supported minors. The caller adds
 * where the version was set (file, environment, field path).
 */
export function unsupportedVersionFinding(kubernetesVersion: unknown): Finding | undefined {
  const minor = typeof kubernetesVersion === 'string' ? minorOf(kubernetesVersion) : undefined;
  if (minor !== undefined && SCHEMA_VERSIONS.includes(minor)) return undefined;
  const range = `${SCHEMA_VERSIONS[0]} to ${SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]}`;
  const found = JSON.stringify(kubernetesVersion) ?? String(kubernetesVersion);
  return {
    severity: 'error',
    code: 'config/unsupported-kubernetes-version',
    message:
      minor === undefined
        ? `expected a Kubernetes version such as '${DEFAULT_KUBERNETES_VERSION}', found ${found}`
        : `expected a Kubernetes version kasane has schema data for (${range}), found ${found}`,
    hint: `set kubernetesVersion to one of ${SCHEMA_VERSIONS.map((v) => `'${v}'`).join(', ')}, or leave it out for '${DEFAULT_KUBERNETES_VERSION}'`,
  };
}

/**
 * The supported minor a version names: `1.32`, `v1.32` and `1.32.4` give `1.32`.
 * @throws {KasaneError} `config/unsupported-kubernetes-version` when the string is not a
 *   Kubernetes version, or kasane has no schema data for its minor; the message lists the
 *   supported minors.
 */
export function supportedMinorOf(kubernetesVersion: string): string {
  const finding = unsupportedVersionFinding(kubernetesVersion);
  if (finding) throw new KasaneError(finding);
  return minorOf(kubernetesVersion)!;
}

/**
 * The minor of the first version given, in order of precedence (an environment, the
 * environments it extends, the project), or {@link DEFAULT_KUBERNETES_VERSION} when none is.
 * @throws {KasaneError} `config/unsupported-kubernetes-version` for a version without schema data.
 * @example resolveKubernetesVersion([undefined, '1.32', '1.30']) // '1.32'
 */
export function resolveKubernetesVersion(candidates: readonly (string | undefined)[]): string {
  const first = candidates.find((v) => v !== undefined);
  return first === undefined ? DEFAULT_KUBERNETES_VERSION : supportedMinorOf(first);
}

/**
 * The compiled schema of a Kubernetes version (compiled once, then cached).
 * @param kubernetesVersion `1.32`, `v1.32` or `1.32.4`. Default: {@link DEFAULT_KUBERNETES_VERSION}.
 * @throws {KasaneError} `config/unsupported-kubernetes-version` when kasane has no schema data for it.
 * @example loadSchema('1.32').kinds.get('apps/v1/Deployment')
 */
export function loadSchema(kubernetesVersion: string = DEFAULT_KUBERNETES_VERSION): CompiledSchema {
  const minor = supportedMinorOf(kubernetesVersion);
  const cached = compiled.get(minor);
  if (cached) return cached;
  const result = compile(typeGraphOf(minor)!);
  compiled.set(minor, result);
  return result;
}
