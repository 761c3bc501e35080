/**
 * The key of an environment's render: what its output depends on, hashed. A cached render is
 * reused only when its key is equal, so every input that can change the output must be in it.
 *
 * The key covers:
 * - kasane itself (its code, version, dependencies, Node's version: see ./kasane-identity.ts)
 *   and the render options that change the output (`validate`, `kubernetesVersion`);
 * - the project's configuration and every level of the environment's `extends` chain as
 *   declared data (components with their values and where they were written, namespace,
 *   labels, patches, generators, ...), so that data one module changes in another shows too;
 * - the code: every module reachable from the environment's file and the configuration file,
 *   with its content hash, and every package those modules import with its installed identity
 *   (a function, a component's build and its defaults live there);
 * - the content of every file a generator of the chain reads, and of every file a component
 *   of the chain reads beside its source (`defineComponent({ files })`).
 *
 * What the key cannot see is what user code reads on its own at run time (files through `fs`,
 * the clock, the process environment, state one module changes in another from inside a
 * function): components and environments are pure functions of their modules, values and
 * declared files, and `render --no-cache` renders from scratch. A render that met a secret
 * value is never cached (./render-cache.ts), so secret sources need no place in the key.
 */
import { EXTERNAL_IMPORT, type ModuleGraph } from '../load/bundle.ts';
import { componentInputFiles } from '../project/component-files.ts';
import { declaredGenerators, planComponents } from '../project/component-plan.ts';
import type { ResolvedConfig } from '../project/config.ts';
import type { Environment } from '../project/environment.ts';
import { generatorInputFiles } from '../project/generator.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { digestOf, fingerprint } from '../util/fingerprint.ts';

/** The render options that change an environment's output. */
export interface KeyOptions {
  validate: boolean;
  kubernetesVersion?: string;
  /** Fingerprint of the environment's chart renders (helm's output for its chart components), when it has any. */
  charts?: string;
}

/** What {@link environmentKey} reads besides the chain. */
export interface EnvironmentKeyInput {
  /** kasane's identity (./kasane-identity.ts). */
  kasane: string;
  options: KeyOptions;
  config: ResolvedConfig;
  /** Contents of the files generators read, by absolute path. */
  files: ReadonlyMap<string, Uint8Array>;
  /** The project's module graph, packages named by identity (`LoadedProject.modules`). */
  modules: ModuleGraph;
  /** Module files the environment's code starts from (its file, the configuration's), relative to the project. */
  entries: readonly string[];
}

/** The key of an environment's render, or undefined when its declared data cannot be fingerprinted. */
export function environmentKey(chain: readonly Environment[], input: EnvironmentKeyInput): string | undefined {
  const config = fingerprint(input.config);
  if (!config) return undefined;
  const parts: string[] = [input.kasane, JSON.stringify(input.options), config.text, moduleDigest(input.modules, input.entries)];
  for (const level of chain) {
    const print = levelPrint(level);
    if (!print) return undefined;
    parts.push(print);
    for (const abs of generatorFilesOf(level)) parts.push(filePart(abs, input.files));
  }
  // The files components read beside their source, in groups too (the leaf plans every component of the chain).
  for (const plan of planComponents(chain[chain.length - 1]!)) for (const file of componentInputFiles(plan.component)) parts.push(filePart(file.abs, input.files));
  return digestOf(parts.join('\n'));
}

function filePart(abs: string, files: ReadonlyMap<string, Uint8Array>): string {
  const bytes = files.get(abs);
  return `${abs}\0${bytes ? digestOf(bytes) : 'missing'}`;
}

/** The files the generators a level declares read (its own, its groups', its mixins'), by absolute path. */
function generatorFilesOf(level: Environment): string[] {
  return declaredGenerators(level).flatMap(({ level: at, spec }) => {
    const inputs = generatorInputFiles(spec, at.source?.file);
    return [...inputs.files, ...inputs.envs].map((f) => f.abs);
  });
}

/**
 * One level of a chain as data: components by name with their values and the places they
 * were declared and used (their code is in the module digest), the rest as it is, the parent
 * by name (it is a level of its own).
 */
function levelPrint(level: Environment): string | undefined {
  const { components, extends: parent, ...declared } = level;
  const uses = (components ?? []).map((use) => {
    const u = use as unknown as { component?: { name: string; source?: unknown }; values?: unknown; source?: unknown; name?: string };
    return { name: u.component?.name ?? u.name, at: u.component?.source ?? null, values: u.values ?? null, source: u.source ?? null };
  });
  return fingerprint({ ...declared, components: uses, extends: parent?.name ?? null })?.text;
}

/**
 * The digest of every module reachable from `entries` with its content hash and imports
 * (packages with their identity). An entry that is not a module of the graph stands for the
 * whole graph.
 */
export function moduleDigest(graph: ModuleGraph, entries: readonly string[]): string {
  const start = entries.every((f) => graph.inputs[f] !== undefined) ? entries : Object.keys(graph.inputs);
  const seen = new Set<string>();
  const todo = [...start];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const edge of graph.imports[file] ?? []) if (!edge.startsWith(EXTERNAL_IMPORT)) todo.push(edge);
  }
  const modules = [...seen].sort(compareCodeUnits);
  return digestOf(modules.map((m) => `${m}\0${graph.inputs[m]}\0${(graph.imports[m] ?? []).join('\0')}`).join('\n'));
}
