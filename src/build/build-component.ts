/**
 * The build stage: values resolved per component, then each component's `build` called, its
 * output flattened and checked to be Kubernetes objects.
 */
import { isKasaneError, type Finding } from '../errors.ts';
import { generatedMarkOf } from '../k8s/generated-mark.ts';
import { originOf } from '../k8s/origin.ts';
import type { KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { Resource } from '../k8s/resource.ts';
import { userFrame, userStack } from '../util/stack-frames.ts';
import type { BuildContext, BuildOutput, Component, ComponentFile } from '../project/component.ts';
import { componentFile, componentInputFiles } from '../project/component-files.ts';
import type { ComponentPlan, Scope } from '../project/component-plan.ts';
import type { Environment } from '../project/environment.ts';
import type { OverlayOptions } from '../project/overlay-options.ts';
import { resolveValues } from './values.ts';

function flatten(output: BuildOutput, into: unknown[]): void {
  if (Array.isArray(output)) for (const item of output) flatten(item as BuildOutput, into);
  else if (output !== null && output !== undefined && output !== false) into.push(output);
}

function objectProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return `expected a Kubernetes object, found ${Array.isArray(value) ? 'an array' : typeof value}`;
  if (typeof value.apiVersion !== 'string' || value.apiVersion === '') return 'expected a string apiVersion';
  if (typeof value.kind !== 'string' || value.kind === '') return 'expected a string kind';
  const meta = value.metadata;
  if (!isPlainObject(meta) || typeof meta.name !== 'string' || meta.name === '') return 'expected metadata.name';
  return undefined;
}

/**
 * The files a component declared, as `build` gets them, from the contents the loader read
 * (absolute path → bytes); a finding for a file the loader did not read.
 */
function filesOf(component: Component, contents: ReadonlyMap<string, Uint8Array>, env: string): { files: BuildContext['files']; findings: Finding[] } {
  const files: Record<string, ComponentFile> = {};
  const findings: Finding[] = [];
  for (const input of componentInputFiles(component)) {
    const bytes = contents.get(input.abs);
    if (bytes) files[input.key] = componentFile(input, bytes, component.name);
    else {
      findings.push({
        severity: 'error',
        code: 'build/component-file-not-loaded',
        message: `component '${component.name}' reads '${input.path}' (files.${input.key}), which the project data does not hold`,
        hint: 'load the project with loadProject, which reads the files components declare',
        env,
        component: component.name,
        ...(component.source ? { source: component.source } : {}),
      });
    }
  }
  return { files, findings };
}

/**
 * Builds one component; findings for its values, its files, a throw inside build, or
 * non-objects returned. `contents` holds the files the loader read, by absolute path.
 */
export function buildComponent(
  plan: ComponentPlan,
  ctx: Omit<BuildContext, 'component' | 'files'>,
  contents: ReadonlyMap<string, Uint8Array> = new Map(),
): { resources: Resource[]; findings: Finding[] } {
  const { component } = plan;
  const values = resolveValues(component, plan.layers, ctx.env);
  if (!values.ok) return { resources: [], findings: values.findings };
  const files = filesOf(component, contents, ctx.env);
  if (files.findings.length) return { resources: [], findings: files.findings };
  const src = component.source ? { source: component.source } : {};
  let output: BuildOutput;
  try {
    output = component.build(values.values as never, { ...ctx, component: component.name, files: files.files });
  } catch (error) {
    const at = userFrame(error) ?? component.source;
    const where = { env: ctx.env, component: component.name, ...(at ? { source: at } : {}) };
    // A builder's own error (a KasaneError) keeps its code, object and path.
    if (isKasaneError(error)) return { resources: [], findings: error.findings.map((f) => ({ ...f, ...where })) };
    return {
      resources: [],
      findings: [
        {
          severity: 'error',
          code: 'build/component-threw',
          message: `component '${component.name}' threw while building: ${error instanceof Error ? error.message : String(error)}`,
          hint: 'fix the error at the location below; the stack shows your frames only',
          cause: userStack(error),
          ...where,
        },
      ],
    };
  }
  const items: unknown[] = [];
  flatten(output, items);
  const scope = plan.scopes[plan.scopes.length - 1];
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  items.forEach((item, i) => {
    const problem = objectProblem(item);
    if (problem) {
      findings.push({
        severity: 'error',
        code: 'build/not-an-object',
        message: `${problem} in item ${i} that component '${component.name}' built`,
        hint: 'return builder results or objects with apiVersion, kind and metadata.name',
        env: ctx.env,
        component: component.name,
        ...src,
      });
      return;
    }
    const object = item as KObject;
    const mark = generatedMarkOf(object);
    const origin = originOf(object);
    resources.push({
      object,
      component: component.name,
      ...src,
      ...(origin ? { origin } : {}),
      ...(mark ? { generated: { hashSuffix: mark.hashSuffix } } : {}),
      ...(scope ? { scope: scope.path } : {}),
    });
  });
  return { resources, findings };
}

/**
 * What a component learns through `build(values, ctx)`: the environment's name, the namespace
 * its objects land in (the one the chain sets last, else the outermost of its scopes that sets
 * one: an outer level's namespace replaces an inner one's), and the common labels of its scopes
 * and of the whole chain (a labels list contributes each entry's pairs).
 */
export function buildContextOf(chain: readonly Environment[], scopes: readonly Scope[] = []): Omit<BuildContext, 'component' | 'files'> {
  const env = chain[chain.length - 1]!;
  const levels: readonly OverlayOptions[] = [...[...scopes].reverse().map((s) => s.level), ...chain];
  const labels: Record<string, string> = {};
  for (const level of levels) {
    const l = level.labels;
    if (!l) continue;
    if (Array.isArray(l)) for (const entry of l) Object.assign(labels, entry.pairs);
    else Object.assign(labels, l);
  }
  const namespace = [...levels].reverse().find((e) => e.namespace)?.namespace;
  return { env: env.name, labels, ...(namespace ? { namespace } : {}) };
}
