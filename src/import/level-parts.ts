/**
 * What one level of an imported tree (an environment or a group) is made of: its objects split
 * into components, Secrets and objects added after the base, and its generators with their
 * input files copied next to the level's file.
 */
import path from 'node:path';
import type { Finding } from '../errors.ts';
import { unsafeRelativePath } from '../output/write-under.ts';
import { componentFile } from './component-file.ts';
import type { GeneratorDecl, Kustomization } from './kustomization.ts';
import { dnsLabel, groupByApp, placeObjects } from './placement.ts';
import { secretLiteralsToFiles, secretObjectGenerator, secretsDir } from './secrets.ts';
import type { Level, SourcedObject } from './tree.ts';

/** Where a level's parts go; shared by every level of one import. */
export interface PartsContext {
  /** The tree's files, by path relative to the import root. */
  tree: ReadonlyMap<string, Uint8Array>;
  /** Project files written so far (components are added here). */
  files: Map<string, string | Uint8Array>;
  /** Component names already used in the project. */
  taken: Set<string>;
  /** Components of groups written so far, by the objects they build (a folder two groups include is one component). */
  built: Map<string, string>;
  findings: Finding[];
  notes: string[];
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

/** Builds the parts of `level` (owned by `owner`), given the kustomizations below it (root first). */
export function levelParts(level: Level, below: readonly Kustomization[], owner: LevelOwner, root: string, ctx: PartsContext): LevelParts {
  const placed = placeObjects(level, below);
  const what = `${owner.kind} '${owner.name}'`;
  const components: string[] = [];
  for (const [app, items] of groupByApp(placed.components, fallbackName(level, root))) {
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
  const generators: GeneratorDecl[] = [];
  for (const s of placed.secrets) {
    const got = secretObjectGenerator(s.object, s.file, owner.name, owner.inputs);
    ctx.findings.push(...got.findings);
    if (!got.generator) continue;
    generators.push(got.generator);
    ctx.notes.push(
      `Secret '${s.object.metadata.name}' (${s.file}) became a secretGenerator of ${what} reading ${folder}/${secretsDir(owner.name)}/ (git-ignored): keep those files out of git and provide them where you render`,
    );
    if (s.object.stringData !== undefined) ctx.notes.push(`Secret '${s.object.metadata.name}': stringData is written as base64 data, which the API server stores the same way`);
  }
  const k = level.kustomization;
  for (const g of k.generators) {
    const got = secretLiteralsToFiles(copyGeneratorFiles(g, k, owner, ctx), owner.name, owner.inputs, k.file);
    ctx.findings.push(...got.findings);
    generators.push(got.generator);
  }
  if (k.generators.some((g) => g.kind === 'Secret')) ctx.notes.push(`secretGenerator values of ${what} are in ${folder}/${secretsDir(owner.name)}/ (git-ignored)`);
  if (placed.added.length) ctx.notes.push(`${what} adds ${placed.added.length} object(s) with a transform, after its base's overlay, as Kustomize does`);
  return { components, generators, added: placed.added };
}

/** Copies a generator's files next to the level's file and rewrites its paths. */
function copyGeneratorFiles(g: GeneratorDecl, k: Kustomization, owner: LevelOwner, ctx: PartsContext): GeneratorDecl {
  const base = g.kind === 'Secret' ? secretsDir(owner.name) : owner.name;
  const out = owner.inputs;
  const copy = (treePath: string): string => {
    const rel = path.posix.relative(k.dir, treePath);
    let dest = `${base}/${rel.startsWith('..') ? path.posix.basename(treePath) : rel}`;
    for (let i = 2; out.has(dest) && Buffer.compare(Buffer.from(out.get(dest)!), Buffer.from(ctx.tree.get(treePath) ?? [])) !== 0; i++) dest = `${base}/${i}/${path.posix.basename(treePath)}`;
    const content = ctx.tree.get(treePath);
    const unsafe = unsafeRelativePath(dest);
    if (content === undefined)
      ctx.findings.push({
        severity: 'error',
        code: 'import/missing-file',
        message: `expected generator '${g.name}' file '${treePath}', found nothing`,
        hint: 'fix the path in the kustomization',
        source: { file: k.file },
      });
    else if (unsafe)
      ctx.findings.push({
        severity: 'error',
        code: 'import/unsafe-path',
        message: `cannot copy generator '${g.name}' file '${treePath}' to '${dest}': ${unsafe}`,
        hint: 'name a file inside the kustomization folder',
        source: { file: k.file },
      });
    else out.set(dest, content);
    return dest;
  };
  return {
    ...g,
    files: g.files.map((entry) => {
      const eq = entry.indexOf('=');
      return `${entry.slice(0, eq)}=${copy(entry.slice(eq + 1))}`;
    }),
    envs: g.envs.map(copy),
  };
}
