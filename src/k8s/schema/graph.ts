/**
 * The generated type graph of each supported Kubernetes version, and its properties parsed on
 * demand: a type's encoded property list (./types.ts) is split only when a consumer first asks
 * for that type, so importing the data stays cheap.
 */
import { graph as graph130 } from './k8s-1.30.ts';
import type { TypeGraphData } from './types.ts';

/** One property of a type in the graph. */
export interface PropSpec {
  name: string;
  /** The encoded type, with every reference fully qualified (`#core/v1.Container`). */
  type: string;
  /** The API requires the property. */
  required: boolean;
}

/** Kubernetes versions with a type graph, newest last. */
export const SCHEMA_VERSIONS: readonly string[] = ['1.30'];

/** The version used when none is given: the newest one with a type graph. */
export const DEFAULT_KUBERNETES_VERSION = '1.30';

const GRAPHS: Readonly<Record<string, TypeGraphData>> = { '1.30': graph130 };

/** The type graph of the default Kubernetes version ({@link DEFAULT_KUBERNETES_VERSION}). */
export const DEFAULT_TYPE_GRAPH: TypeGraphData = graph130;

/** The type graph of a `major.minor` version, or undefined when kasane has none for it. */
export function typeGraphOf(minor: string): TypeGraphData | undefined {
  return Object.hasOwn(GRAPHS, minor) ? GRAPHS[minor] : undefined;
}

/** The module of a type id: `core/v1` for `core/v1.Container`. */
export function moduleOf(typeId: string): string {
  return typeId.slice(0, typeId.lastIndexOf('.'));
}

const parsed = new WeakMap<TypeGraphData, Map<string, readonly PropSpec[]>>();

function parseProp(spec: string, mod: string): PropSpec {
  const colon = spec.indexOf(':');
  const head = colon < 0 ? spec : spec.slice(0, colon);
  const encoded = colon < 0 ? 'string' : spec.slice(colon + 1);
  const required = head.endsWith('!');
  // A reference without a module (`#Container`) names a type of the describing type's module.
  const type = encoded.includes('#') ? encoded.replace(/#([^|]+)/g, (ref, name: string) => (name.includes('.') ? ref : `#${mod}.${name}`)) : encoded;
  return { name: required ? head.slice(0, -1) : head, type, required };
}

/**
 * The properties of a type in declaration order, or undefined for a type id the graph does
 * not have. Parsed on the first call for each type, then cached.
 * @example propsOf(DEFAULT_TYPE_GRAPH, 'core/v1.ConfigMap')
 */
export function propsOf(graph: TypeGraphData, typeId: string): readonly PropSpec[] | undefined {
  let cache = parsed.get(graph);
  if (!cache) {
    cache = new Map();
    parsed.set(graph, cache);
  }
  const hit = cache.get(typeId);
  if (hit) return hit;
  if (!Object.hasOwn(graph.types, typeId)) return undefined;
  const encoded = graph.types[typeId] ?? '';
  const mod = moduleOf(typeId);
  const props = encoded === '' ? [] : encoded.split(' ').map((spec) => parseProp(spec, mod));
  cache.set(typeId, props);
  return props;
}
