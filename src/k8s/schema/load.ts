/**
 * Loads the generated schema data of a Kubernetes version and compiles its type strings into
 * a graph of {@link SchemaNode}s that validators walk without parsing anything per object.
 */
import { KasaneError } from '../../errors.ts';
import { schema as schema130 } from './k8s-1.30.ts';
import type { SchemaData } from './types.ts';

/** A compiled schema type. Object nodes are shared, so recursive definitions form cycles. */
export type SchemaNode =
  | { kind: 'string' | 'number' | 'boolean' | 'int-or-string' | 'quantity' | 'time' | 'any' }
  | ObjectNode
  | { kind: 'array'; items: SchemaNode }
  | { kind: 'map'; values: SchemaNode }
  | { kind: 'union'; variants: SchemaNode[] };

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

/** Kubernetes versions with schema data, newest last. */
export const SCHEMA_VERSIONS: readonly string[] = ['1.30'];

/** The version used when none is given: the newest one with schema data. */
export const DEFAULT_KUBERNETES_VERSION = '1.30';

const DATA: Record<string, SchemaData> = { '1.30': schema130 };
const compiled = new Map<string, CompiledSchema>();

const SCALARS = new Set(['string', 'number', 'boolean', 'int-or-string', 'quantity', 'time', 'any']);

function compileType(type: string, defs: Map<string, ObjectNode>): SchemaNode {
  if (type.startsWith('[]')) return { kind: 'array', items: compileType(type.slice(2), defs) };
  if (type.startsWith('{}')) return { kind: 'map', values: compileType(type.slice(2), defs) };
  if (type.includes('|')) return { kind: 'union', variants: type.split('|').map((t) => compileType(t, defs)) };
  if (type.startsWith('#')) {
    const def = defs.get(type.slice(1));
    if (!def) throw new Error(`schema data names an unknown definition ${type}`);
    return def;
  }
  if (!SCALARS.has(type)) throw new Error(`schema data has an unknown type ${JSON.stringify(type)}`);
  return { kind: type as 'string' };
}

function compile(data: SchemaData): CompiledSchema {
  const defs = new Map<string, ObjectNode>();
  for (const [name, def] of Object.entries(data.defs)) {
    defs.set(name, { kind: 'object', name, props: new Map(), propNames: Object.keys(def.props), required: def.required ?? [] });
  }
  for (const [name, def] of Object.entries(data.defs)) {
    const node = defs.get(name)!;
    for (const [prop, type] of Object.entries(def.props)) node.props.set(prop, compileType(type, defs));
  }
  const kinds = new Map<string, ObjectNode>();
  for (const [key, defName] of Object.entries(data.kinds)) kinds.set(key, defs.get(defName)!);
  return { kubernetesVersion: data.kubernetesVersion, source: data.source, kinds, defs };
}

/** `1.30`, `v1.30` and `1.30.2` all name minor version `1.30`. */
function minorOf(version: string): string {
  const m = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(version.trim());
  return m ? `${m[1]}.${m[2]}` : version;
}

/**
 * The compiled schema of a Kubernetes version (compiled once, then cached).
 * @param kubernetesVersion `1.30`, `v1.30` or `1.30.2`. Default: {@link DEFAULT_KUBERNETES_VERSION}.
 * @throws {KasaneError} `validate/unsupported-kubernetes-version` when kasane has no schema data for it.
 */
export function loadSchema(kubernetesVersion: string = DEFAULT_KUBERNETES_VERSION): CompiledSchema {
  const minor = minorOf(kubernetesVersion);
  const cached = compiled.get(minor);
  if (cached) return cached;
  const data = DATA[minor];
  if (!data) {
    throw new KasaneError({
      severity: 'error',
      code: 'validate/unsupported-kubernetes-version',
      message: `expected a Kubernetes version with schema data (${SCHEMA_VERSIONS.join(', ')}), found ${JSON.stringify(kubernetesVersion)}`,
      hint: `set kubernetesVersion to ${SCHEMA_VERSIONS.map((v) => `'${v}'`).join(' or ')}`,
    });
  }
  const result = compile(data);
  compiled.set(minor, result);
  return result;
}
