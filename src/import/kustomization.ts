/**
 * One kustomization file read into what the importer needs: resources, the overlay fields
 * kasane has (namespace, affixes, labels, annotations, images, replicas, patches, generators),
 * and a finding for every field kasane cannot express, so nothing is dropped silently.
 */
import path from 'node:path';
import { inputFinding } from '../k8s/input-findings.ts';
import { readYaml, type YamlDialect, type YamlProblem } from '../k8s/yaml-read.ts';
import { keepAnnotationText } from './kustomize-annotations.ts';
import { localFile } from './local-file.ts';
import type { Finding } from '../errors.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { appendAll } from '../util/append.ts';
import type { FieldSpecInput } from '../project/field-spec.ts';
import type { GeneratorPosition } from '../project/generator.ts';
import type { ImageOverride, LabelsEntry, OpenApiMergeKeys, ReplicaOverride } from '../project/overlay-options.ts';
import { readOpenApi } from './openapi-schema.ts';
import type { JsonPatchOp, PatchOptions, PatchTarget } from '../project/patch.ts';
import { readBuiltinEntries, type BuiltinDecl } from './builtin-entries.ts';
import { kustomizeJsonOps } from './json-patch-ops.ts';
import { goFields } from './go-fields.ts';
import { readDataFields, type DataFields } from './kustomize-fields.ts';
import { unsupportedField } from './unsupported.ts';

/** A patch as the overlay will apply it. */
export type PatchDecl =
  | { type: 'strategic-merge'; body: Record<string, unknown>; target?: PatchTarget; file?: string; field: string; options?: PatchDeclOptions }
  | { type: 'json6902'; ops: JsonPatchOp[]; target: PatchTarget; file?: string; field: string; options?: PatchDeclOptions };

/** A patch entry's `options`, and whether it runs after the annotations (`patchesJson6902`). */
export type PatchDeclOptions = Pick<PatchOptions, 'allowNameChange' | 'allowKindChange' | 'afterAnnotations' | 'optional'>;

function patchOptions(raw: unknown, selector: boolean): { options?: PatchDeclOptions } {
  const options: PatchDeclOptions = selector ? { optional: true } : {};
  if (!isPlainObject(raw)) return Object.keys(options).length ? { options } : {};
  const given = goFields(raw, ['allowNameChange', 'allowKindChange']);
  if (given.allowNameChange === true) options.allowNameChange = true;
  if (given.allowKindChange === true) options.allowKindChange = true;
  return Object.keys(options).length ? { options } : {};
}

/** A configMapGenerator or secretGenerator entry, generator options folded in. */
export interface GeneratorDecl {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace?: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals: string[];
  /** `path` or `key=path`, relative to the kustomization's folder. */
  files: string[];
  envs: string[];
  type?: string;
  /** Keys kept as text under `stringData` (a Secret object that used it). */
  stringDataKeys?: string[];
  /** A Secret object of `resources:`: written as its manifest was (see `GeneratorSpec.asResource`). */
  asResource?: boolean;
  /** Where the Secret object sat among the level's objects, when the output keeps their order. */
  position?: GeneratorPosition;
  options?: { disableNameSuffixHash?: boolean; labels?: Record<string, string>; annotations?: Record<string, string>; immutable?: boolean };
  /** The file that configured it (the kustomization, or a `generators:` file) and the name it gave there. */
  configuredIn: { file: string; name?: string };
}

/** A kustomization as the importer models it. Paths are posix, relative to the import root. */
export interface Kustomization extends DataFields {
  dir: string;
  file: string;
  /** The file has `kind: Component` (a Kustomize Component). @default false */
  component?: boolean;
  /** `sortOptions` as written: Kustomize reads (and checks) it only where the build starts. @default unset */
  sortOptions?: unknown;
  /** `buildMetadata: [managedByLabel]`, which Kustomize reads only where the build starts. @default false */
  managedByLabel?: boolean;
  /** Merge keys of the schema `openapi: {path}` names. @default the built-in ones */
  openapi?: OpenApiMergeKeys;
  /** `buildMetadata: [originAnnotations]`, also read only where the build starts. @default false */
  originAnnotations?: boolean;
  /** `buildMetadata: [transformerAnnotations]`, also read only where the build starts. @default false */
  transformerAnnotations?: boolean;
  /** It has `commonLabels` (the first of `labels`, then). @default false */
  commonLabels?: boolean;
  /** The `configuredIn` its level is written with, for a build that annotates transformers. @default none */
  configuredIn?: string;
  resources: string[];
  /** Builtin transformers configured by `transformers:` entries, in order. */
  builtinTransformers: BuiltinDecl[];
  /** Folders of the Components it includes, in order, with their index in `components:`. */
  components: { dir: string; index: number }[];
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  labels: LabelsEntry[];
  annotations?: Record<string, string>;
  images: ImageOverride[];
  replicas: ReplicaOverride[];
  patches: PatchDecl[];
  generators: GeneratorDecl[];
}

/** File names Kustomize looks for in a folder, in its order. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

// prettier-ignore
const SUPPORTED = new Set([
  'apiVersion', 'kind', 'metadata', 'resources', 'bases', 'namespace', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels',
  'commonAnnotations', 'images', 'replicas', 'patches', 'patchesStrategicMerge', 'patchesJson6902', 'configMapGenerator',
  'secretGenerator', 'generatorOptions', 'vars', 'configurations', 'crds', 'replacements', 'components', 'transformers', 'generators', 'sortOptions', 'buildMetadata', 'openapi',
]);

/** Reads a file of the tree (bytes, or text); undefined when it is not there. */
export type ReadText = (file: string) => string | Uint8Array | undefined;

/**
 * The documents of a YAML input, read in `dialect` with problems as findings of `file`.
 * Kustomization files and JSON patches are read as sigs.k8s.io/yaml reads them (`kubectl`),
 * strategic-merge patches as kustomize reads resources (`kustomize`).
 */
function readDocuments(input: string | Uint8Array, file: string, dialect: YamlDialect, findings: Finding[]): unknown[] {
  const read = readOnce(input, dialect);
  for (const p of read.problems) findings.push(inputFinding('import', file, p));
  return read.values;
}

/**
 * What each file's bytes read as, per dialect. An import reads every kustomization and patch
 * file several times (collecting the tree's files, finding the top kustomizations, planning),
 * and reading YAML is most of its time on a large tree. Every caller gets its own copy of the
 * values, so no caller sees another's changes.
 */
const readCache = new WeakMap<Uint8Array, Map<YamlDialect, { values: unknown[]; problems: YamlProblem[] }>>();

function readOnce(input: string | Uint8Array, dialect: YamlDialect): { values: unknown[]; problems: YamlProblem[] } {
  const cached = typeof input === 'string' ? undefined : readCache.get(input)?.get(dialect);
  if (cached) return { values: structuredClone(cached.values), problems: cached.problems };
  // A Kustomize tree's annotation values keep the text written (./kustomize-annotations.ts), which needs the nodes.
  const read = readYaml(input, { dialect, keepNodes: dialect === 'kustomize' });
  const values = read.documents.map((d) => {
    if (dialect === 'kustomize') keepAnnotationText(d.value, d);
    return d.value;
  });
  const got = { values, problems: read.problems };
  if (typeof input !== 'string') {
    const byDialect = readCache.get(input) ?? new Map<YamlDialect, { values: unknown[]; problems: YamlProblem[] }>();
    byDialect.set(dialect, { values: structuredClone(got.values), problems: got.problems });
    readCache.set(input, byDialect);
  }
  return got;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isPlainObject(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

/** True for a resource entry that names a remote base (URL, git repository). */
export function isRemote(entry: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) ||
    entry.startsWith('git@') ||
    entry.includes('?ref=') ||
    (entry.includes('//') && !entry.startsWith('/'))
  );
}

/** `entry` of the kustomization in `dir` as a path from the import root; a trailing `/` names the same folder. */
function treePath(dir: string, entry: string): string {
  const joined = path.posix.normalize(path.posix.join(dir, entry));
  return joined.length > 1 && joined.endsWith('/') ? joined.replace(/\/+$/, '') : joined;
}

/** A kustomization with no fields set, for `file` in folder `dir`. */
export function emptyKustomization(dir: string, file: string): Kustomization {
  return { dir, file, resources: [], components: [], builtinTransformers: [], labels: [], images: [], replicas: [], patches: [], generators: [], vars: [], configurations: [], replacements: [] };
}

/** Parses the kustomization at `file` (relative to the import root). */
export function readKustomization(file: string, input: string | Uint8Array, read: ReadText): { kustomization: Kustomization; findings: Finding[] } {
  const dir = path.posix.dirname(file);
  const findings: Finding[] = [];
  const given = readDocuments(input, file, 'kubectl', findings)[0] ?? {};
  const k = emptyKustomization(dir, file);
  if (!isPlainObject(given)) {
    findings.push({ severity: 'error', code: 'import/invalid-kustomization', message: 'expected a YAML mapping', hint: 'fix the kustomization file', source: { file } });
    return { kustomization: k, findings };
  }
  // `NamePrefix:` is `namePrefix:` to Kustomize, as every key of the fields below.
  const doc = goFields(given, [...SUPPORTED]);
  for (const field of Object.keys(doc)) if (!SUPPORTED.has(field)) findings.push(unsupportedField(file, [field]));
  if (doc.kind === 'Component') k.component = true;
  else if (doc.kind !== undefined && doc.kind !== 'Kustomization') findings.push(unsupportedField(file, ['kind'], String(doc.kind)));
  for (const [i, entry] of strings(doc.components).entries()) {
    if (isRemote(entry)) findings.push(unsupportedField(file, ['components', i], entry));
    else k.components.push({ dir: treePath(dir, entry), index: i });
  }
  for (const [i, entry] of [...strings(doc.resources), ...strings(doc.bases)].entries()) {
    if (isRemote(entry)) findings.push(unsupportedField(file, ['resources', i], entry));
    else k.resources.push(treePath(dir, entry));
  }
  for (const key of ['namespace', 'namePrefix', 'nameSuffix'] as const) if (typeof doc[key] === 'string' && doc[key] !== '') k[key] = doc[key] as string;
  const common = stringMap(doc.commonLabels);
  if (common && Object.keys(common).length) {
    k.labels.push({ pairs: common, includeSelectors: true });
    k.commonLabels = true;
  }
  if (Array.isArray(doc.labels)) {
    doc.labels.forEach((given, i) => {
      if (!isPlainObject(given)) return;
      const entry = goFields(given, ['pairs', 'includeSelectors', 'includeTemplates', 'fields']);
      const l: LabelsEntry = { pairs: stringMap(entry.pairs) ?? {} };
      if (Array.isArray(entry.fields) && entry.fields.length) l.fields = entry.fields.filter(isPlainObject) as unknown as FieldSpecInput[];
      if (entry.includeSelectors === true) l.includeSelectors = true;
      if (entry.includeTemplates === true) l.includeTemplates = true;
      k.labels.push(l);
    });
  }
  const annotations = stringMap(doc.commonAnnotations);
  if (annotations && Object.keys(annotations).length) k.annotations = annotations;
  for (const given of Array.isArray(doc.images) ? doc.images : []) {
    const image = isPlainObject(given) ? goFields(given, ['name', 'newName', 'newTag', 'digest']) : undefined;
    if (!image || typeof image.name !== 'string') continue;
    const o: ImageOverride = { name: image.name };
    if (image.newName !== undefined) o.newName = String(image.newName);
    if (image.newTag !== undefined) o.newTag = String(image.newTag);
    if (image.digest !== undefined) o.digest = String(image.digest);
    k.images.push(o);
  }
  for (const given of Array.isArray(doc.replicas) ? doc.replicas : []) {
    const r = isPlainObject(given) ? goFields(given, ['name', 'count']) : undefined;
    if (r && typeof r.name === 'string') k.replicas.push({ name: r.name, count: Number(r.count) });
  }
  if (doc.sortOptions !== undefined) k.sortOptions = doc.sortOptions;
  readBuildMetadata(doc.buildMetadata, k, findings);
  const openapi = readOpenApi(doc.openapi, k, read, findings);
  if (openapi) k.openapi = openapi;
  readPatches(doc, file, read, k, findings);
  readGenerators(doc, k, findings, file);
  Object.assign(k, readDataFields(doc, dir, file, read, findings));
  readBuiltinEntries(doc, k, read, findings);
  return { kustomization: k, findings };
}

const TARGET_FIELDS = ['kind', 'name', 'namespace', 'group', 'version', 'labelSelector', 'annotationSelector'] as const;

function patchTarget(raw: unknown): PatchTarget | undefined {
  if (!isPlainObject(raw)) return undefined;
  const given = goFields(raw, TARGET_FIELDS);
  const t: PatchTarget = {};
  for (const key of TARGET_FIELDS) {
    const value = given[key];
    if (typeof value === 'string') t[key] = value;
  }
  return t;
}

/** Patch content: inline text, or the file it names (relative to the kustomization). */
function patchText(
  inline: unknown,
  file: unknown,
  dir: string,
  read: ReadText,
  where: { file: string; path: (string | number)[] },
  findings: Finding[],
): { text?: string | Uint8Array; file?: string } {
  if (typeof inline === 'string') return { text: inline };
  if (typeof file !== 'string') return {};
  const rel = localFile(dir, file, where, findings);
  if (rel === undefined) return {};
  const text = read(rel);
  if (text === undefined) {
    findings.push({ severity: 'error', code: 'import/missing-file', message: `expected the patch file '${rel}', found nothing`, hint: 'fix the path', source: { file: where.file }, path: where.path });
    return {};
  }
  return { text, file: rel };
}

function smpBodies(input: string | Uint8Array, file: string, findings: Finding[]): Record<string, unknown>[] {
  return readDocuments(input, file, 'kustomize', findings).filter(isPlainObject);
}

/** Reads `buildMetadata`: `managedByLabel`, the origin and the transformer annotations. */
function readBuildMetadata(raw: unknown, k: Kustomization, findings: Finding[]): void {
  (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).forEach((option, i) => {
    if (option === 'managedByLabel') k.managedByLabel = true;
    else if (option === 'originAnnotations') k.originAnnotations = true;
    else if (option === 'transformerAnnotations') k.transformerAnnotations = true;
    else {
      findings.push({
        severity: 'error',
        code: 'import/invalid-kustomization',
        message: `expected a buildMetadata option (managedByLabel, originAnnotations, transformerAnnotations), found ${JSON.stringify(option)}`,
        hint: 'fix the option',
        source: { file: k.file },
        path: ['buildMetadata', i],
      });
    }
  });
}

/** The fields of a `patches:` or `patchesJson6902:` entry. */
const PATCH_FIELDS = ['path', 'patch', 'target', 'options'];

/** Reads the patch fields of `doc` into `k.patches`. Keys are read whatever their case, as Kustomize reads them. */
export function readPatches(doc: Record<string, unknown>, file: string, read: ReadText, k: Kustomization, findings: Finding[]): void {
  strings(doc.patchesStrategicMerge).forEach((entry, i) => {
    const inline = entry.includes('\n') || /^\s*(apiVersion|kind)\s*:/.test(entry);
    const got = inline ? { text: entry } : patchText(undefined, entry, k.dir, read, { file, path: ['patchesStrategicMerge', i] }, findings);
    if (got.text === undefined) return;
    for (const body of smpBodies(got.text, got.file ?? file, findings))
      k.patches.push({ type: 'strategic-merge', body, field: `patchesStrategicMerge[${i}]`, ...(got.file ? { file: got.file } : {}) });
  });
  (Array.isArray(doc.patches) ? doc.patches : []).forEach((given, i) => {
    if (!isPlainObject(given)) return;
    const entry = goFields(given, PATCH_FIELDS);
    const target = patchTarget(entry.target);
    // A `target:` selects every object it matches, and none is no error (unlike a patch that names its object).
    const options = patchOptions(entry.options, target !== undefined);
    const got = patchText(entry.patch, entry.path, k.dir, read, { file, path: ['patches', i] }, findings);
    if (got.text === undefined) return;
    // A JSON 6902 patch is a list as kubectl reads it. Read as a strategic-merge patch first:
    // when that reading is clean and holds no list, neither does kubectl's (the common case).
    const smpFindings: Finding[] = [];
    const documents = readDocuments(got.text, got.file ?? file, 'kustomize', smpFindings);
    const field = `patches[${i}]`;
    const parsed = Array.isArray(documents.at(0)) || smpFindings.length ? readDocuments(got.text, got.file ?? file, 'kubectl', []).at(0) : undefined;
    if (Array.isArray(parsed)) {
      if (!target)
        findings.push({
          severity: 'error',
          code: 'import/invalid-kustomization',
          message: 'expected a target for a JSON 6902 patch, found none',
          hint: 'add target: { kind, name }',
          source: { file },
          path: ['patches', i],
        });
      else k.patches.push({ type: 'json6902', ops: kustomizeJsonOps(parsed), target, field, ...options, ...(got.file ? { file: got.file } : {}) });
      return;
    }
    appendAll(findings, smpFindings);
    for (const body of documents.filter(isPlainObject)) k.patches.push({ type: 'strategic-merge', body, field, ...options, ...(target ? { target } : {}), ...(got.file ? { file: got.file } : {}) });
  });
  (Array.isArray(doc.patchesJson6902) ? doc.patchesJson6902 : []).forEach((given, i) => {
    if (!isPlainObject(given)) return;
    const entry = goFields(given, PATCH_FIELDS);
    const got = patchText(entry.patch, entry.path, k.dir, read, { file, path: ['patchesJson6902', i] }, findings);
    const target = patchTarget(entry.target);
    if (got.text === undefined || !target) return;
    const ops = readDocuments(got.text, got.file ?? file, 'kubectl', findings).at(0);
    if (!Array.isArray(ops)) {
      findings.push({
        severity: 'error',
        code: 'import/invalid-kustomization',
        message: 'expected a JSON 6902 patch (a list of operations)',
        hint: 'write the patch as a list of { op, path, value }',
        source: { file: got.file ?? file },
        path: ['patchesJson6902', i],
      });
      return;
    }
    // Kustomize runs patchesJson6902 after the namespace, affixes, labels and annotations.
    const late = { options: { afterAnnotations: true } };
    k.patches.push({ type: 'json6902', ops: kustomizeJsonOps(ops), target, field: `patchesJson6902[${i}]`, ...late, ...(got.file ? { file: got.file } : {}) });
  });
}

/** The fields of a generator entry and of generator options (keys read whatever their case). */
const GENERATOR_FIELDS = ['name', 'namespace', 'behavior', 'literals', 'files', 'envs', 'env', 'type', 'options'];
const OPTION_FIELDS = ['labels', 'annotations', 'disableNameSuffixHash', 'immutable'];

/**
 * Reads configMapGenerator, secretGenerator and generatorOptions of `doc` into `k.generators`;
 * `from` says they come from a `generators:` entry (configured in `file`, by name).
 */
export function readGenerators(doc: Record<string, unknown>, k: Kustomization, findings: Finding[], file: string, from?: 'entry'): void {
  const global = isPlainObject(doc.generatorOptions) ? goFields(doc.generatorOptions, OPTION_FIELDS) : {};
  for (const [field, kind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    (Array.isArray(doc[field]) ? (doc[field] as unknown[]) : []).forEach((given, i) => {
      const raw = isPlainObject(given) ? goFields(given, GENERATOR_FIELDS) : undefined;
      if (!raw || typeof raw.name !== 'string') {
        findings.push({
          severity: 'error',
          code: 'import/invalid-kustomization',
          message: `expected a generator with a name at ${field}[${i}]`,
          hint: 'add name:',
          source: { file },
          path: [field, i],
        });
        return;
      }
      const configuredIn = { file, ...(from ? { name: raw.name } : {}) };
      const g: GeneratorDecl = {
        kind,
        name: raw.name,
        configuredIn,
        literals: strings(raw.literals),
        files: strings(raw.files),
        envs: [...strings(raw.envs), ...(typeof raw.env === 'string' ? [raw.env] : [])],
      };
      g.files = g.files.flatMap((entry, j) => {
        const eq = entry.indexOf('=');
        const p = eq >= 0 ? entry.slice(eq + 1) : entry;
        const key = eq >= 0 ? entry.slice(0, eq) : path.posix.basename(p);
        const at = localFile(k.dir, p, { file, path: [field, i, 'files', j] }, findings);
        return at === undefined ? [] : [`${key}=${at}`];
      });
      g.envs = g.envs.flatMap((p, j) => localFile(k.dir, p, { file, path: [field, i, 'envs', j] }, findings) ?? []);
      if (typeof raw.namespace === 'string') g.namespace = raw.namespace;
      if (raw.behavior === 'create' || raw.behavior === 'merge' || raw.behavior === 'replace') g.behavior = raw.behavior;
      if (kind === 'Secret' && typeof raw.type === 'string') g.type = raw.type;
      const options = mergeOptions(global, isPlainObject(raw.options) ? goFields(raw.options, OPTION_FIELDS) : {});
      if (options) g.options = options;
      k.generators.push(g);
    });
  }
}

/**
 * Kustomize's generatorOptions under each generator's own options: labels and annotations join
 * (the generator's win on equal keys), while a kustomization-wide `true` for
 * `disableNameSuffixHash` or `immutable` holds even where a generator says `false`.
 */
function mergeOptions(global: Record<string, unknown>, own: Record<string, unknown>): GeneratorDecl['options'] {
  const out: NonNullable<GeneratorDecl['options']> = {};
  const labels = { ...stringMap(global.labels), ...stringMap(own.labels) };
  const annotations = { ...stringMap(global.annotations), ...stringMap(own.annotations) };
  if (Object.keys(labels).length) out.labels = labels;
  if (Object.keys(annotations).length) out.annotations = annotations;
  for (const key of ['disableNameSuffixHash', 'immutable'] as const) {
    if (own[key] === true || global[key] === true) out[key] = true;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Every file and folder a kustomization refers to (for the reader that collects the tree). */
export function referencedPaths(k: Kustomization): string[] {
  const out = [...k.resources, ...k.components.map((c) => c.dir)];
  for (const g of k.generators) out.push(...g.files.map((f) => f.slice(f.indexOf('=') + 1)), ...g.envs);
  return out;
}
