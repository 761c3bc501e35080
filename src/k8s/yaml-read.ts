/**
 * The one reader of untrusted YAML: manifests for `validate -f` and `import`, Kustomize trees
 * and their patches, CRD files. It reads what kubectl reads (see yaml-resolve.ts for the two
 * readings) and refuses, with a problem per document, what kubectl refuses or what would make
 * kasane misread or run out of memory: text that is not UTF-8 (or UTF-16 with a byte-order
 * mark), control characters, values JSON cannot hold, duplicate keys, alias bombs and nesting
 * beyond {@link MAX_DEPTH}. Map keys such as `__proto__` stay plain data.
 *
 * Pure: text in, values and problems out. yaml-text.ts decodes the bytes; yaml-fast.ts reads
 * plain block YAML (most of what helm and kubectl print) or gives up, and the `yaml` package
 * parses the rest; yaml-resolve.ts resolves every scalar, so the package's own schema never
 * decides what a value means.
 */
import type { Alias, Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { appendAll } from '../util/append.ts';
import { setOwn } from '../util/plain-object.ts';
import { yaml } from '../util/yaml-lib.ts';
import { readFast } from './yaml-fast.ts';
import { indentQuotedContinuations } from './yaml-quote-repair.ts';
import { controlProblem, decodeYamlText } from './yaml-text.ts';
import { resolveKey, resolveScalar, type YamlDialect } from './yaml-resolve.ts';

export type { YamlDialect } from './yaml-resolve.ts';

/** Nesting deeper than this is refused (kasane's own stages recurse over objects). */
export const MAX_DEPTH = 500;
/** The fast path gives up well before {@link MAX_DEPTH}, so that it never reads what the full reader refuses. */
const FAST_MAX_DEPTH = MAX_DEPTH - 8;
/** Values one document may gain through aliases; more is refused as an alias bomb. */
export const MAX_ALIAS_VALUES = 100_000;

/** Kinds of problem, each the last part of a stable error code (`load/alias-bomb`). */
export type YamlProblemCode = 'not-utf8' | 'control-character' | 'invalid-yaml' | 'too-deep' | 'alias-bomb' | 'duplicate-key' | 'invalid-value' | 'invalid-key';

/** Why the input, or one document of it, could not be read. */
export interface YamlProblem {
  code: YamlProblemCode;
  message: string;
  /** 1-based line. @default unknown */
  line?: number;
  /** 0-based index of the document. @default the whole input */
  document?: number;
}

/** The YAML node a map or list was read from, and the key each pair gave (undefined for `<<`). */
export interface YamlSourceNode {
  node: YAMLMap | YAMLSeq;
  keys?: (string | undefined)[];
}

/** One document read. */
export interface YamlDocument {
  /** 0-based position in the stream. */
  index: number;
  /** 1-based line where its content starts. */
  line: number;
  value: unknown;
  /** The parsed document, for comments (only with `keepNodes`). */
  yaml?: Document;
  /** Each map and list of `value` → the node it came from (only with `keepNodes`). */
  nodes?: WeakMap<object, YamlSourceNode>;
}

/** Options of {@link readYaml}. */
export interface ReadYamlOptions {
  /** Which kubectl reading to reproduce: `kubectl` for files applied with `-f`, `kustomize` for a Kustomize tree's resources and patches. */
  dialect: YamlDialect;
  /** Keep each document's syntax tree and the source node of every map and list (for comments). @default false */
  keepNodes?: boolean;
  /**
   * Try the fast path for plain block YAML first (yaml-fast.ts), which gives the same documents
   * or gives up; false reads with the `yaml` package only (to compare the two). @default true
   */
  fast?: boolean;
}

/** Raised inside a document's conversion; the document is dropped with the problem. */
class DocumentProblem {
  constructor(
    readonly code: YamlProblemCode,
    readonly message: string,
    readonly node?: Node | Pair | null,
  ) {}
}

/** Converts one document's nodes into plain values, checking each problem kubectl would have. */
class Converter {
  private aliasValues = 0;
  private readonly open = new Set<Node>();
  private readonly targets = new Map<Alias, Node | undefined>();
  readonly nodes: WeakMap<object, YamlSourceNode> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly dialect: YamlDialect,
    keepNodes: boolean,
    /** Length of the input when it ends without a line break, else undefined. */
    private readonly openEnd?: number,
  ) {
    this.nodes = keepNodes ? new WeakMap() : undefined;
  }

  value(node: unknown, depth: number, viaAlias: boolean): unknown {
    if (depth > MAX_DEPTH) throw new DocumentProblem('too-deep', `expected at most ${MAX_DEPTH} levels of nesting, found more`, node as Node);
    if (viaAlias && ++this.aliasValues > MAX_ALIAS_VALUES) {
      throw new DocumentProblem('alias-bomb', `expected aliases to add at most ${MAX_ALIAS_VALUES} values to a document, found more (an alias bomb?)`, node as Node);
    }
    const y = yaml();
    if (node === null || node === undefined) return null;
    if (y.isAlias(node)) return this.alias(node, depth);
    if (y.isScalar(node)) return this.scalar(node);
    if (y.isMap(node)) return this.map(node, depth, viaAlias);
    if (y.isSeq(node)) {
      const out = node.items.map((item) => this.value(item, depth + 1, viaAlias));
      this.nodes?.set(out, { node });
      return out;
    }
    throw new DocumentProblem('invalid-yaml', 'expected a map, a list or a scalar', node as Node);
  }

  /** What `node` refers to; cached, as the `yaml` package searches the whole document each time. */
  private resolve(node: Alias): Node | undefined {
    if (!this.targets.has(node)) this.targets.set(node, node.resolve(this.doc) as Node | undefined);
    return this.targets.get(node);
  }

  private alias(node: Alias, depth: number): unknown {
    const target = this.resolve(node);
    if (!target) throw new DocumentProblem('invalid-yaml', `expected an anchor '${node.source}' before its alias, found none`, node);
    if (this.open.has(target)) throw new DocumentProblem('invalid-yaml', `anchor '${node.source}' contains an alias to itself`, node);
    this.open.add(target);
    try {
      return this.value(target, depth, true);
    } finally {
      this.open.delete(target);
    }
  }

  private scalar(node: Scalar): unknown {
    const text = this.blockAtOpenEnd(node) ? (node.source as string).slice(0, -1) : typeof node.source === 'string' ? node.source : String(node.value);
    if (node.type === 'QUOTE_DOUBLE' && /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) {
      throw new DocumentProblem('invalid-yaml', 'found an invalid Unicode escape (a lone surrogate)', node);
    }
    const got = resolveScalar({ text, plain: node.type === 'PLAIN', ...(node.tag && node.tag !== '!' ? { tag: node.tag } : {}) }, this.dialect);
    if ('error' in got) throw new DocumentProblem('invalid-value', got.error, node);
    return got.value;
  }

  private isMergeKey(key: unknown): key is Scalar {
    const y = yaml();
    if (!y.isScalar(key) || key.source !== '<<') return false;
    if (key.tag === 'tag:yaml.org,2002:merge') return true;
    if (key.type === 'PLAIN' && !key.tag) return true;
    // go-yaml v3 takes a quoted `<<` as a merge key too and kustomize then drops its content.
    if (this.dialect === 'kustomize' && !key.tag) throw new DocumentProblem('invalid-key', 'a quoted "<<" key is read as a merge key by kustomize, which then drops its content: rename the key', key);
    return false;
  }

  private keyOf(pair: Pair): string {
    const y = yaml();
    const key = y.isAlias(pair.key) ? this.resolve(pair.key) : pair.key;
    if (key === null || key === undefined) throw new DocumentProblem('invalid-key', 'a null key cannot be a JSON field name', pair);
    if (!y.isScalar(key)) throw new DocumentProblem('invalid-key', 'expected a scalar key, found a map or a list', pair);
    const text = typeof key.source === 'string' ? key.source : String(key.value);
    const got = resolveKey({ text, plain: key.type === 'PLAIN', ...(key.tag && key.tag !== '!' ? { tag: key.tag } : {}) }, this.dialect);
    if ('error' in got) throw new DocumentProblem('invalid-key', got.error, pair);
    return got.key;
  }

  /**
   * True for a block scalar (`|`, `>`) that ends the input with no line break after its last
   * line: go-yaml, which Kustomize reads with, keeps no final line break there, so the value has
   * none; kubectl's reader, like the YAML package, ends it with one.
   */
  private blockAtOpenEnd(node: Scalar): boolean {
    const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
    return this.dialect === 'kustomize' && block && node.range?.[1] === this.openEnd && typeof node.source === 'string' && node.source.endsWith('\n');
  }

  private map(node: YAMLMap, depth: number, viaAlias: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const explicit = new Set<string>();
    const keys: (string | undefined)[] = [];
    const merges: unknown[] = [];
    for (const pair of node.items) {
      if (this.isMergeKey(pair.key)) {
        keys.push(undefined);
        const sources = this.mergeSources(pair.value, depth, viaAlias);
        // go-yaml v2 merges where the key stands (later keys win); v3 lets explicit keys win.
        if (this.dialect === 'kubectl') for (const source of sources) for (const k of Object.keys(source)) setOwn(out, k, source[k]);
        else appendAll(merges, sources);
        continue;
      }
      const key = this.keyOf(pair);
      if (explicit.has(key)) throw new DocumentProblem('duplicate-key', `expected each key once in a map, found ${JSON.stringify(key)} twice`, pair);
      explicit.add(key);
      keys.push(key);
      // kustomize reads a flow map entry without a value (`{a, b}`, `{b: }`) as an empty string.
      const empty = node.flow && this.dialect === 'kustomize' && (pair.value === null || (yaml().isScalar(pair.value) && pair.value.type === 'PLAIN' && !pair.value.tag && pair.value.source === ''));
      setOwn(out, key, empty ? '' : this.value(pair.value, depth + 1, viaAlias));
    }
    for (const source of merges as Record<string, unknown>[]) for (const k of Object.keys(source)) if (!Object.hasOwn(out, k)) setOwn(out, k, source[k]);
    this.nodes?.set(out, { node, keys });
    return out;
  }

  /** The maps a `<<` value merges, earliest-wins order for kustomize and latest-wins for kubectl. */
  private mergeSources(value: unknown, depth: number, viaAlias: boolean): Record<string, unknown>[] {
    const y = yaml();
    const target = y.isAlias(value) ? this.resolve(value) : value;
    const fail = () => new DocumentProblem('invalid-value', 'a merge key (<<) needs a map or a list of maps as its value', value as Node);
    const items = y.isSeq(target) ? target.items : [value];
    const maps = items.map((item) => {
      const resolved = y.isAlias(item) ? this.resolve(item) : item;
      if (!y.isMap(resolved)) throw fail();
      return this.value(item, depth + 1, viaAlias) as Record<string, unknown>;
    });
    if (!y.isSeq(target) && !y.isMap(target)) throw fail();
    return this.dialect === 'kubectl' ? maps.reverse() : maps;
  }
}

/** A problem located in `doc`. */
function located(problem: DocumentProblem, index: number, line: (offset: number) => number): YamlProblem {
  const node = problem.node as { range?: [number, number, number] | null; key?: { range?: [number, number, number] | null } } | null | undefined;
  const range = node?.range ?? node?.key?.range;
  return { code: problem.code, message: problem.message, document: index, ...(range ? { line: line(range[0]) } : {}) };
}

/** True when a document comes after a `%YAML` or `%TAG` directive. */
function hasDirective(doc: Document): boolean {
  const directives = doc.directives;
  if (!directives) return false;
  const tags: Record<string, string> = directives.tags;
  return directives.yaml.explicit === true || Object.keys(tags).some((h) => h !== '!!') || tags['!!'] !== 'tag:yaml.org,2002:';
}

const UNCLOSED_QUOTE = /^Missing closing ['"]quote/;

type LineCounter = InstanceType<ReturnType<typeof yaml>['LineCounter']>;

/** Thrown when a document shows a quoted scalar go-yaml would read across lines: parse the repaired text. */
const REPAIR = Symbol('repair');

/**
 * The documents of `text`, composed one at a time so that each document's syntax tree can go
 * once it is read (a 60 MB stream holds 200,000 of them).
 */
function* composeDocuments(text: string, lineCounter: LineCounter, repair: boolean): Generator<Document> {
  // failsafe: every scalar stays text here, and yaml-resolve.ts decides what it means.
  const composer = new (yaml().Composer)({ schema: 'failsafe', version: '1.1', merge: false, uniqueKeys: false, prettyErrors: false });
  for (const doc of composer.compose(new (yaml().Parser)(lineCounter.addNewLine).parse(text))) {
    if (repair && doc.errors.some((e) => e.code === 'MISSING_CHAR' && UNCLOSED_QUOTE.test(e.message))) throw REPAIR;
    yield doc as Document;
  }
}

/** Reads one parsed document into `documents` or `problems`. */
function readDocument(doc: Document, index: number, line: (offset: number) => number, options: ReadYamlOptions, out: { documents: YamlDocument[]; problems: YamlProblem[] }, openEnd?: number): void {
  const start = line(doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0);
  const error = doc.errors[0];
  if (error) {
    const code = error.code === 'RESOURCE_EXHAUSTION' ? 'too-deep' : 'invalid-yaml';
    const message = code === 'too-deep' ? `expected at most ${MAX_DEPTH} levels of nesting, found more` : error.message.split('\n')[0]!;
    out.problems.push({ code, message, document: index, line: line(error.pos[0]) });
    return;
  }
  if (hasDirective(doc)) {
    out.problems.push({ code: 'invalid-yaml', message: 'expected no %YAML or %TAG directive: kubectl splits documents before it reads them and cannot read one', document: index, line: start });
    return;
  }
  const keep = options.keepNodes ?? false;
  const converter = new Converter(doc, options.dialect, keep, openEnd);
  try {
    const value = converter.value(doc.contents, 0, false);
    out.documents.push({ index, line: start, value, ...(keep ? { yaml: doc, nodes: converter.nodes! } : {}) });
  } catch (error) {
    if (!(error instanceof DocumentProblem)) throw error;
    out.problems.push(located(error, index, line));
  }
}

/**
 * Reads every document of `input`. A document with a problem is left out and reported; the
 * others are read. Text that cannot be decoded gives one problem and no documents. A quoted
 * scalar whose continuation lines go-yaml accepts unindented is read after indenting them
 * (see yaml-quote-repair.ts); line numbers stay those of the input.
 */
export function readYaml(input: Uint8Array | string, options: ReadYamlOptions): { documents: YamlDocument[]; problems: YamlProblem[] } {
  const decoded = decodeYamlText(input);
  if ('problem' in decoded) return { documents: [], problems: [decoded.problem] };
  const control = controlProblem(decoded.text);
  if (control) return { documents: [], problems: [control] };
  if (options.fast !== false && !options.keepNodes) {
    const fast = readFast(decoded.text, options.dialect, FAST_MAX_DEPTH);
    if (fast) return { documents: fast, problems: [] };
  }
  let text = decoded.text;
  for (let pass = 0; ; pass++) {
    const lineCounter = new (yaml().LineCounter)();
    const line = (offset: number) => lineCounter.linePos(offset).line;
    const out = { documents: [] as YamlDocument[], problems: [] as YamlProblem[] };
    try {
      let index = 0;
      const openEnd = /[\r\n]$/.test(text) ? undefined : text.length;
      for (const doc of composeDocuments(text, lineCounter, pass < 8)) readDocument(doc, index++, line, options, out, openEnd);
      return out;
    } catch (error) {
      if (error !== REPAIR) throw error;
      const repaired = indentQuotedContinuations(text);
      if (repaired === undefined || repaired === text) pass = 8;
      else text = repaired;
    }
  }
}

/**
 * The value of a one-document YAML text as `kubectl apply -f` reads it; undefined when the text
 * is empty or cannot be read (a file someone edited by hand, say).
 */
export function readYamlValue(input: Uint8Array | string): unknown {
  const read = readYaml(input, { dialect: 'kubectl' });
  return read.problems.length ? undefined : (read.documents[0]?.value ?? undefined);
}
