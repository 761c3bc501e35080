/**
 * What one level of an imported tree (an environment or a group) is made of: its objects split
 * into components, Secrets and objects added after the base, and its generators with their
 * input files copied next to the level's file.
 */
import path from 'node:path';
import type { Finding } from '../errors.ts';
import { componentFile } from './component-file.ts';
import { kustomizationGenerators } from './generator-files.ts';
import type { ImportSource } from './import-project.ts';
import type { GeneratorAnchor, GeneratorPosition } from '../project/generator.ts';
import type { GeneratorDecl, Kustomization } from './kustomization.ts';
import { dnsLabel, groupByApp, placeObjects } from './placement.ts';
import { secretObjectGenerator, secretsDir } from './secrets.ts';
import type { Level, SourcedObject } from './tree.ts';

/** Where a level's parts go; shared by every level of one import. */
export interface PartsContext {
  /** The tree being imported. */
  source: ImportSource;
  /** Project files written so far (components are added here). */
  files: Map<string, string | Uint8Array>;
  /** Component names already used in the project. */
  taken: Set<string>;
  /** Components of groups written so far, by the objects they build (a folder two groups include is one component). */
  built: Map<string, string>;
  findings: Finding[];
  notes: string[];
  /** The output keeps the order objects are gathered in (`fifo`), so Secrets keep their place. @default false */
  keepOrder?: boolean;
}

/** Who owns the level: an environment (files under environments/) or a group (under groups/). */
export interface LevelOwner {
  kind: 'environment' | 'group';
  name: string;
  /** Generator input files of this owner's folder, by path relative to it. */
  inputs: Map<string, Uint8Array>;
  /** Names of the groups the level lists, which its components must not take. @default none */
  groups?: readonly string[];
}

/** A level's components (by name), generators and objects added after its base. */
export interface LevelParts {
  components: string[];
  generators: GeneratorDecl[];
  added: SourcedObject[];
}

/** The name of the component folder when objects carry no app label. */
function fallbackName(level: Level, root: string): string {
  const base = path.posix.basename(level.dir);
  const name = level.dir === '.' ? root : base === 'base' ? path.posix.basename(path.posix.dirname(level.dir)) : base;
  return dnsLabel(name, 'app');
}

/**
 * The level's component objects by component: one per app, or, where the output keeps the order
 * objects are gathered in and the apps interleave in `resources`, one for them all in that order.
 */
function componentsOf(objects: readonly SourcedObject[], fallback: string, keepOrder: boolean): Map<string, SourcedObject[]> {
  const byApp = groupByApp(objects, fallback);
  if (!keepOrder || [...byApp.values()].flat().every((item, i) => item === objects[i])) return byApp;
  return new Map([[fallback, [...objects]]]);
}

function anchorOf(o: SourcedObject['object']): GeneratorAnchor {
  return { kind: o.kind, name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) };
}

/**
 * Where each of the level's Secrets goes to keep its place in `resources` (the `fifo` order),
 * given that its generator runs after the objects of the level and its groups were gathered, in
 * list order: after the object listed before it (another Secret included), or, listed first,
 * before the first object of another kind. Secrets that only objects generated later follow
 * need none, unless the level's groups come after them.
 */
function secretPositions(level: Level, secrets: readonly SourcedObject[]): Map<SourcedObject, GeneratorPosition> {
  const positions = new Map<SourcedObject, GeneratorPosition>();
  const isSecret = new Set(secrets);
  const objects = level.objects;
  objects.forEach((item, i) => {
    if (!isSecret.has(item)) return;
    const followed = objects.slice(i + 1).some((o) => !isSecret.has(o)) || !!level.groups?.length;
    if (!followed) return;
    if (i > 0) positions.set(item, { after: anchorOf(objects[i - 1]!.object) });
    else {
      const next = objects.find((o) => !isSecret.has(o));
      if (next) positions.set(item, { before: anchorOf(next.object) });
    }
  });
  return positions;
}

/** The generators the level's Secrets become, each noted (their values go to git-ignored files). */
function secretGenerators(level: Level, secrets: readonly SourcedObject[], owner: LevelOwner, keepOrder: boolean, ctx: PartsContext): GeneratorDecl[] {
  const folder = owner.kind === 'environment' ? 'environments' : 'groups';
  const generators: GeneratorDecl[] = [];
  const positions = keepOrder ? secretPositions(level, secrets) : new Map<SourcedObject, GeneratorPosition>();
  for (const s of secrets) {
    const got = secretObjectGenerator(s.object, s.file, owner.name, owner.inputs);
    ctx.findings.push(...got.findings);
    if (!got.generator) continue;
    const position = positions.get(s);
    generators.push(position ? { ...got.generator, position } : got.generator);
    ctx.notes.push(
      `Secret '${s.object.metadata.name}' (${s.file}) became a secretGenerator of ${owner.kind} '${owner.name}' reading ${folder}/${secretsDir(owner.name)}/ (git-ignored): keep those files out of git and provide them where you render`,
    );
  }
  return generators;
}

/** Builds the parts of `level` (owned by `owner`), given the kustomizations below it (root first). */
export function levelParts(level: Level, below: readonly Kustomization[], owner: LevelOwner, root: string, ctx: PartsContext): LevelParts {
  const placed = placeObjects(level, below);
  const what = `${owner.kind} '${owner.name}'`;
  const components: string[] = [];
  // fifo is imported only where no level lies below (import-project.ts), so every other object is a component's.
  const keepOrder = !!ctx.keepOrder && level.parent === undefined;
  for (const [app, items] of componentsOf(placed.components, fallbackName(level, root), keepOrder)) {
    // Only groups share: each group builds its own copy, while an environment listing a
    // component its parent lists would layer values instead of rendering it twice.
    const key = owner.kind === 'group' ? JSON.stringify(items.map((i) => [i.file, i.object])) : '';
    const same = key ? ctx.built.get(key) : undefined;
    if (same !== undefined && !owner.groups?.includes(same)) {
      components.push(same);
      continue;
    }
    const taken = (n: string) => ctx.taken.has(n) || !!owner.groups?.includes(n);
    let name = app;
    if (taken(name)) name = `${app}-${owner.name}`;
    for (let i = 2; taken(name); i++) name = `${app}-${owner.name}-${i}`;
    ctx.taken.add(name);
    if (key) ctx.built.set(key, name);
    components.push(name);
    ctx.files.set(`components/${name}.ts`, componentFile(name, items));
  }
  const folder = owner.kind === 'environment' ? 'environments' : 'groups';
  const generators = secretGenerators(level, placed.secrets, owner, keepOrder, ctx);
  const k = level.kustomization;
  generators.push(...kustomizationGenerators(k, owner.name, ctx.source, owner.inputs, ctx.findings));
  if (k.generators.some((g) => g.kind === 'Secret')) ctx.notes.push(`secretGenerator values of ${what} are in ${folder}/${secretsDir(owner.name)}/ (git-ignored)`);
  if (placed.added.length) ctx.notes.push(`${what} adds ${placed.added.length} object(s) with a transform, after its base's overlay, as Kustomize does`);
  return { components, generators, added: placed.added };
}
