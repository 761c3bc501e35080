/**
 * A level's generator declarations as generated resources: the files they read come from the
 * loader (by absolute path, resolved against the file that declared the generator).
 */
import type { Resource } from '../k8s/resource.ts';
import { generatorInputFiles, type GeneratorSpec } from '../project/generator.ts';
import type { OverlayLevel } from '../project/mixin.ts';
import { generateConfigMap } from './generators/config-map.ts';
import type { GeneratedEntry } from './generators/merge.ts';
import { fail } from './generators/generator-input.ts';
import { generateSecret } from './generators/secret.ts';
import type { StepOptions } from './transforms/history.ts';

function literalsOf(spec: GeneratorSpec): string[] {
  if (Array.isArray(spec.literals)) return [...(spec.literals as readonly string[])];
  return Object.entries((spec.literals ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`);
}

/**
 * The resource one generator makes, and how it meets an earlier one of the same name. `step`
 * says where the level runs (its environment, and scope); `place` whose object it is.
 */
export function generatorEntry(spec: GeneratorSpec, level: OverlayLevel, files: ReadonlyMap<string, Uint8Array>, step: StepOptions, place: Pick<Resource, 'component' | 'scope'>): GeneratedEntry {
  const inputs = generatorInputFiles(spec, level.source?.file);
  const ctx = { env: step.env, ...(step.scope ? { scope: step.scope } : {}), ...(spec.source ? { source: spec.source } : {}) };
  // The load reads every file a declared generator names; one it did not read is never taken as empty.
  const unread = [...inputs.files, ...inputs.envs].find((f) => !files.has(f.abs));
  if (unread) {
    fail(
      'overlay/generator-file-not-read',
      `expected the file '${unread.path}' of generator '${spec.name}' to have been read with the project, found it unread`,
      'the render was given the generator without its files: pass the files the load read (LoadedProject.files) to the render',
      { name: spec.name, literals: [] },
      ctx,
      spec.kind,
    );
  }
  const read = (abs: string) => files.get(abs)!;
  const input = {
    name: spec.name,
    ...(spec.namespace ? { namespace: spec.namespace } : {}),
    literals: literalsOf(spec),
    files: inputs.files.map((f) => ({ key: f.key!, content: Buffer.from(read(f.abs)) })),
    envs: inputs.envs.map((f) => ({ path: f.path, content: Buffer.from(read(f.abs)).toString('utf8') })),
    ...(spec.behavior ? { behavior: spec.behavior } : {}),
    ...(spec.options ? { options: spec.options } : {}),
  };
  if (spec.kind === 'ConfigMap' && (spec.stringDataKeys?.length || spec.asResource)) {
    const field = spec.asResource ? 'asResource' : 'stringDataKeys';
    fail(
      'overlay/invalid-generator',
      `expected ${field} only on a Secret generator, found it on ConfigMap '${spec.name}'`,
      `remove ${field}: it describes how a Secret is written`,
      input,
      ctx,
      'ConfigMap',
    );
  }
  const generated: Resource =
    spec.kind === 'Secret'
      ? generateSecret(
          {
            ...input,
            // Kustomize's generator writes Opaque for an empty type; a manifest keeps `type: ""`.
            ...(spec.type || (spec.asResource && spec.type !== undefined) ? { type: spec.type } : {}),
            ...(spec.stringDataKeys ? { stringDataKeys: spec.stringDataKeys } : {}),
            ...(spec.asResource ? { asResource: true } : {}),
          },
          ctx,
        )
      : generateConfigMap(input, ctx);
  return {
    resource: { ...generated, ...place },
    behavior: spec.behavior ?? 'create',
    ...(spec.position ? { position: spec.position } : {}),
    ...(spec.kind === 'Secret' && spec.asResource ? { asResource: true } : {}),
  };
}
