/**
 * `importProject`: plain YAML or Kustomize trees (as file contents) → the files of a kasane
 * project, with findings for what cannot be expressed and notes for the user. Pure: the caller
 * reads the tree and writes the result.
 */
import { listFirst } from '../util/list-text.ts';
import path from 'node:path';
import type { Finding } from '../errors.ts';
import type { KObject } from '../k8s/object.ts';
import { componentFile } from './component-file.ts';
import { environmentFile, groupFile } from './environment-file.ts';
import { emptyKustomization, type Kustomization, type ReadText } from './kustomization.ts';
import { levelParts, type PartsContext } from './level-parts.ts';
import { writtenIds } from './patch-target.ts';
import { dnsLabel } from './placement.ts';
import { projectFiles } from './project-files.ts';
import { writeMixins } from './mixin-files.ts';
import { addOriginAnnotations } from './origin-annotations.ts';
import { markTransformerAnnotations } from './transformer-annotations.ts';
import { openApiScopeFindings } from './openapi-scope.ts';
import { unsupportedField } from './unsupported.ts';
import { chainOf, kustomizationFileOf, planTree, readObjects, topKustomizations, type Level, type TreePlan } from './tree.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { inputFinding, type FileProblem } from '../k8s/input-findings.ts';
import type { SortOptions } from '../k8s/kind-order.ts';
import type { BuildMetadata } from '../project/environment.ts';
import { asSortOptions, sortOptionsProblem } from '../project/sort-options.ts';

/** The tree to import: the paths the user named and every file read, relative to one root (posix). */
export interface ImportSource {
  paths: readonly string[];
  files: ReadonlyMap<string, Uint8Array>;
  /** Files that could not be read (too large, no permission), with why. @default none */
  unreadable?: ReadonlyMap<string, FileProblem>;
  /** Name of the root folder, for naming what a path `.` holds. @default 'app' */
  rootName?: string;
}

/** Options of {@link importProject}. */
export interface ImportOptions {
  /** package.json name. @default 'kasane-project' */
  name?: string;
  /** Version range of the kasane dependency. @default '^0.1.0' */
  kasaneVersion?: string;
}

/** An environment of the new project and what it must render. */
export interface ImportedEnvironment {
  name: string;
  /** The kustomization folder whose `kubectl kustomize` output it must equal. @default none */
  kustomization?: string;
  /** The objects it must render (plain YAML input). @default none */
  objects?: KObject[];
  /** The plain YAML files those objects were read from, relative to the import root. @default none */
  files?: string[];
}

/** What {@link importProject} returns. */
export interface ImportResult {
  /** Project files by path relative to the project folder. */
  files: Map<string, string | Uint8Array>;
  findings: Finding[];
  /** Things the user should know (secret files, equivalences). */
  notes: string[];
  environments: ImportedEnvironment[];
}

const YAML_FILE = /\.(ya?ml|json)$/;

/**
 * The `sortOptions` of a kustomization the build starts at, checked as Kustomize checks them (a
 * finding when they are invalid). Kustomize ignores those of the kustomizations below it.
 * `fifo` over a base, a group or a Component is refused: Kustomize places their objects where
 * `resources` lists them, while kasane gathers every component's objects before it generates.
 */
function targetSortOptions(level: Level, plan: TreePlan, findings: Finding[]): SortOptions | undefined {
  const k = level.kustomization;
  if (k.sortOptions === undefined) return undefined;
  const problem = sortOptionsProblem(k.sortOptions);
  if (problem) findings.push({ severity: 'error', code: 'import/invalid-kustomization', ...problem, source: { file: k.file }, path: ['sortOptions'] });
  const options = asSortOptions(k.sortOptions);
  if (options?.order === 'fifo' && (level.parent !== undefined || level.mixins?.length || !groupsListedLast(level, plan, new Set()))) {
    findings.push(unsupportedField(k.file, ['sortOptions', 'order'], 'fifo'));
    return undefined;
  }
  return options;
}

/** The `buildMetadata` of a rendered environment: the options of its kustomization that the render writes. */
function buildMetadataOf(k: Kustomization): { buildMetadata?: BuildMetadata } {
  const buildMetadata: BuildMetadata = {
    // What kubectl's built-in Kustomize writes; a standalone kustomize writes its release.
    ...(k.managedByLabel ? { managedByLabel: 'kustomize-(devel)' } : {}),
    ...(k.transformerAnnotations ? { transformerAnnotations: true } : {}),
  };
  return Object.keys(buildMetadata).length ? { buildMetadata } : {};
}

/**
 * True when every group of `level`, and of the groups it holds, is listed in its `resources`
 * after all of the level's own files: kasane gathers a group's objects (and what it generates)
 * after the objects of the level that holds it, which is Kustomize's fifo order only then.
 */
function groupsListedLast(level: Level, plan: TreePlan, seen: Set<string>): boolean {
  const groups = level.groups ?? [];
  const entries = level.kustomization.resources;
  const first = entries.findIndex((e) => groups.includes(e));
  if (!groups.every((g) => entries.includes(g)) || (first >= 0 && entries.slice(first).some((e) => !groups.includes(e)))) return false;
  return groups.every((g) => seen.has(g) || (seen.add(g) && !plan.groups.get(g)?.mixins?.length && groupsListedLast(plan.groups.get(g)!, plan, seen)));
}

function under(dir: string, file: string): boolean {
  return dir === '.' || file.startsWith(`${dir}/`);
}

/** Splits the named paths into kustomization folders and plain YAML files. */
function classify(source: ImportSource, read: ReadText): { targets: string[]; yaml: string[] } {
  const all = [...source.files.keys()].sort(compareCodeUnits);
  const has = (f: string) => source.files.has(f);
  const targets: string[] = [];
  const yaml: string[] = [];
  for (const p of source.paths) {
    if (kustomizationFileOf(p, has)) targets.push(p);
    else if (source.files.has(p)) yaml.push(p);
    else {
      const inside = all.filter((f) => under(p, f));
      const tops = topKustomizations(inside, read);
      if (tops.length) targets.push(...tops);
      else yaml.push(...inside.filter((f) => YAML_FILE.test(f)));
    }
  }
  return { targets: [...new Set(targets)], yaml: [...new Set(yaml)] };
}

/** A distinct DNS label for each folder: its last path segments, as few as tell it apart. */
function folderNames(dirs: readonly string[], fallback: string): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const dir of [...dirs].sort(compareCodeUnits)) {
    const parts = dir === '.' ? [fallback] : dir.split('/');
    let name = '';
    for (let n = 1; n <= parts.length && (name === '' || taken.has(name)); n++) name = dnsLabel(parts.slice(-n).join('-'), 'main');
    for (let i = 2; taken.has(name); i++) name = `${dnsLabel(parts.join('-'), 'main')}-${i}`;
    taken.add(name);
    names.set(dir, name);
  }
  return names;
}

/** Imports the tree in `source`. */
export function importProject(source: ImportSource, options: ImportOptions = {}): ImportResult {
  const text = (f: string) => source.files.get(f);
  const findings: Finding[] = [...(source.unreadable ?? [])].map(([file, problem]) => inputFinding('import', file, problem));
  const { targets, yaml } = classify(source, text);
  let plan: TreePlan;
  const environments: ImportedEnvironment[] = [];
  if (targets.length && yaml.length) {
    findings.push({
      severity: 'error',
      code: 'import/mixed-input',
      message: `expected either Kustomize folders or plain YAML files, found both (${yaml[0]} and ${targets[0]})`,
      hint: 'import them separately',
    });
  }
  if (targets.length) plan = planTree(targets, text, (f) => source.files.has(f));
  else {
    const objects = yaml.flatMap((f) => readObjects(f, text(f) ?? '', findings, 'kubectl'));
    plan = { groups: new Map(), levels: new Map([['.', { dir: '.', kustomization: emptyKustomization('.', ''), objects } satisfies Level]]), targets: ['.'], findings: [] };
    environments.push({ name: 'main', objects: objects.map((o) => o.object), files: yaml });
    if (objects.length === 0)
      findings.push({
        severity: 'error',
        code: 'import/nothing-to-import',
        message: `expected Kubernetes objects or kustomizations in ${listFirst(source.paths)}, found none`,
        hint: 'pass YAML files, folders of them, or Kustomize folders',
      });
  }
  findings.push(...plan.findings);
  addOriginAnnotations(plan, findings);
  markTransformerAnnotations(plan, findings);
  findings.push(...openApiScopeFindings(plan));
  const only = source.paths.length === 1 ? source.paths[0]! : undefined;
  const root = dnsLabel(only === undefined ? 'app' : only === '.' ? (source.rootName ?? 'app') : path.posix.basename(only.replace(/\.(ya?ml|json)$/, '')), 'app');
  const names = targets.length ? folderNames([...plan.levels.keys()], root) : new Map([['.', 'main']]);
  for (const t of plan.targets) if (targets.length) environments.push({ name: names.get(t)!, kustomization: t });

  const files = new Map<string, string | Uint8Array>();
  const notes: string[] = [];
  const groupNames = folderNames([...plan.groups.keys()], root);
  // Secrets keep their place in `resources` only where the output keeps the order objects come in.
  const keepOrder = plan.targets.some((t) => asSortOptions(plan.levels.get(t)?.kustomization.sortOptions)?.order === 'fifo');
  const ctx: PartsContext = { source, files, taken: new Set(), built: new Map(), findings, notes, keepOrder };
  const envInputs = new Map<string, Uint8Array>();
  const groupInputs = new Map<string, Uint8Array>();
  const writtenMixins = new Map<string, string>();
  const ids = writtenIds(plan);
  for (const level of [...plan.levels.values()].sort((a, b) => chainOf(plan, a.dir).length - chainOf(plan, b.dir).length || compareCodeUnits(a.dir, b.dir))) {
    const env = names.get(level.dir)!;
    const chain = chainOf(plan, level.dir);
    const below = chain.slice(0, -1).map((l) => l.kustomization);
    const groups = (level.groups ?? []).map((g) => groupNames.get(g)!);
    const parts = levelParts(level, below, { kind: 'environment', name: env, inputs: envInputs, groups }, root, ctx);
    const originals = new Set(chain.slice(0, -1).flatMap((l) => [...l.objects.map((o) => o.object.metadata.name), ...l.kustomization.generators.map((g) => g.name)]));
    const renamed = (name: string) => (originals.has(name) ? below.reduce((n, k) => `${k.namePrefix ?? ''}${n}${k.nameSuffix ?? ''}`, name) : name);
    const parent = level.parent ? names.get(level.parent) : undefined;
    const mixins = writeMixins(level.mixins ?? [], { source, files, envFiles: envInputs, findings, takenComponents: ctx.taken, written: writtenMixins, groupNames, renamed, ids });
    const sortOptions = plan.targets.includes(level.dir) ? targetSortOptions(level, plan, findings) : undefined;
    files.set(
      `environments/${env}.ts`,
      environmentFile({
        name: env,
        abstract: !plan.targets.includes(level.dir),
        ...(parent ? { extends: parent } : {}),
        ...parts,
        groups,
        kustomization: level.kustomization,
        renamed,
        written: ids,
        ...(level.carried ? { carried: level.carried } : {}),
        mixins,
        ...(sortOptions ? { sortOptions } : {}),
        ...(plan.targets.includes(level.dir) ? buildMetadataOf(level.kustomization) : {}),
      }),
    );
  }
  for (const group of [...plan.groups.values()].sort((a, b) => compareCodeUnits(a.dir, b.dir))) {
    const name = groupNames.get(group.dir)!;
    const groups = (group.groups ?? []).map((g) => groupNames.get(g)!);
    const parts = levelParts(group, [], { kind: 'group', name, inputs: groupInputs, groups }, root, ctx);
    const carried = group.carried ? { carried: group.carried } : {};
    files.set(`groups/${name}.ts`, groupFile({ name, ...parts, groups, kustomization: group.kustomization, renamed: (n) => n, written: ids, ...carried }));
  }
  for (const [p, content] of envInputs) files.set(`environments/${p}`, content);
  for (const [p, content] of groupInputs) files.set(`groups/${p}`, content);
  for (const [p, content] of projectFiles({
    name: options.name ?? 'kasane-project',
    kasaneVersion: options.kasaneVersion ?? '^0.1.0',
    secrets: [...envInputs.keys()].some((p) => p.includes('/secrets/')),
    groups: plan.groups.size > 0,
    groupSecrets: [...groupInputs.keys()].some((p) => p.includes('/secrets/')),
  }))
    files.set(p, content);
  return { files, findings, notes, environments };
}
