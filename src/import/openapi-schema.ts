/**
 * Kustomize's `openapi: {path}`: a local OpenAPI (swagger `definitions`) document whose merge
 * keys replace the built-in ones in strategic-merge patches. Import reads what the overlay
 * needs from it — for each kind a definition describes (`x-kubernetes-group-version-kind`),
 * the lists merged by a key — and the level carries them as `openapi`.
 */
import path from 'node:path';
import type { Finding } from '../errors.ts';
import { inputFinding } from '../k8s/input-findings.ts';
import { readYaml } from '../k8s/yaml-read.ts';
import type { OpenApiMergeKeys } from '../project/overlay-options.ts';
import { getOwn, isPlainObject } from '../util/plain-object.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { isRemote, type ReadText } from './kustomization.ts';
import { localFile } from './local-file.ts';
import { exhausted, tooLarge, walkBudget, type WalkBudget } from './walk-budget.ts';
import { unsupportedField } from './unsupported.ts';

type Schema = Record<string, unknown>;
type List = OpenApiMergeKeys['lists'][number];

/** How deep a definition is followed: deeper than any Kubernetes kind, short of a runaway schema. */
const MAX_DEPTH = 64;

/** The definition a `$ref` names (`#/definitions/<name>`), if the document has it. */
function resolve(schema: Schema, definitions: Schema): { schema: Schema; ref?: string } {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/definitions/')) return { schema };
  const name = ref.slice('#/definitions/'.length);
  const target = getOwn(definitions, name);
  return isPlainObject(target) ? { schema: target, ref: name } : { schema: {} };
}

/** True when a list schema asks for the merge strategy (`merge`, possibly with `retainKeys`). */
function merges(schema: Schema): boolean {
  return typeof schema['x-kubernetes-patch-strategy'] === 'string' && schema['x-kubernetes-patch-strategy'].split(',').includes('merge');
}

interface Walk {
  definitions: Schema;
  kind: string;
  lists: List[];
  /** Lists that merge without a key (sets of scalars), which the overlay cannot merge. */
  unkeyed: string[];
  budget: WalkBudget;
}

function walk(raw: Schema, at: string, w: Walk, stack: readonly string[]): void {
  const { schema, ref } = resolve(raw, w.definitions);
  if ((ref && stack.includes(ref)) || stack.length > MAX_DEPTH || exhausted(w.budget)) return;
  const inner = ref ? [...stack, ref] : [...stack, ''];
  if (isPlainObject(schema.items)) {
    const key = schema['x-kubernetes-patch-merge-key'];
    if (merges(schema)) {
      if (typeof key === 'string') w.lists.push({ kind: w.kind, path: at, mergeKey: key });
      else w.unkeyed.push(`${w.kind} ${at}`);
    }
    walk(schema.items, at, w, inner);
  }
  if (isPlainObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) if (isPlainObject(property)) walk(property, at === '' ? name : `${at}/${name}`, w, inner);
  }
}

/** `group/version/Kind` (`version/Kind` for the core group) of each kind a definition describes. */
function kindsOf(definition: Schema): string[] {
  const gvks = definition['x-kubernetes-group-version-kind'];
  return (Array.isArray(gvks) ? gvks : []).filter(isPlainObject).flatMap((g) => {
    if (typeof g.version !== 'string' || typeof g.kind !== 'string') return [];
    return [`${typeof g.group === 'string' && g.group !== '' ? `${g.group}/` : ''}${g.version}/${g.kind}`];
  });
}

/**
 * The merge keys of an OpenAPI document (JSON or YAML text of `file`), or findings when it has
 * no `definitions` or marks a list to merge without a key.
 */
export function openApiMergeKeys(input: string | Uint8Array, file: string, findings: Finding[]): OpenApiMergeKeys | undefined {
  const read = readYaml(input, { dialect: 'kubectl' });
  for (const p of read.problems) findings.push(inputFinding('import', file, p));
  const doc = read.documents[0]?.value;
  const definitions = isPlainObject(doc) ? doc.definitions : undefined;
  if (!isPlainObject(definitions)) {
    const message = 'expected an OpenAPI document with definitions (swagger 2.0, as `kustomize openapi fetch` writes), found none';
    findings.push({ severity: 'error', code: 'import/invalid-openapi', message, hint: 'point openapi.path at a swagger document', source: { file } });
    return undefined;
  }
  const kinds: string[] = [];
  const w: Walk = { definitions, kind: '', lists: [], unkeyed: [], budget: walkBudget() };
  for (const name of Object.keys(definitions).sort(compareCodeUnits)) {
    const definition = definitions[name];
    if (!isPlainObject(definition)) continue;
    for (const kind of kindsOf(definition)) {
      kinds.push(kind);
      walk(definition, '', { ...w, kind }, [name]);
    }
  }
  if (w.budget.left < 0) {
    findings.push(tooLarge(file, 'import/invalid-openapi'));
    return undefined;
  }
  if (w.unkeyed.length) {
    findings.push({
      severity: 'error',
      code: 'import/invalid-openapi',
      message: `cannot import the schema: ${w.unkeyed[0]} merges a list without x-kubernetes-patch-merge-key${w.unkeyed.length > 1 ? ` (and ${w.unkeyed.length - 1} more)` : ''}, which kasane's patches do not do`,
      hint: 'give the list a merge key, or patch it with a JSON 6902 patch',
      source: { file },
    });
    return undefined;
  }
  return { kinds, lists: w.lists };
}

/**
 * Reads a kustomization's `openapi` field: a local `path` becomes merge keys; a URL, or the
 * `version` of a built-in schema, is refused.
 */
export function readOpenApi(raw: unknown, k: { dir: string; file: string }, read: ReadText, findings: Finding[]): OpenApiMergeKeys | undefined {
  if (raw === undefined || raw === null) return undefined;
  const entry = isPlainObject(raw) ? raw.path : undefined;
  if (typeof entry !== 'string' || isRemote(entry) || Object.keys(raw as object).length !== 1) {
    findings.push(unsupportedField(k.file, ['openapi'], typeof entry === 'string' ? entry : undefined));
    return undefined;
  }
  const file = localFile(k.dir, entry, { file: k.file, path: ['openapi', 'path'] }, findings);
  if (file === undefined) return undefined;
  const text = read(file);
  if (text === undefined) {
    findings.push({
      severity: 'error',
      code: 'import/missing-file',
      message: `expected the OpenAPI schema '${file}', found nothing`,
      hint: 'fix openapi.path',
      source: { file: k.file },
      path: ['openapi', 'path'],
    });
    return undefined;
  }
  return openApiMergeKeys(text, file, findings);
}
