/**
 * The shape of a Kustomize tree as kasane environments and groups: a kustomization that
 * transforms its objects becomes one level of an `extends` chain when it is the only
 * transforming base of the level above; kustomizations that only list resources fold into the
 * level that includes them. Where a kustomization combines several transforming bases (or adds
 * and patches an object over a base that transforms every object), each base becomes a group,
 * which transforms its own objects only, as Kustomize builds every listed kustomization on its
 * own. Inside a group every transforming kustomization is a group again. Objects a level adds on
 * top of a transforming base are placed so that the base's overlay does not touch them.
 */
import path from 'node:path';
import type { Finding } from '../errors.ts';
import { appendAll } from '../util/append.ts';
import { inputFinding } from '../k8s/input-findings.ts';
import { manifestObjects } from '../k8s/manifest-objects.ts';
import type { KObject } from '../k8s/object.ts';
import { readYaml, type YamlDialect } from '../k8s/yaml-read.ts';
import { KUSTOMIZATION_FILES, readKustomization, type Kustomization, type ReadText } from './kustomization.ts';
import { addsAndPatchesOverBase } from './placement.ts';
import type { DataFields } from './kustomize-fields.ts';
import { attachComments } from './yaml-comments.ts';
import { kustomizeAnnotations } from './kustomize-annotations.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { isPlainObject } from '../util/plain-object.ts';

/** An object read from a YAML file of the tree. */
export interface SourcedObject {
  object: KObject;
  /** The file it came from, relative to the import root. */
  file: string;
  /** The comment above the object in its file. @default none */
  comment?: string;
}

/** One environment-to-be: a kustomization that transforms, with the objects it adds. */
export interface Level {
  dir: string;
  kustomization: Kustomization;
  /** The level this one layers over. @default none (a root) */
  parent?: string;
  /** Objects this level adds (its own files and those of resource-only kustomizations it includes). */
  objects: SourcedObject[];
  /** Folders of the transforming kustomizations it holds as groups, in `resources` order. @default none */
  groups?: string[];
  /**
   * Vars and transformer configurations of the resource-only kustomizations it includes: they
   * act only at this level and above, so they join this level. @default none
   */
  carried?: Carried;
  /** The Kustomize Components it includes, in order. @default none */
  mixins?: MixinPlan[];
}

/** A Kustomize Component: the objects it adds, and the Components it includes in turn. */
export interface MixinPlan {
  dir: string;
  kustomization: Kustomization;
  objects: SourcedObject[];
  carried?: Carried;
  /**
   * Folders of the transforming kustomizations it lists in `resources`, which it holds as groups
   * (Kustomize builds each on its own before the Component's steps). @default none
   */
  groups?: string[];
  mixins: MixinPlan[];
}

/** What `planTree` gathers for one folder. */
interface Collected {
  objects: SourcedObject[];
  /** Folders of the transforming kustomizations it includes, directly or through resource-only ones. */
  bases: string[];
  carried: Carried;
}

/** `{ carried }` when a resource-only kustomization passes anything up, else nothing. */
function carriedOf(got: Collected): Pick<Level, 'carried'> {
  return got.carried.vars.length || got.carried.configurations.length ? { carried: got.carried } : {};
}

/** What a resource-only kustomization passes up to the level that includes it. */
export type Carried = Pick<DataFields, 'vars' | 'configurations'>;

/** The levels of a tree and the ones the user asked for. */
export interface TreePlan {
  levels: Map<string, Level>;
  /** The kustomizations that become groups, by folder (a group's `parent` is always unset). */
  groups: Map<string, Level>;
  /** Folders of the kustomizations to render, in the order given. */
  targets: string[];
  findings: Finding[];
}

/** The kustomization file of folder `dir`, if the tree has one. */
export function kustomizationFileOf(dir: string, has: (file: string) => boolean): string | undefined {
  return KUSTOMIZATION_FILES.map((n) => (dir === '.' ? n : `${dir}/${n}`)).find(has);
}

/**
 * Parses the objects of a YAML file, with comments kept on the objects: `kustomize` for the
 * resources of a Kustomize tree, `kubectl` for plain YAML (read as `kubectl apply -f` would).
 */
export function readObjects(file: string, input: string | Uint8Array, findings: Finding[], dialect: YamlDialect): SourcedObject[] {
  const read = readYaml(input, { dialect, keepNodes: true });
  const { objects, problems } = manifestObjects(read.documents);
  for (const p of [read.problems, problems].flat()) findings.push(inputFinding('import', file, p));
  return objects.map(({ object, yaml }) => {
    if (dialect === 'kustomize') kustomizeAnnotations(object, yaml);
    const comment = yaml ? attachComments(yaml, object) : undefined;
    return { object, file, ...(comment ? { comment } : {}) };
  });
}

/** True when kustomization `k` transforms or generates anything, so its objects need a level of their own. */
export function hasOverlay(k: Kustomization): boolean {
  return !!(
    k.namespace ||
    k.namePrefix ||
    k.nameSuffix ||
    k.labels.length ||
    k.annotations ||
    k.images.length ||
    k.replicas.length ||
    k.patches.length ||
    k.generators.length ||
    k.replacements.length ||
    k.builtinTransformers.length ||
    k.components.length ||
    k.openapi
  );
}

/**
 * Plans the levels for the kustomization folders `targets`.
 * `read` returns a file's text; `has` says whether a file exists.
 */
export function planTree(targets: readonly string[], read: ReadText, has: (file: string) => boolean): TreePlan {
  const findings: Finding[] = [];
  const levels = new Map<string, Level>();
  const groups = new Map<string, Level>();
  const parsed = new Map<string, Kustomization>();
  const visiting: string[] = [];

  const kustomization = (dir: string): Kustomization | undefined => {
    const cached = parsed.get(dir);
    if (cached) return cached;
    const file = kustomizationFileOf(dir, has);
    if (!file) return undefined;
    const result = readKustomization(file, read(file) ?? '', read);
    findings.push(...result.findings);
    parsed.set(dir, result.kustomization);
    return result.kustomization;
  };

  /** The objects, the transforming bases and what resource-only folders carry up, of `dir`. */
  const collected = new Map<string, Collected>();
  const collect = (dir: string): Collected => {
    const cached = collected.get(dir);
    if (cached) return cached;
    const k = kustomization(dir)!;
    if (visiting.includes(dir)) {
      findings.push({
        severity: 'error',
        code: 'import/resource-cycle',
        message: `kustomizations include each other: ${[...visiting, dir].join(' → ')}`,
        hint: 'remove one of the resources entries',
        source: { file: k.file },
      });
      return { objects: [], bases: [], carried: { vars: [], configurations: [] } };
    }
    visiting.push(dir);
    const objects: SourcedObject[] = [];
    const carried: Carried = { vars: [], configurations: [] };
    const bases: string[] = [];
    k.resources.forEach((entry, i) => {
      if (kustomizationFileOf(entry, has)) {
        const child = kustomization(entry)!;
        if (child.component) {
          findings.push({
            severity: 'error',
            code: 'import/component-as-resource',
            message: `expected a kustomization in resources[${i}] ('${entry}'), found a Component`,
            hint: 'list the folder under components:, or change its kind to Kustomization',
            source: { file: k.file },
            path: ['resources', i],
          });
          return;
        }
        if (hasOverlay(child)) {
          bases.push(entry);
          return;
        }
        const inner = collect(entry);
        appendAll(objects, inner.objects);
        appendAll(bases, inner.bases);
        appendAll(carried.vars, [...child.vars, ...inner.carried.vars]);
        appendAll(carried.configurations, [...child.configurations, ...inner.carried.configurations]);
        return;
      }
      const text = read(entry);
      if (text === undefined) {
        findings.push({
          severity: 'error',
          code: 'import/missing-file',
          message: `expected the resource '${entry}', found neither a file nor a folder with a kustomization`,
          hint: 'fix the path in resources',
          source: { file: k.file },
          path: ['resources', i],
        });
        return;
      }
      appendAll(objects, readObjects(entry, text, findings, 'kustomize'));
    });
    visiting.pop();
    const got = { objects, bases, carried };
    collected.set(dir, got);
    return got;
  };

  /** The kustomizations whose overlays an environment for `dir` would run, root first. */
  const chainBelow = (dir: string): Kustomization[] => {
    const { bases } = collect(dir);
    return [...(bases.length === 1 ? chainBelow(bases[0]!) : []), kustomization(dir)!];
  };

  /** `dir` as a group: every transforming kustomization it includes is a group too. */
  const group = (dir: string): void => {
    if (groups.has(dir)) return;
    const got = collect(dir);
    const k = kustomization(dir)!;
    if (k.components.length) {
      findings.push({
        severity: 'error',
        code: 'import/unsupported-layout',
        message: `cannot import the Components of '${k.file}': it becomes a group (it sits beside other bases that transform their own objects), and a group cannot include mixins yet`,
        hint: 'list the Components in the overlay that includes this kustomization',
        source: { file: k.file },
        path: ['components'],
      });
    }
    groups.set(dir, { dir, kustomization: k, objects: got.objects, ...carriedOf(got), groups: got.bases });
    for (const base of got.bases) group(base);
  };

  /**
   * `dir` as an environment: it extends its one transforming base, unless it has several or
   * adds and patches an object the base's overlay would change; then its bases are groups.
   */

  /** The Components `k` includes; a finding for an entry that is not one. */
  const mixinsOf = (k: Kustomization): MixinPlan[] =>
    k.components.flatMap(({ dir, index: i }) => {
      const child = kustomizationFileOf(dir, has) ? kustomization(dir) : undefined;
      if (child?.component && !visiting.includes(dir)) return [mixin(dir, child)];
      findings.push({
        severity: 'error',
        code: child ? 'import/not-a-component' : 'import/missing-file',
        message: child
          ? `expected kind Component in '${child.file}' (components[${i}] of '${k.file}'), found ${visiting.includes(dir) ? 'a cycle' : 'kind Kustomization'}`
          : `expected the Component folder '${dir}', found no kustomization there`,
        hint: child ? 'list a kustomization under resources:, a Component (kind: Component) under components:' : 'fix the path in components',
        source: { file: k.file },
        path: ['components', i],
      });
      return [];
    });

  /** `dir` as a mixin: the transforming kustomizations it lists become groups it holds. */
  const mixin = (dir: string, k: Kustomization): MixinPlan => {
    const got = collect(dir);
    for (const base of got.bases) group(base);
    visiting.push(dir);
    const mixins = mixinsOf(k);
    visiting.pop();
    return { dir, kustomization: k, objects: got.objects, ...carriedOf(got), ...(got.bases.length ? { groups: got.bases } : {}), mixins };
  };

  const level = (dir: string, target = false): void => {
    if (levels.has(dir)) return;
    const k = kustomization(dir)!;
    const got = collect(dir);
    const mixins = mixinsOf(k);
    // The fifo order places a base's objects where `resources` lists it: a group keeps that place, a parent would not.
    const fifo = target && isPlainObject(k.sortOptions) && k.sortOptions.order === 'fifo';
    const single = !fifo && got.bases.length === 1 && !addsAndPatchesOverBase(k, got.objects, chainBelow(got.bases[0]!), mixins.flatMap(mixinKustomizations));
    if (single) level(got.bases[0]!);
    else for (const base of got.bases) group(base);
    const below = single ? { parent: got.bases[0]! } : got.bases.length ? { groups: got.bases } : {};
    levels.set(dir, { dir, kustomization: k, objects: got.objects, ...carriedOf(got), ...(mixins.length ? { mixins } : {}), ...below });
  };

  const found: string[] = [];
  for (const target of targets) {
    if (!kustomization(target)) {
      findings.push({
        severity: 'error',
        code: 'import/not-a-kustomization',
        message: `expected a kustomization file in '${target}', found none`,
        hint: `add ${target}/kustomization.yaml or import the YAML files directly`,
        source: { file: target },
      });
      continue;
    }
    level(target, true);
    found.push(target);
  }
  return { levels, groups, targets: found, findings };
}

/** The kustomizations of a Component and of every Component it includes. */
export function mixinKustomizations(m: MixinPlan): Kustomization[] {
  return [m.kustomization, ...m.mixins.flatMap(mixinKustomizations)];
}

/** The chain from the root level up to `dir`. */
export function chainOf(plan: Pick<TreePlan, 'levels'>, dir: string): Level[] {
  const chain: Level[] = [];
  for (let at: Level | undefined = plan.levels.get(dir); at; at = at.parent ? plan.levels.get(at.parent) : undefined) chain.unshift(at);
  return chain;
}

/**
 * The kustomizations to render among `files`: every one that no other lists as a resource, and
 * every one in a folder named `overlays` (an overlay that another overlay builds on is still an
 * environment of its own).
 */
export function topKustomizations(files: readonly string[], read: ReadText): string[] {
  const dirs = files.filter((f) => KUSTOMIZATION_FILES.includes(path.posix.basename(f))).map((f) => path.posix.dirname(f));
  const included = new Set<string>();
  const components = new Set<string>();
  const all = new Set(files);
  for (const dir of dirs) {
    const file = kustomizationFileOf(dir, (f) => all.has(f))!;
    const { kustomization } = readKustomization(file, read(file) ?? '', () => '');
    // A Component is rendered only inside the kustomizations that include it.
    if (kustomization.component) components.add(dir);
    for (const r of kustomization.resources) included.add(r);
  }
  return dirs
    .filter((d) => !components.has(d))
    .filter((d) => !included.has(d) || path.posix.basename(path.posix.dirname(d)) === 'overlays')
    .sort(compareCodeUnits);
}
