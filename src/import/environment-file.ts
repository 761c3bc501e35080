/**
 * The file of one level of the tree: `defineEnvironment` (a level of the `extends` chain) or
 * `defineGroup` (a kustomization that transforms only the objects it gathers), with the level's
 * components, groups, overlay fields, generators and patches, in kasane's API.
 */
import path from 'node:path';
import { isPlainObject } from '../util/plain-object.ts';
import type { PatchTarget } from '../project/patch.ts';
import type { SortOptions } from '../k8s/kind-order.ts';
import type { TransformerAnnotationName } from '../project/builtin-transformer.ts';
import type { BuildMetadata } from '../project/environment.ts';
import { safeIdentifier } from '../codegen/identifiers.ts';
import { call, printValue, ref } from './code.ts';
import { addedObjectsCode } from './component-file.ts';
import { newImports, printImports, type Imports } from './imports.ts';
import type { GeneratorDecl, Kustomization, PatchDecl } from './kustomization.ts';
import { patchTargetOf, type WrittenIds } from './patch-target.ts';
import type { Carried, SourcedObject } from './tree.ts';

/** Everything one environment file says. */
export interface EnvironmentSpec {
  name: string;
  abstract: boolean;
  /** File name (without .ts) of the environment it extends. @default none */
  extends?: string;
  /** Component names, each imported from ../components/<name>.ts. */
  components: string[];
  /** Group names, each imported from ../groups/<name>.ts. @default none */
  groups?: string[];
  kustomization: Kustomization;
  /** Generators with paths relative to the environments folder. */
  generators: GeneratorDecl[];
  /** Objects added by a transform. */
  added: SourcedObject[];
  /** Maps a patch target name to the name the object has at this level (after lower affixes). */
  renamed: (name: string) => string;
  /** How the tree writes its objects, for the targets of patches that name their object. @default none */
  written?: WrittenIds;
  /** Vars and configurations of the resource-only kustomizations the level includes. @default none */
  carried?: Carried;
  /** Names of the mixins it includes, each written to environments/_mixins/<name>.ts. @default none */
  mixins?: string[];
  /** Write a mixin (`defineMixin`, in environments/_mixins/) instead of an environment. @default false */
  isMixin?: boolean;
  /** The order of the rendered objects, for an environment that is rendered. @default Kustomize's legacy order */
  sortOptions?: SortOptions;
  /** `buildMetadata`, for an environment that is rendered. @default none */
  buildMetadata?: BuildMetadata;
}

/** The folder of mixin files, inside the environments folder (`_` keeps them from being read as environments). */
export const MIXINS_DIR = '_mixins';

/** The identifier a mixin is imported as (apart from component identifiers). */
function mixinIdentifier(name: string): string {
  return `${identifierOf(name)}Mixin`;
}

/** Everything one group file says: an environment's fields without `extends` and `abstract`. */
export type GroupSpec = Omit<EnvironmentSpec, 'abstract' | 'extends' | 'sortOptions' | 'buildMetadata'>;

/** `webServer` from `web-server`; `default_` from `default`, which no binding may be named. */
export function identifierOf(name: string): string {
  return safeIdentifier(name);
}

/**
 * `labels` as code: the record form for one entry that adds to selectors, unless the entry is a
 * `labels` one of a level whose transformers are annotated, which Kustomize runs as two
 * LabelTransformers (the list form's count) where `commonLabels` is one.
 */
function labelsValue(k: Kustomization): unknown {
  const [only] = k.labels;
  if (k.labels.length === 1 && only!.includeSelectors && !only!.includeTemplates && (k.commonLabels || !k.configuredIn)) return only!.pairs;
  return k.labels;
}

function generatorCode(g: GeneratorDecl): unknown {
  const props: Record<string, unknown> = { name: g.name };
  if (g.namespace) props.namespace = g.namespace;
  if (g.behavior) props.behavior = g.behavior;
  if (g.type || (g.asResource && g.type !== undefined)) props.type = g.type;
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
  if (g.stringDataKeys?.length) props.stringDataKeys = g.stringDataKeys;
  if (g.asResource) props.asResource = true;
  if (g.position) props.position = g.position;
  if (g.options && Object.keys(g.options).length) props.options = g.options;
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

function patchCode(p: PatchDecl, spec: GroupSpec): unknown {
  // Kustomize fails the build when a patch that names its object in its own metadata matches
  // several objects; `unique` makes the render fail there too instead of patching each.
  const unique = p.type === 'strategic-merge' && !p.target;
  const target = targetCode(patchTargetOf(p, spec.written), unique ? (name) => name : spec.renamed);
  const all = { ...p.options, ...(unique ? { unique: true } : {}) };
  const options = Object.keys(all).length ? [all] : [];
  if (p.type === 'json6902') return call('jsonPatch', target, p.ops, ...options);
  return call('strategicMerge', target, patchBody(p), ...options);
}

/** The name the transformer annotations give a `transformers:` entry, without the kind it already has. */
function annotationCode(name: TransformerAnnotationName, kind: string): TransformerAnnotationName {
  const { kind: annotated, ...rest } = name;
  return annotated === kind ? rest : name;
}

/** The overlay fields of a level (namespace ... patches, added objects) as code props. */
function overlayProps(spec: GroupSpec, imports: Imports): { props: Record<string, unknown>; added: string } {
  const k = spec.kustomization;
  const props: Record<string, unknown> = {};
  if (k.namespace) props.namespace = k.namespace;
  if (k.namePrefix) props.namePrefix = k.namePrefix;
  if (k.nameSuffix) props.nameSuffix = k.nameSuffix;
  if (k.labels.length) props.labels = labelsValue(k);
  if (k.annotations) props.annotations = k.annotations;
  if (k.images.length) props.images = k.images;
  if (k.replicas.length) props.replicas = k.replicas;
  if (spec.generators.length) {
    props.generators = spec.generators.map(generatorCode);
    for (const g of spec.generators) imports.kasane.add(g.kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator');
  }
  if (k.patches.length) {
    props.patches = k.patches.map((p) => patchCode(p, spec));
    for (const p of k.patches) imports.kasane.add(p.type === 'json6902' ? 'jsonPatch' : 'strategicMerge');
  }
  const configurations = [...(spec.carried?.configurations ?? []), ...k.configurations];
  if (configurations.length) props.configurations = configurations;
  if (k.replacements.length) props.replacements = k.replacements;
  if (k.openapi) props.openapi = k.openapi;
  if (k.configuredIn) props.configuredIn = k.configuredIn;
  if (k.builtinTransformers.length) {
    props.builtinTransformers = k.builtinTransformers.map((decl) => {
      const { annotatedAs, ...t } = decl;
      const body = t.kind === 'PatchTransformer' ? { kind: t.kind, patches: t.patches.map((p) => patchCode(p, spec)) } : t;
      return k.configuredIn && annotatedAs ? { ...body, annotatedAs: annotationCode(annotatedAs, t.kind) } : body;
    });
    for (const p of k.builtinTransformers.flatMap((t) => (t.kind === 'PatchTransformer' ? t.patches : []))) imports.kasane.add(p.type === 'json6902' ? 'jsonPatch' : 'strategicMerge');
  }
  const vars = [...(spec.carried?.vars ?? []), ...k.vars];
  if (vars.length) props.vars = vars;
  if (!spec.added.length) return { props, added: '' };
  props.transforms = [ref('(objects) => [...objects, ...added]')];
  return { props, added: `${addedObjectsCode(spec.added, imports)}\n\n` };
}

/** `apiGroup` for group `api`: a group's identifier, never one of a component's. */
export function groupIdentifierOf(name: string): string {
  return `${identifierOf(name)}Group`;
}

/** The members of a level: its components, then its groups (imported from the folders `dirs` name). */
function membersOf(spec: GroupSpec, imports: Imports, dirs: { components: string; groups: string }): unknown[] {
  for (const c of spec.components) imports.defaults.set(identifierOf(c), `${dirs.components}/${c}.ts`);
  for (const g of spec.groups ?? []) imports.defaults.set(groupIdentifierOf(g), `${dirs.groups}/${g}.ts`);
  return [...spec.components.map((c) => ref(identifierOf(c))), ...(spec.groups ?? []).map((g) => ref(groupIdentifierOf(g)))];
}

function fileText(k: Kustomization, imports: Imports, added: string, call: string, props: Record<string, unknown>): string {
  const head = k.file !== '' ? `// Imported from ${k.file}.\n` : '';
  return `${head}${printImports(imports)}\n\n${added}export default ${call}(${printValue(props, 0)});\n`;
}

/** The source of an environment file, or with `isMixin` of a mixin file (in environments/_mixins/). */
export function environmentFile(spec: EnvironmentSpec): string {
  const imports = newImports();
  const define = spec.isMixin ? 'defineMixin' : 'defineEnvironment';
  imports.kasane.add(define);
  if (spec.extends) imports.defaults.set(identifierOf(spec.extends), `./${spec.extends}.ts`);
  for (const m of spec.mixins ?? []) imports.defaults.set(mixinIdentifier(m), spec.isMixin ? `./${m}.ts` : `./${MIXINS_DIR}/${m}.ts`);
  const props: Record<string, unknown> = { name: spec.name };
  if (spec.extends) props.extends = ref(identifierOf(spec.extends));
  if (spec.abstract) props.abstract = true;
  const members = membersOf(spec, imports, { components: spec.isMixin ? '../../components' : '../components', groups: spec.isMixin ? '../../groups' : '../groups' });
  if (members.length) props.components = members;
  if (spec.mixins?.length) props.mixins = spec.mixins.map((m) => ref(mixinIdentifier(m)));
  if (spec.sortOptions) props.sortOptions = spec.sortOptions;
  if (spec.buildMetadata) props.buildMetadata = spec.buildMetadata;
  const overlay = overlayProps(spec, imports);
  return fileText(spec.kustomization, imports, overlay.added, define, { ...props, ...overlay.props });
}

/** The source of a group file (in `groups/`). */
export function groupFile(spec: GroupSpec): string {
  const imports = newImports();
  imports.kasane.add('defineGroup');
  const overlay = overlayProps(spec, imports);
  const props = { name: spec.name, components: membersOf(spec, imports, { components: '../components', groups: '.' }), ...overlay.props };
  return fileText(spec.kustomization, imports, overlay.added, 'defineGroup', props);
}
