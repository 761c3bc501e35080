/**
 * What `helm template` prints, read into objects that remember the template they came from.
 *
 * Helm prints each document as `---\n# Source: <chart>/<path>\n<document>`, hooks after the
 * other manifests; a file of the chart's crds/ folder is printed whole under one Source line and
 * may hold several documents. Each Source chunk is parsed as a YAML stream (so an inner `---`
 * of a crds/ file starts a document of the same file), documents that are only comments are
 * skipped, and `List` documents are expanded into their items, as kubectl applies them. YAML is
 * read by the one reader of untrusted YAML (k8s/yaml-read.ts) as kubectl reads it.
 */
import { errorFinding, type Finding } from '../errors.ts';
import { sha256Hex } from './digest.ts';
import type { KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { readYaml } from '../k8s/yaml-read.ts';

/** One object of a chart's output. */
export interface ChartObject {
  object: KObject;
  /** The Source line as helm printed it: `<chart name>/templates/deployment.yaml`. */
  source: string;
  /** The path inside the chart: `templates/deployment.yaml`, `charts/redis-ha/templates/…`, `crds/…`. */
  template: string;
  /** True for a file of a crds/ folder (printed with `--include-crds`), false for a template. */
  crd: boolean;
  /** Position among the objects of the same source and kind: identifies it when names are random. */
  index: number;
}

/**
 * Parsed documents by the SHA-256 of their text, kept between renders: reading YAML costs as much
 * as helm takes to print it, and most of a large chart's output (its CRDs) prints the same every
 * time. Values are stored as JSON text, so every render gets objects of its own.
 */
export interface DocumentCache {
  get(key: string): string | undefined;
  set(key: string, json: string): void;
}

/** Chunks smaller than this are read again each time: the cache would cost more than it saves. */
const CACHED_CHUNK = 1024;

/** True when JSON keeps the value as it is (no bigint, no Date, no NaN or Infinity, no -0). */
function jsonSafe(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'bigint' || (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)))) return false;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) stack.push(...v);
    else if (Object.getPrototypeOf(v) === Object.prototype) stack.push(...Object.values(v));
    else return false;
  }
  return true;
}

/** {@link parseChunk} through the cache: chunks that read cleanly are stored. */
function parseCached(chunk: SourceChunk, findings: Finding[], cache: DocumentCache | undefined): unknown[] {
  if (!cache || chunk.text.length < CACHED_CHUNK) return parseChunk(chunk, findings);
  const key = sha256Hex(chunk.text);
  const hit = cache.get(key);
  if (hit !== undefined) return JSON.parse(hit) as unknown[];
  const before = findings.length;
  const values = parseChunk(chunk, findings);
  if (findings.length === before && jsonSafe(values)) cache.set(key, JSON.stringify(values));
  return values;
}

/** A chunk of helm's output under one `# Source:` line. */
export interface SourceChunk {
  source: string;
  text: string;
}

const HEADER = /^---[ \t]*\r?\n# Source: (.*?)[ \t]*\r?$/gm;

/** Splits helm's output at its `---` + `# Source:` lines. Text before the first one is dropped (helm prints none). */
export function splitSources(output: string): SourceChunk[] {
  const chunks: SourceChunk[] = [];
  const starts = [...output.matchAll(HEADER)];
  starts.forEach((m, i) => {
    const from = m.index + m[0].length;
    const to = i + 1 < starts.length ? starts[i + 1]!.index : output.length;
    chunks.push({ source: m[1]!, text: output.slice(from, to) });
  });
  return chunks;
}

/** `templates/x.yaml` of `podinfo/templates/x.yaml`; whether it is a crds/ file (of the chart or a subchart). */
export function templateOf(source: string): { template: string; crd: boolean } {
  const template = source.slice(source.indexOf('/') + 1);
  return { template, crd: /(^|\/)crds\//.test(template) && !/(^|\/)templates\//.test(template) };
}

function isListDocument(value: Record<string, unknown>): boolean {
  return typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value;
}

/** The object a document holds, or a finding saying why it is not one. */
function toObject(value: unknown, source: string): { object: KObject } | { finding: Finding } {
  const meta = isPlainObject(value) && isPlainObject(value.metadata) ? value.metadata : undefined;
  if (!isPlainObject(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string' || !meta || typeof meta.name !== 'string' || meta.name === '') {
    const what = isPlainObject(value)
      ? `an object without ${['apiVersion', 'kind', 'metadata.name'].filter((f) => (f === 'metadata.name' ? typeof meta?.name !== 'string' || meta.name === '' : typeof value[f] !== 'string')).join(', ')}`
      : describe(value);
    return {
      finding: errorFinding('charts/invalid-object', `template '${source}' printed ${what}, not a Kubernetes object`, { hint: 'fix the chart values that produce it, or report it to the chart' }),
    };
  }
  return { object: value as KObject };
}

/**
 * The parsed documents of one chunk, read as kubectl reads what it applies (yaml-read.ts): a
 * document it refuses (a repeated key, say) is an error naming the template.
 */
function parseChunk(chunk: SourceChunk, findings: Finding[]): unknown[] {
  const read = readYaml(chunk.text, { dialect: 'kubectl' });
  for (const problem of read.problems) {
    findings.push(
      errorFinding('charts/invalid-output', `template '${chunk.source}' printed YAML kasane cannot read: ${problem.message}`, {
        hint: 'fix the chart values that produce it, or report it to the chart',
      }),
    );
  }
  return read.documents.map((d) => d.value);
}

/**
 * The objects of helm's output, in the order helm printed them.
 * Findings: `charts/invalid-output`, `charts/invalid-object` (errors).
 */
export function parseHelmOutput(output: string, cache?: DocumentCache): { objects: ChartObject[]; findings: Finding[] } {
  const objects: ChartObject[] = [];
  const findings: Finding[] = [];
  const counts = new Map<string, number>();
  for (const chunk of splitSources(output)) {
    const { template, crd } = templateOf(chunk.source);
    for (const value of parseCached(chunk, findings, cache)) {
      if (value === null || value === undefined) continue;
      const items = isPlainObject(value) && isListDocument(value) ? (value.items as unknown[]) : [value];
      for (const item of items) {
        const read = toObject(item, chunk.source);
        if ('finding' in read) {
          findings.push(read.finding);
          continue;
        }
        const { object } = read;
        const key = `${chunk.source}\0${object.kind}`;
        const index = counts.get(key) ?? 0;
        counts.set(key, index + 1);
        objects.push({ object, source: chunk.source, template, crd, index });
      }
    }
  }
  return { objects, findings };
}
