/**
 * The overlay stage: each environment of the `extends` chain, root first, applies its overlay
 * to the objects the components built, in the order `kubectl kustomize` (Kustomize v5.5.0)
 * runs the steps of one kustomization, checked by experiment:
 *
 *   1. generators   (configMapGenerator / secretGenerator: create, or merge into or replace an
 *                   object of an earlier level, matched by its first name)
 *   2. patches      (strategic merge, JSON 6902, functions — in the order listed); they see the
 *                   names before this level's prefix (a patch targets `web`, not `p-web`) and
 *                   the images before `images`
 *   3. transforms   (the environment's own functions over the object list)
 *   4. namespace → namePrefix/nameSuffix → labels → annotations → replicas → images
 *                   (`replicas` and `images` win over a patched value)
 *
 * After the last environment, generated ConfigMaps and Secrets get their content-hash suffix
 * and every reference follows: Kustomize hashes once, over the final data and final names
 * (`o-b-cfg-<hash>`). References to renamed objects are rewritten with each prefix and suffix,
 * which gives Kustomize's result because every object of a level gets the same affix.
 */
import { isKasaneError, type Finding } from '../errors.ts';
import { objectKey, type KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { FROM_ENVIRONMENT, type Resource, type Trace } from '../k8s/resource.ts';
import type { Environment } from '../project/environment.ts';
import { generatorInputFiles, type GeneratorSpec } from '../project/generator.ts';
import { sameJson } from '../util/same-json.ts';
import { userFrame, userStack } from '../util/stack-frames.ts';
import { applyPatches } from './apply-patches.ts';
import { changedFields } from './changed-fields.ts';
import { generateConfigMap } from './generators/config-map.ts';
import { applyHashSuffixes } from './generators/hash-suffix.ts';
import { applyGenerators, type GeneratedEntry } from './generators/merge.ts';
import { generateSecret } from './generators/secret.ts';
import { addAnnotations } from './transforms/annotations.ts';
import { setImages } from './transforms/images.ts';
import { addLabels } from './transforms/labels.ts';
import { addNameAffix } from './transforms/name-affix.ts';
import { setNamespace } from './transforms/namespace.ts';
import { setReplicas } from './transforms/replicas.ts';

/** What the overlay needs besides the objects. */
export interface OverlayContext {
  /** The environment being rendered (the last of the chain). */
  env: string;
  /** Contents of the files generators read, by absolute path. */
  files: ReadonlyMap<string, Uint8Array>;
  /** Called with the objects after every step (for `kasane explain`). @default none */
  trace?: Trace;
}

function generatorEntry(spec: GeneratorSpec, level: Environment, files: ReadonlyMap<string, Uint8Array>): GeneratedEntry {
  const inputs = generatorInputFiles(spec, level.source?.file);
  const read = (abs: string) => files.get(abs) ?? new Uint8Array();
  const literals = Array.isArray(spec.literals) ? (spec.literals as readonly string[]) : Object.entries((spec.literals ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`);
  const input = {
    name: spec.name,
    ...(spec.namespace ? { namespace: spec.namespace } : {}),
    literals,
    files: inputs.files.map((f) => ({ key: f.key!, content: Buffer.from(read(f.abs)) })),
    envs: inputs.envs.map((f) => ({ path: f.path, content: Buffer.from(read(f.abs)).toString('utf8') })),
    ...(spec.behavior ? { behavior: spec.behavior } : {}),
    ...(spec.options ? { options: spec.options } : {}),
  };
  const ctx = { env: level.name, ...(spec.source ? { source: spec.source } : {}) };
  const resource = spec.kind === 'Secret' ? generateSecret({ ...input, ...(spec.type ? { type: spec.type } : {}) }, ctx) : generateConfigMap(input, ctx);
  return { resource, behavior: spec.behavior ?? 'create' };
}

function runTransforms(resources: Resource[], level: Environment, env: string): { resources: Resource[]; findings: Finding[] } {
  let current = resources;
  const findings: Finding[] = [];
  for (const transform of level.transforms ?? []) {
    const byKey = new Map(current.map((r) => [objectKey(r.object), r]));
    let output: readonly unknown[];
    try {
      output = transform(current.map((r) => structuredClone(r.object)) as never, { env, ...(level.namespace ? { namespace: level.namespace } : {}) });
    } catch (error) {
      const at = userFrame(error) ?? level.source;
      findings.push({
        severity: 'error',
        code: 'overlay/transform-threw',
        message: `a transform of environment '${level.name}' threw: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'fix the transform function at the location below',
        env,
        cause: userStack(error),
        ...(at ? { source: at } : {}),
      });
      return { resources: current, findings };
    }
    if (!Array.isArray(output) || !output.every((o) => isPlainObject(o) && typeof o.kind === 'string' && isPlainObject(o.metadata) && typeof o.metadata.name === 'string')) {
      findings.push({
        severity: 'error',
        code: 'overlay/transform-invalid-result',
        message: `a transform of environment '${level.name}' returned something other than a list of Kubernetes objects`,
        hint: 'return the objects it was given (changed or not) plus any new ones',
        env,
        ...(level.source ? { source: level.source } : {}),
      });
      return { resources: current, findings };
    }
    const step = { step: 'transform', env: level.name, ...(level.source ? { source: level.source } : {}) };
    current = (output as KObject[]).map((object) => {
      const before = byKey.get(objectKey(object));
      if (!before) return { object, component: FROM_ENVIRONMENT, history: [step], ...(level.source ? { source: level.source } : {}) };
      return sameJson(before.object, object) ? before : { ...before, object, history: [...(before.history ?? []), { ...step, paths: changedFields(before.object, object) }] };
    });
  }
  return { resources: current, findings };
}

/** The built-in transforms of one level, in Kustomize's order. */
function builtInTransforms(resources: Resource[], level: Environment, trace: (step: string, r: Resource[]) => Resource[]): Resource[] {
  const opts = { env: level.name, ...(level.source ? { source: level.source } : {}) };
  let r = resources;
  if (level.namespace) r = trace('namespace', setNamespace(r, { ...opts, namespace: level.namespace }));
  if (level.namePrefix || level.nameSuffix)
    r = trace('namePrefix/nameSuffix', addNameAffix(r, { ...opts, ...(level.namePrefix ? { prefix: level.namePrefix } : {}), ...(level.nameSuffix ? { suffix: level.nameSuffix } : {}) }));
  if (level.labels) {
    const entries = Array.isArray(level.labels)
      ? (level.labels as readonly { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[])
      : [{ pairs: level.labels as Record<string, string>, includeSelectors: true, includeTemplates: true }];
    for (const e of entries) r = trace('labels', addLabels(r, { ...opts, labels: e.pairs, includeSelectors: !!e.includeSelectors, includeTemplates: !!(e.includeTemplates || e.includeSelectors) }));
  }
  if (level.annotations && Object.keys(level.annotations).length) r = trace('annotations', addAnnotations(r, { ...opts, annotations: level.annotations }));
  if (level.replicas?.length) r = trace('replicas', setReplicas(r, { ...opts, replicas: level.replicas }));
  if (level.images?.length) r = trace('images', setImages(r, { ...opts, images: level.images }));
  return r;
}

/**
 * Applies the overlay of every environment in `chain` (root first) to `resources`.
 * Returns new resources (the inputs are not changed) and findings.
 */
export function applyOverlay(resources: readonly Resource[], chain: readonly Environment[], ctx: OverlayContext): { resources: Resource[]; findings: Finding[] } {
  let current = [...resources];
  const findings: Finding[] = [];
  try {
    for (const level of chain) {
      const at = level.source ? { source: level.source } : {};
      const trace = (step: string, r: Resource[]): Resource[] => {
        ctx.trace?.({ env: level.name, step, ...at }, r);
        return r;
      };
      if (level.generators?.length) {
        current = trace(
          'generators',
          applyGenerators(
            current,
            level.generators.map((g) => generatorEntry(g, level, ctx.files)),
            { env: level.name },
          ),
        );
      }
      const patched = applyPatches(
        current,
        level.patches ?? [],
        ctx.env,
        ctx.trace ? (p, r) => ctx.trace!({ env: level.name, step: `patch (${p.type})`, ...(p.source ? { source: p.source } : at) }, r) : undefined,
      );
      findings.push(...patched.findings);
      if (patched.findings.some((f) => f.severity === 'error')) return { resources: patched.resources, findings };
      const transformed = runTransforms(patched.resources, level, ctx.env);
      findings.push(...transformed.findings);
      if (transformed.findings.length) return { resources: transformed.resources, findings };
      if (level.transforms?.length) trace('transform', transformed.resources);
      current = builtInTransforms(transformed.resources, level, trace);
    }
    current = applyHashSuffixes(current, { env: ctx.env });
    ctx.trace?.({ env: ctx.env, step: 'hashSuffix' }, current);
  } catch (error) {
    if (!isKasaneError(error)) throw error;
    findings.push(...error.findings.map((f) => ({ env: ctx.env, ...f })));
  }
  return { resources: current, findings };
}
