/**
 * The objects of an environment and the references between them, as a graph and as a Mermaid
 * flowchart for a README or a pull request: Ingress → Service → workloads (by selector) →
 * ConfigMaps, Secrets, PersistentVolumeClaims and ServiceAccounts; HPA → its target; PDB → the
 * workloads it selects. Pure and deterministic: everything is sorted by code unit.
 */
import { labelSelector, mapSelector, matchesSelector, type SelectorRequirement } from '../k8s/label-selector.ts';
import type { KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { compareCodeUnits } from '../util/code-unit.ts';

/** One object in the graph. */
export interface GraphNode {
  /** `Kind/namespace/name` (`Kind//name` for cluster-scoped objects). */
  key: string;
  kind: string;
  name: string;
  namespace?: string;
  /** Referenced but not among the objects (managed elsewhere, or missing). */
  external?: boolean;
}

/** One reference: `from` uses `to` (keys of nodes). */
export interface GraphEdge {
  from: string;
  to: string;
  /** `routes`, `tls`, `selects`, `env`, `volume`, `serviceAccount`, `pullSecret`, `scales`, `protects`. */
  label: string;
}

/** Objects and references, sorted. */
export interface ObjectGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

type Obj = Record<string, unknown>;

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod']);

const obj = (v: unknown): Obj => (isPlainObject(v) ? v : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** The pod template (metadata and spec) of a workload, or undefined for other kinds. */
function podOf(o: KObject): { labels: Obj; spec: Obj } | undefined {
  if (!WORKLOADS.has(o.kind)) return undefined;
  if (o.kind === 'Pod') return { labels: obj(o.metadata.labels), spec: obj(o.spec) };
  const spec = obj(o.spec);
  const template = o.kind === 'CronJob' ? obj(obj(obj(spec.jobTemplate).spec).template) : obj(spec.template);
  return { labels: obj(obj(template.metadata).labels), spec: obj(template.spec) };
}

/** What a pod spec references: `[kind, name, label]`. */
function podReferences(spec: Obj): [string, string | undefined, string][] {
  const refs: [string, string | undefined, string][] = [];
  for (const c of [...list(spec.initContainers), ...list(spec.containers), ...list(spec.ephemeralContainers)]) {
    for (const e of list(c.env)) {
      const from = obj(e.valueFrom);
      refs.push(['ConfigMap', str(obj(from.configMapKeyRef).name), 'env'], ['Secret', str(obj(from.secretKeyRef).name), 'env']);
    }
    for (const e of list(c.envFrom)) refs.push(['ConfigMap', str(obj(e.configMapRef).name), 'env'], ['Secret', str(obj(e.secretRef).name), 'env']);
  }
  for (const v of list(spec.volumes)) {
    refs.push(
      ['ConfigMap', str(obj(v.configMap).name), 'volume'],
      ['Secret', str(obj(v.secret).secretName), 'volume'],
      ['PersistentVolumeClaim', str(obj(v.persistentVolumeClaim).claimName), 'volume'],
    );
    for (const s of list(obj(v.projected).sources)) refs.push(['ConfigMap', str(obj(s.configMap).name), 'volume'], ['Secret', str(obj(s.secret).name), 'volume']);
  }
  refs.push(['ServiceAccount', str(spec.serviceAccountName) ?? str(spec.serviceAccount), 'serviceAccount']);
  for (const s of list(spec.imagePullSecrets)) refs.push(['Secret', str(s.name), 'pullSecret']);
  return refs;
}

/** Named references of one object, by name (not selector): `[kind, name, label]`. */
function namedReferences(o: KObject): [string, string | undefined, string][] {
  const spec = obj(o.spec);
  if (o.kind === 'Ingress') {
    const backends = [obj(spec.defaultBackend), ...list(spec.rules).flatMap((r) => list(obj(r.http).paths).map((p) => obj(p.backend)))];
    return [
      ...backends.map((b): [string, string | undefined, string] => ['Service', str(obj(b.service).name), 'routes']),
      ...list(spec.tls).map((t): [string, string | undefined, string] => ['Secret', str(t.secretName), 'tls']),
    ];
  }
  if (o.kind === 'HorizontalPodAutoscaler') {
    const target = obj(spec.scaleTargetRef);
    return [[str(target.kind) ?? 'Deployment', str(target.name), 'scales']];
  }
  const pod = podOf(o);
  return pod ? podReferences(pod.spec) : [];
}

/** The pod selector of a Service or a PodDisruptionBudget, as requirements; undefined for other kinds. */
function selectorOf(o: KObject): SelectorRequirement[] | undefined {
  if (o.kind === 'Service') return mapSelector(obj(obj(o.spec).selector));
  if (o.kind === 'PodDisruptionBudget') return labelSelector(obj(o.spec).selector) ?? [];
  return undefined;
}

/**
 * The graph of `objects`: one node per object (plus one per referenced object that is not
 * there, marked `external`) and one edge per reference.
 */
export function buildGraph(objects: readonly KObject[]): ObjectGraph {
  const nodes = new Map<string, GraphNode>();
  for (const o of objects) {
    const ns = o.metadata.namespace;
    nodes.set(keyOf(o.kind, ns, o.metadata.name), { key: keyOf(o.kind, ns, o.metadata.name), kind: o.kind, name: o.metadata.name, ...(ns ? { namespace: ns } : {}) });
  }
  const edges = new Map<string, GraphEdge>();
  const add = (from: string, to: string, label: string) => edges.set(`${from}\u0000${to}\u0000${label}`, { from, to, label });
  const workloads = objects.filter((o) => podOf(o));
  for (const o of objects) {
    const ns = o.metadata.namespace;
    const from = keyOf(o.kind, ns, o.metadata.name);
    for (const [kind, name, label] of namedReferences(o)) {
      if (!name) continue;
      const to = keyOf(kind, ns, name);
      if (!nodes.has(to)) nodes.set(to, { key: to, kind, name, ...(ns ? { namespace: ns } : {}), external: true });
      add(from, to, label);
    }
    const selector = selectorOf(o);
    // An empty selector would select every pod: that is no reference worth drawing.
    if (!selector?.length) continue;
    for (const w of workloads) {
      if (w.metadata.namespace !== ns || !matchesSelector(selector, podOf(w)!.labels)) continue;
      add(from, keyOf(w.kind, w.metadata.namespace, w.metadata.name), o.kind === 'Service' ? 'selects' : 'protects');
    }
  }
  return {
    nodes: [...nodes.values()].sort((a, b) => compareCodeUnits(a.key, b.key)),
    edges: [...edges.values()].sort((a, b) => compareCodeUnits(a.from, b.from) || compareCodeUnits(a.label, b.label) || compareCodeUnits(a.to, b.to)),
  };
}

/** Mermaid node ids: letters, digits and `_` only, unique, derived from the node keys. */
function nodeIds(nodes: readonly GraphNode[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const n of nodes) {
    const base = `${n.kind}_${n.namespace ? `${n.namespace}_` : ''}${n.name}`.replace(/[^A-Za-z0-9_]/g, '_');
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}_${i}`;
    used.add(id);
    ids.set(n.key, id);
  }
  return ids;
}

/**
 * The graph as a Mermaid flowchart (`flowchart LR`). Labels show kind and name, with the
 * namespace when the objects span more than one; external objects are drawn dashed.
 */
export function graphToMermaid(graph: ObjectGraph): string {
  const ids = nodeIds(graph.nodes);
  const namespaces = new Set(graph.nodes.flatMap((n) => (n.namespace ? [n.namespace] : [])));
  const label = (n: GraphNode) => `${n.kind} ${namespaces.size > 1 && n.namespace ? `${n.namespace}/` : ''}${n.name}`.replace(/"/g, '#quot;');
  const lines = ['flowchart LR'];
  for (const n of graph.nodes) lines.push(`  ${ids.get(n.key)}["${label(n)}"]`);
  for (const e of graph.edges) lines.push(`  ${ids.get(e.from)} -->|${e.label}| ${ids.get(e.to)}`);
  const external = graph.nodes.filter((n) => n.external).map((n) => ids.get(n.key)!);
  if (external.length) lines.push('  classDef external stroke-dasharray: 5 5', `  class ${external.join(',')} external`);
  return lines.join('\n') + '\n';
}
