/**
 * The generated type graph of each supported Kubernetes minor, and its properties parsed on
 * demand: a type's encoded property list (./types.ts) is split only when a consumer first asks
 * for that type, so importing the data stays cheap. The newest minor is stored in full; an
 * older one is built from the deltas (./versions.ts) when it is first asked for.
 */
import type { TypeGraphData, TypeGraphDelta } from './types.ts';
import { DELTA_TEXTS, MINORS, NEWEST_GRAPH } from './versions.ts';

/** One property of a type in the graph. */
export interface PropSpec {
  name: string;
  /** The encoded type, with every reference fully qualified (`#core/v1.Container`). */
  type: string;
  /** The API requires the property. */
  required: boolean;
}

/** Kubernetes minors with a type graph, oldest first. */
export const SCHEMA_VERSIONS: readonly string[] = MINORS;

/** The version used when none is given: the newest one with a type graph. */
export const DEFAULT_KUBERNETES_VERSION: string = NEWEST_GRAPH.kubernetesVersion;

/** The type graph of the default Kubernetes version ({@link DEFAULT_KUBERNETES_VERSION}). */
export const DEFAULT_TYPE_GRAPH: TypeGraphData = NEWEST_GRAPH;

const graphs = new Map<string, TypeGraphData>([[NEWEST_GRAPH.kubernetesVersion, NEWEST_GRAPH]]);

type Table = Readonly<Record<string, string>>;
type Changes = Readonly<Record<string, string | null>>;
const SECTIONS = ['kinds', 'types', 'patch', 'lists'] as const;

/** `base` without the keys `changes` sets to null and with the values it gives. */
function patched(base: Table, changes: Changes): Table {
  const out: Record<string, string> = {};
  for (const key of Object.keys(base)) if (!Object.hasOwn(changes, key)) out[key] = base[key]!;
  for (const key of Object.keys(changes)) {
    const value = changes[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

const deltas: TypeGraphDelta[] = [];

/**
 * The delta of the `index`-th older minor (0 is the one before the newest), parsed from its
 * JSON text on first use: the texts cost next to nothing to load, object literals would not.
 */
export function deltaAt(index: number): TypeGraphDelta | undefined {
  if (!deltas[index] && index >= 0 && index < DELTA_TEXTS.length) deltas[index] = JSON.parse(DELTA_TEXTS[index]!) as TypeGraphDelta;
  return deltas[index];
}

/**
 * The graph of an older minor: the deltas from the newest minor down to it are merged first
 * (an older delta's entry wins), then applied once, so that the large tables are copied once.
 */
function graphAt(minor: string): TypeGraphData | undefined {
  const end = MINORS.length - 2 - MINORS.indexOf(minor);
  if (!MINORS.includes(minor) || end < 0) return undefined;
  const merged = { kinds: {}, types: {}, patch: {}, lists: {} } as Record<(typeof SECTIONS)[number], Record<string, string | null>>;
  let base = NEWEST_GRAPH.kubernetesVersion;
  let delta: TypeGraphDelta | undefined;
  for (let i = 0; i <= end; i++) {
    delta = deltaAt(i)!;
    if (delta.base !== base) throw new Error(`the delta of ${delta.kubernetesVersion} applies to ${delta.base}, not ${base}`);
    for (const section of SECTIONS) Object.assign(merged[section], delta[section]);
    base = delta.kubernetesVersion;
  }
  if (delta?.kubernetesVersion !== minor) throw new Error(`the deltas do not reach ${minor}`);
  return {
    kubernetesVersion: delta.kubernetesVersion,
    source: delta.source,
    valueSource: delta.valueSource,
    kinds: patched(NEWEST_GRAPH.kinds, merged.kinds),
    types: patched(NEWEST_GRAPH.types, merged.types),
    patch: patched(NEWEST_GRAPH.patch, merged.patch),
    lists: patched(NEWEST_GRAPH.lists, merged.lists),
  };
}

/**
 * The type graph of a `major.minor` version, or undefined when kasane has none for it. An
 * older minor's graph is built from the deltas when first asked for, then cached.
 */
export function typeGraphOf(minor: string): TypeGraphData | undefined {
  const hit = graphs.get(minor);
  if (hit) return hit;
  const graph = graphAt(minor);
  if (graph) graphs.set(minor, graph);
  return graph;
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
