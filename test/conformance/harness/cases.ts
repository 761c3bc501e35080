/**
 * The two oracle suites (test/conformance/patch and test/conformance/transforms) read into one
 * model: base objects, then one overlay per Kustomize level, base first, and what kubectl
 * kustomize (or, for a documented difference, kasane) gives.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { KObject } from '../../../src/k8s/object.ts';
import type { JsonPatchOp } from '../../../src/project/patch.ts';
import type { ImageOverride, LabelsEntry, ReplicaOverride } from '../../../src/project/overlay-options.ts';

/** A patch target as environments write it. */
export interface CaseTarget {
  kind: string;
  name: string;
  group?: string;
  version?: string;
  namespace?: string;
}

/** A patch of one level. */
export type CasePatch = { type: 'strategic-merge'; target: CaseTarget; body: Record<string, unknown> } | { type: 'json6902'; target: CaseTarget; ops: JsonPatchOp[] };

/** A generator of one level, with Kustomize's fields. */
export interface CaseGenerator {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace?: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals?: string[];
  files?: string[];
  envs?: string[];
  type?: string;
  options?: { disableNameSuffixHash?: boolean; labels?: Record<string, string>; annotations?: Record<string, string>; immutable?: boolean };
}

/** One Kustomize level (a kustomization.yaml) as an environment's overlay fields. */
export interface CaseLevel {
  /** The folder's name: `base`, `staging`, ...; `overlay` for the case's root. */
  name: string;
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  labels?: Record<string, string> | LabelsEntry[];
  annotations?: Record<string, string>;
  images?: ImageOverride[];
  replicas?: ReplicaOverride[];
  generators: CaseGenerator[];
  patches: CasePatch[];
  /** Files the generators read, by path relative to the level's folder. */
  files: Map<string, Uint8Array>;
}

/** What rendering the case must give. */
export type CaseExpectation = { objects: KObject[] } | { error: { code: string; path?: (string | number)[] } };

/** One conformance case, from either suite. */
export interface ConformanceCase {
  suite: 'patch' | 'transforms';
  name: string;
  category: 'strategic-merge' | 'json6902' | 'transform' | 'generator';
  /** The objects of the base's resource files. */
  objects: KObject[];
  /** Overlay levels, base first; the last is the case's root (the one rendered). */
  levels: CaseLevel[];
  expected: CaseExpectation;
  /** kubectl kustomize's objects, or 'error' when it failed. */
  kubectl: KObject[] | 'error';
  /** The DIFFERENCES.md section a deliberate difference is documented in. */
  difference?: string;
}

const conformanceDir = join(import.meta.dirname, '..');
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function subfolders(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isDirectory())
    .sort(byCodeUnit);
}

/** The YAML documents of a file, without empty ones. */
export function readObjects(file: string): KObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as KObject | null)
    .filter((o): o is KObject => o !== null);
}

function readKubectl(dir: string): KObject[] | 'error' {
  const file = join(dir, 'expected.yaml');
  if (!existsSync(file) || readFileSync(file, 'utf8').startsWith('# kubectl kustomize failed')) return 'error';
  return readObjects(file);
}

function emptyLevel(name: string): CaseLevel {
  return { name, generators: [], patches: [], files: new Map() };
}

interface PatchCaseYaml {
  base: KObject[];
  patches: ({ strategicMerge: { patch: KObject; target?: CaseTarget } } | { json6902: { target: CaseTarget; ops: JsonPatchOp[] } })[];
  error?: { code: string; path: (string | number)[] };
  difference?: string;
}

/** A Kustomize patch file as kasane's body: the target names the object, the body only changes it. */
function smpBody(patch: KObject): Record<string, unknown> {
  const { apiVersion: _v, kind: _k, metadata, ...rest } = patch as unknown as Record<string, unknown>;
  const { name: _n, ...meta } = (metadata ?? {}) as Record<string, unknown>;
  return Object.keys(meta).length ? { metadata: meta, ...rest } : rest;
}

function patchCase(name: string): ConformanceCase {
  const dir = join(conformanceDir, 'patch', name);
  const raw = parse(readFileSync(join(dir, 'case.yaml'), 'utf8')) as PatchCaseYaml;
  const overlay = emptyLevel('overlay');
  for (const p of raw.patches) {
    if ('json6902' in p) {
      overlay.patches.push({ type: 'json6902', target: p.json6902.target, ops: p.json6902.ops });
    } else {
      const { patch, target } = p.strategicMerge;
      overlay.patches.push({ type: 'strategic-merge', target: target ?? { kind: patch.kind, name: patch.metadata.name }, body: smpBody(patch) });
    }
  }
  const kubectl = readKubectl(dir);
  const expected: CaseExpectation = raw.error ? { error: raw.error } : { objects: raw.difference ? readObjects(join(dir, 'kasane.yaml')) : (kubectl as KObject[]) };
  return {
    suite: 'patch',
    name,
    category: overlay.patches.some((p) => p.type === 'json6902') ? 'json6902' : 'strategic-merge',
    objects: raw.base,
    levels: [emptyLevel('base'), overlay],
    expected,
    kubectl,
    ...(raw.difference ? { difference: raw.difference } : {}),
  };
}

/** kasane's error code for each transforms case where kubectl kustomize fails (expected-error.txt). */
export const TRANSFORM_ERROR_CODES: Readonly<Record<string, string>> = {
  'gen-duplicate-key': 'overlay/generator-duplicate-key',
  'replicas-missing-target': 'overlay/replicas-target-not-found',
};

const knownKeys = new Set(['resources', 'namespace', 'namePrefix', 'nameSuffix', 'commonLabels', 'labels', 'commonAnnotations', 'images', 'replicas', 'configMapGenerator', 'secretGenerator']);

type GeneratorYaml = Omit<CaseGenerator, 'kind'>;

function generatorOf(kind: CaseGenerator['kind'], g: GeneratorYaml, dir: string, files: Map<string, Uint8Array>): CaseGenerator {
  for (const entry of g.files ?? []) {
    const path = entry.slice(entry.indexOf('=') + 1);
    files.set(path, readFileSync(join(dir, path)));
  }
  for (const path of g.envs ?? []) files.set(path, readFileSync(join(dir, path)));
  return { kind, ...g };
}

/** Reads a kustomization and the levels below it; objects come only from the deepest level. */
function readLevels(dir: string, name: string, objects: KObject[]): CaseLevel[] {
  const k = (parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) ?? {}) as Record<string, any>;
  const unknown = Object.keys(k).filter((key) => !knownKeys.has(key));
  if (unknown.length) throw new Error(`${dir}: the harness cannot express ${unknown.join(', ')}`);
  const below: CaseLevel[] = [];
  const entries = (k.resources ?? []) as string[];
  const folders = entries.filter((e) => statSync(join(dir, e)).isDirectory());
  if (folders.length > 1 || (folders.length === 1 && entries.length > 1)) {
    throw new Error(`${dir}: a level must list either resource files or one folder`);
  }
  if (folders.length === 1) below.push(...readLevels(join(dir, folders[0]!), basename(join(dir, folders[0]!)), objects));
  else for (const file of entries) objects.push(...readObjects(join(dir, file)));
  const level = emptyLevel(name);
  if (k.namespace) level.namespace = k.namespace;
  if (k.namePrefix) level.namePrefix = k.namePrefix;
  if (k.nameSuffix) level.nameSuffix = k.nameSuffix;
  if (k.commonLabels && k.labels) level.labels = [{ pairs: k.commonLabels, includeSelectors: true }, ...k.labels];
  else if (k.commonLabels || k.labels) level.labels = k.commonLabels ?? k.labels;
  if (k.commonAnnotations) level.annotations = k.commonAnnotations;
  if (k.images) level.images = k.images;
  if (k.replicas) level.replicas = k.replicas;
  level.generators = [
    ...((k.configMapGenerator ?? []) as GeneratorYaml[]).map((g) => generatorOf('ConfigMap', g, dir, level.files)),
    ...((k.secretGenerator ?? []) as GeneratorYaml[]).map((g) => generatorOf('Secret', g, dir, level.files)),
  ];
  return [...below, level];
}

function transformCase(name: string): ConformanceCase {
  const dir = join(conformanceDir, 'transforms', name);
  const objects: KObject[] = [];
  const levels = readLevels(dir, 'overlay', objects);
  // Resources in the case root itself: the components go into an abstract base of their own.
  if (levels.length === 1) levels.unshift(emptyLevel('base'));
  const code = TRANSFORM_ERROR_CODES[name];
  const failed = existsSync(join(dir, 'expected-error.txt'));
  if (failed && !code) throw new Error(`${name}: kubectl fails but no kasane error code is listed`);
  return {
    suite: 'transforms',
    name,
    category: levels.some((l) => l.generators.length) ? 'generator' : 'transform',
    objects,
    levels,
    expected: failed ? { error: { code: code! } } : { objects: readObjects(join(dir, 'expected.yaml')) },
    kubectl: failed ? 'error' : readKubectl(dir),
  };
}

/** Every case of both suites, patch suite first, each sorted by name. */
export function loadConformanceCases(): ConformanceCase[] {
  return [...subfolders(join(conformanceDir, 'patch')).map(patchCase), ...subfolders(join(conformanceDir, 'transforms')).map(transformCase)];
}
