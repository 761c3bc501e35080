/**
 * Reading and comparing what `helm template` prints, for scripts/oracle-helm.mjs.
 *
 * Helm prints every document as `---\n# Source: <chart>/<path>\n<content>`; a file of the
 * chart's crds/ folder is printed whole under one Source line and may hold several documents.
 * A document is identified by its Source path, its kind and its position among the documents of
 * that path and kind (`argo-cd/templates/x.yaml:Secret:0`; kind empty for a document that is
 * only comments). Helm sorts by kind, so the position among all documents of a path can change
 * between Helm versions, and names can be random; this key stays the same.
 */
import { parse } from 'yaml';

/**
 * Splits helm output into documents, each with its key, source path, text, parsed value, kind
 * and name.
 */
export function splitDocuments(output) {
  const docs = [];
  const seen = new Map();
  let source = '';
  for (const chunk of output.split(/^---[ \t]*$/m)) {
    const header = /^\n?# Source: (.+)$/m.exec(chunk);
    if (header && chunk.trimStart().startsWith('# Source:')) source = header[1];
    if (chunk.trim() === '' && !header) continue;
    const value = parseLeniently(chunk);
    const kind = typeof value?.kind === 'string' ? value.kind : '';
    const index = seen.get(`${source}:${kind}`) ?? 0;
    seen.set(`${source}:${kind}`, index + 1);
    const name = typeof value?.metadata?.name === 'string' ? value.metadata.name : '';
    docs.push({ key: `${source}:${kind}:${index}`, source, text: chunk, value, kind, name });
  }
  return docs;
}

/** The parsed document, or its text when it is not YAML that this parser reads. */
function parseLeniently(text) {
  try {
    return parse(text, { uniqueKeys: false }) ?? null;
  } catch {
    return text;
  }
}

/** Path segments joined with dots; a segment with a dot or bracket is quoted. */
function joinPath(base, segment) {
  const part = typeof segment === 'number' ? `[${segment}]` : /^[A-Za-z0-9_/-]+$/.test(segment) ? segment : JSON.stringify(segment);
  if (typeof segment === 'number') return `${base}${part}`;
  return base ? `${base}.${part}` : part;
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The leaves where two parsed documents differ, as [{ path, a, b }] (a value missing on one
 * side is undefined there). Arrays of different length differ as a whole.
 */
export function diffValues(a, b, path = '', into = []) {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    for (const k of keys) diffValues(a[k], b[k], joinPath(path, k), into);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => diffValues(item, b[i], joinPath(path, i), into));
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    into.push({ path, a, b });
  }
  return into;
}

/**
 * Compares two helm outputs document by document. Documents whose key is in `masked` may differ
 * in the listed paths. Returns [] when they agree, else a list of findings:
 * { type: 'order' } / { type: 'missing'|'extra', key } / { type: 'field', key, kind, name, path, a, b }.
 */
export function compareOutputs(a, b, masked = new Map()) {
  const docsA = splitDocuments(a);
  const docsB = splitDocuments(b);
  const byKeyB = new Map(docsB.map((d) => [d.key, d]));
  const keysA = new Set(docsA.map((d) => d.key));
  const findings = [];
  for (const doc of docsA) {
    const other = byKeyB.get(doc.key);
    if (!other) findings.push({ type: 'missing', key: doc.key });
    else if (doc.text !== other.text) {
      const allowed = new Set(masked.get(doc.key) ?? []);
      for (const d of diffValues(doc.value, other.value)) {
        if (!allowed.has(d.path)) findings.push({ type: 'field', key: doc.key, kind: doc.kind, name: doc.name, ...d });
      }
    }
  }
  for (const doc of docsB) if (!keysA.has(doc.key)) findings.push({ type: 'extra', key: doc.key });
  const common = (docs, keys) => docs.map((d) => d.key).filter((k) => keys.has(k));
  if (common(docsA, new Set(byKeyB.keys())).join('\n') !== common(docsB, keysA).join('\n')) findings.unshift({ type: 'order' });
  return findings;
}

/** The longest common subsequence of two key lists (n is a few hundred documents at most). */
function commonSubsequence(a, b) {
  const table = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const out = new Set();
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) (out.add(a[i]), i++, j++);
    else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return out;
}

/**
 * The documents that two outputs print in a different order: those outside the longest common
 * subsequence, each with the document it follows in either output ('' at the start).
 */
export function movedDocuments(a, b) {
  const keysA = splitDocuments(a).map((d) => d.key);
  const keysB = splitDocuments(b).map((d) => d.key);
  const stay = commonSubsequence(keysA, keysB);
  const after = (keys, key) => keys[keys.indexOf(key) - 1] ?? '';
  return keysA.filter((k) => !stay.has(k) && keysB.includes(k)).map((key) => ({ key, afterA: after(keysA, key), afterB: after(keysB, key) }));
}
