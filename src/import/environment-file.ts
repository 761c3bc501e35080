/**
 * An environment file for one level of the tree: `defineEnvironment` with the level's
 * components, overlay fields, generators and patches, in kasane's API.
 */
import path from 'node:path';
import { isPlainObject } from '../util/plain-object.ts';
import type { LabelsEntry } from '../project/overlay-options.ts';
import type { PatchTarget } from '../project/patch.ts';
import { call, printValue, ref } from './code.ts';
import { addedObjectsCode } from './component-file.ts';
import { newImports, printImports } from './imports.ts';
import type { GeneratorDecl, Kustomization, PatchDecl } from './kustomization.ts';
import { patchTargetOf } from './placement.ts';
import type { Carried, SourcedObject } from './tree.ts';

/** Everything one environment file says. */
export interface EnvironmentSpec {
  name: string;
  abstract: boolean;
  /** File name (without .ts) of the environment it extends. @default none */
  extends?: string;
  /** Component names, each imported from ../components/<name>.ts. */
  components: string[];
  kustomization: Kustomization;
  /** Generators with paths relative to the environments folder. */
  generators: GeneratorDecl[];
  /** Objects added by a transform. */
  added: SourcedObject[];
  /** Maps a patch target name to the name the object has at this level (after lower affixes). */
  renamed: (name: string) => string;
  /** Vars and configurations of the resource-only kustomizations the level includes. @default none */
  carried?: Carried;
  /** Names of the mixins it includes, each written to environments/_mixins/<name>.ts. @default none */
  mixins?: string[];
  /** Write a mixin (`defineMixin`, in environments/_mixins/) instead of an environment. @default false */
  isMixin?: boolean;
}

/** The folder of mixin files, inside the environments folder (`_` keeps them from being read as environments). */
export const MIXINS_DIR = '_mixins';

/** The identifier a mixin is imported as (apart from component identifiers). */
function mixinIdentifier(name: string): string {
  return `${identifierOf(name)}Mixin`;
}

/** `webServer` from `web-server`. */
export function identifierOf(name: string): string {
  const id = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(id) ? `_${id}` : id;
}

function labelsValue(entries: readonly LabelsEntry[]): unknown {
  if (entries.length === 1 && entries[0]!.includeSelectors && !entries[0]!.includeTemplates) return entries[0]!.pairs;
  return entries;
}

function generatorCode(g: GeneratorDecl): unknown {
  const props: Record<string, unknown> = { name: g.name };
  if (g.namespace) props.namespace = g.namespace;
  if (g.behavior) props.behavior = g.behavior;
  if (g.type) props.type = g.type;
  if (g.literals.length) props.literals = g.literals;
  if (g.files.length) {
    props.files = g.files.map((entry) => {
      const eq = entry.indexOf('=');
      const key = entry.slice(0, eq);
      const p = entry.slice(eq + 1);
      return path.posix.basename(p) === key ? p : entry;
    });
  }
  if (g.envs.length) props.envs = g.envs;
  if (g.options) props.options = g.options;
  return call(g.kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator', props);
}

function targetCode(t: PatchTarget, renamed: (name: string) => string): PatchTarget {
  const out: PatchTarget = {};
  for (const key of ['kind', 'name', 'namespace', 'group', 'version', 'labelSelector', 'annotationSelector'] as const) {
    const v = t[key];
    if (v !== undefined) (out as Record<string, unknown>)[key] = key === 'name' ? renamed(v as string) : v;
  }
  return out;
}

/**
 * A strategic merge body without the identity fields its target already names; a patch that
 * may rename or re-kind its target keeps the name or kind it sets.
 */
function patchBody(p: Extract<PatchDecl, { type: 'strategic-merge' }>): Record<string, unknown> {
  const { apiVersion, kind, metadata, ...rest } = p.body;
  const identity = p.options?.allowKindChange ? { ...(apiVersion !== undefined ? { apiVersion } : {}), ...(kind !== undefined ? { kind } : {}) } : {};
  if (!isPlainObject(metadata)) return { ...identity, ...rest };
  const { name, namespace: _ns, ...meta } = metadata;
  if (p.options?.allowNameChange && name !== undefined) meta.name = name;
  return Object.keys(meta).length ? { ...identity, metadata: meta, ...rest } : { ...identity, ...rest };
}

function patchCode(p: PatchDecl, renamed: (name: string) => string): unknown {
  const target = targetCode(patchTargetOf(p), renamed);
  const options = p.options ? [p.options] : [];
  if (p.type === 'json6902') return call('jsonPatch', target, p.ops, ...options);
  return call('strategicMerge', target, patchBody(p), ...options);
}

/** The source of an environment file. */
export function environmentFile(spec: EnvironmentSpec): string {
  const k = spec.kustomization;
  const imports = newImports();
  const define = spec.isMixin ? 'defineMixin' : 'defineEnvironment';
  imports.kasane.add(define);
  if (spec.extends) imports.defaults.set(identifierOf(spec.extends), `./${spec.extends}.ts`);
  for (const c of spec.components) imports.defaults.set(identifierOf(c), `${spec.isMixin ? '../../' : '../'}components/${c}.ts`);
  for (const m of spec.mixins ?? []) imports.defaults.set(mixinIdentifier(m), spec.isMixin ? `./${m}.ts` : `./${MIXINS_DIR}/${m}.ts`);
  const props: Record<string, unknown> = { name: spec.name };
  if (spec.extends) props.extends = ref(identifierOf(spec.extends));
  if (spec.abstract) props.abstract = true;
  if (spec.components.length) props.components = spec.components.map((c) => ref(identifierOf(c)));
  if (spec.mixins?.length) props.mixins = spec.mixins.map((m) => ref(mixinIdentifier(m)));
  if (k.namespace) props.namespace = k.namespace;
  if (k.namePrefix) props.namePrefix = k.namePrefix;
  if (k.nameSuffix) props.nameSuffix = k.nameSuffix;
  if (k.labels.length) props.labels = labelsValue(k.labels);
  if (k.annotations) props.annotations = k.annotations;
  if (k.images.length) props.images = k.images;
  if (k.replicas.length) props.replicas = k.replicas;
  if (spec.generators.length) {
    props.generators = spec.generators.map(generatorCode);
    for (const g of spec.generators) imports.kasane.add(g.kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator');
  }
  if (k.patches.length) {
    props.patches = k.patches.map((p) => patchCode(p, spec.renamed));
    for (const p of k.patches) imports.kasane.add(p.type === 'json6902' ? 'jsonPatch' : 'strategicMerge');
  }
  const configurations = [...(spec.carried?.configurations ?? []), ...k.configurations];
  if (configurations.length) props.configurations = configurations;
  if (k.replacements.length) props.replacements = k.replacements;
  if (k.builtinTransformers.length) {
    props.builtinTransformers = k.builtinTransformers.map((t) => (t.kind === 'PatchTransformer' ? { kind: t.kind, patches: t.patches.map((p) => patchCode(p, spec.renamed)) } : t));
    for (const p of k.builtinTransformers.flatMap((t) => (t.kind === 'PatchTransformer' ? t.patches : []))) imports.kasane.add(p.type === 'json6902' ? 'jsonPatch' : 'strategicMerge');
  }
  const vars = [...(spec.carried?.vars ?? []), ...k.vars];
  if (vars.length) props.vars = vars;
  let added = '';
  if (spec.added.length) {
    added = `${addedObjectsCode(spec.added, imports)}\n\n`;
    props.transforms = [ref('(objects) => [...objects, ...added]')];
  }
  const sources = [k.file].filter((f) => f !== '');
  const head = sources.length ? `// Imported from ${sources.join(', ')}.\n` : '';
  return `${head}${printImports(imports)}\n\n${added}export default ${define}(${printValue(props, 0)});\n`;
}
