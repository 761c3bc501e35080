/**
 * The encoding of the generated Kubernetes data, for scripts/gen-k8s-versions.mjs and its
 * tests: the newest minor as a full type graph, each older minor as a delta against the next
 * newer one (src/k8s/schema/types.ts describes both; src/k8s/schema/graph.ts applies deltas).
 */
import { byCodeUnit } from './k8s-openapi.mjs';

/** The four tables of a graph, each `key → string`. */
export const SECTIONS = ['kinds', 'types', 'patch', 'lists'];

/** Shortens `#mod.Name` to `#Name` when `mod` is the module of the type being written. */
function shorten(type, mod) {
  return type.replace(/#([^|]+)/g, (ref, full) => (full.slice(0, full.lastIndexOf('.')) === mod ? `#${full.slice(mod.length + 1)}` : ref));
}

/** One property as the data stores it: `name`, `!` when required, `:type` unless string. */
function propSpec({ name, type, required }, mod) {
  if (/[\s:!]/.test(name)) throw new Error(`property name ${JSON.stringify(name)} cannot be encoded`);
  const t = shorten(type, mod);
  return `${name}${required ? '!' : ''}${t === 'string' ? '' : `:${t}`}`;
}

/** Encodes `typeId → [{ name, type, required }]` into `typeId → "prop prop ..."`. */
export function encodeTypes(props) {
  const types = {};
  for (const [id, list] of Object.entries(props)) {
    const mod = id.slice(0, id.lastIndexOf('.'));
    types[id] = list.map((p) => propSpec(p, mod)).join(' ');
  }
  return types;
}

/** A copy of `record` with its keys sorted by code unit. */
export function sortedRecord(record) {
  return Object.fromEntries(
    Object.keys(record)
      .sort(byCodeUnit)
      .map((k) => [k, record[k]]),
  );
}

/**
 * What changes from `newer` to `older` (both `{ kinds, types, patch, lists }`): per section,
 * each key whose value differs, with `older`'s value or null when `older` lacks the key.
 */
export function diffGraph(older, newer) {
  const delta = {};
  for (const section of SECTIONS) {
    const out = {};
    const a = older[section];
    const b = newer[section];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const value = Object.hasOwn(a, key) ? a[key] : null;
      if (value !== (Object.hasOwn(b, key) ? b[key] : null)) out[key] = value;
    }
    delta[section] = sortedRecord(out);
  }
  return delta;
}

/** `base` with `delta` applied (the inverse of {@link diffGraph}); `base` is not changed. */
export function applyDelta(base, delta) {
  const out = {};
  for (const section of SECTIONS) {
    const merged = { ...base[section] };
    for (const [key, value] of Object.entries(delta[section])) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    out[section] = merged;
  }
  return out;
}

/** Lines `    "key": "value",` of a record, keys sorted by code unit. */
export function recordLines(record, indent = '    ') {
  return Object.keys(record)
    .sort(byCodeUnit)
    .map((k) => `${indent}${JSON.stringify(k)}: ${JSON.stringify(record[k])},`)
    .join('\n');
}

/** The sections of a graph or delta as object literal lines. */
export function sectionLines(graph) {
  return SECTIONS.map((s) => `  ${s}: {\n${recordLines(graph[s])}${Object.keys(graph[s]).length ? '\n' : ''}  },`).join('\n');
}
