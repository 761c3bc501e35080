/**
 * Kustomize's `buildMetadata: [originAnnotations]`: every object of the build carries
 * `config.kubernetes.io/origin`, naming the file it was read from or the file that configured
 * the generator that made it, relative to the kustomization the build starts at. The values
 * name the original tree's files, so import writes them into the objects and the generator
 * options themselves; the generators' hash covers only their data, so suffixes stay the same.
 */
import path from 'node:path';
import type { Finding } from '../errors.ts';
import type { GeneratorDecl, Kustomization } from './kustomization.ts';
import { chainOf, type Level, type MixinPlan, type SourcedObject, type TreePlan } from './tree.ts';

/** The annotation Kustomize writes. */
export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/** The objects and the kustomizations (for their generators and transforms) a build from `target` reads. */
export function reached(plan: TreePlan, target: string): { objects: SourcedObject[]; kustomizations: Kustomization[] } {
  const objects: SourcedObject[] = [];
  const kustomizations: Kustomization[] = [];
  const seen = new Set<string>();
  const visitMixin = (m: MixinPlan): void => {
    objects.push(...m.objects);
    kustomizations.push(m.kustomization);
    m.mixins.forEach(visitMixin);
  };
  const visit = (level: Level): void => {
    objects.push(...level.objects);
    kustomizations.push(level.kustomization);
    (level.mixins ?? []).forEach(visitMixin);
    for (const g of level.groups ?? []) {
      const group = plan.groups.get(g);
      if (group && !seen.has(g)) {
        seen.add(g);
        visit(group);
      }
    }
  };
  chainOf(plan, target).forEach(visit);
  return { objects, kustomizations };
}

/** The annotation's text for an object read from `file`, seen from `target`. */
function fileOrigin(target: string, file: string): string {
  return `path: ${path.posix.relative(target, file)}\n`;
}

/** The annotation's text for what generator `g` makes, seen from `target`. */
function generatorOrigin(target: string, g: GeneratorDecl): string {
  const kind = g.kind === 'Secret' ? 'SecretGenerator' : 'ConfigMapGenerator';
  const name = g.configuredIn.name !== undefined ? `  name: ${g.configuredIn.name}\n` : '';
  return `configuredIn: ${path.posix.relative(target, g.configuredIn.file)}\nconfiguredBy:\n  apiVersion: builtin\n  kind: ${kind}\n${name}`;
}

/** Sets the annotation on one object or generator. */
function annotate(key: SourcedObject | GeneratorDecl, value: string): void {
  if ('object' in key) {
    const { metadata } = key.object;
    metadata.annotations = { ...metadata.annotations, [ORIGIN_ANNOTATION]: value };
  } else key.options = { ...key.options, annotations: { ...key.options?.annotations, [ORIGIN_ANNOTATION]: value } };
}

/**
 * Writes the origin annotation into every object and generator that a target with
 * `originAnnotations` builds. Objects are shared by every target that reads them, so when two
 * targets would need different values (or one none) the import is refused with a finding.
 */
export function addOriginAnnotations(plan: TreePlan, findings: Finding[]): void {
  const wanted = new Map<SourcedObject | GeneratorDecl, { value: string | undefined; target: string }>();
  for (const target of plan.targets) {
    const on = plan.levels.get(target)!.kustomization.originAnnotations === true;
    const { objects, kustomizations } = reached(plan, target);
    const entries: [SourcedObject | GeneratorDecl, string | undefined, string][] = [
      ...objects.map((o): [SourcedObject, string | undefined, string] => [o, on ? fileOrigin(target, o.file) : undefined, o.file]),
      // A `behavior: merge` generator keeps the origin of the one it merges into.
      ...kustomizations
        .flatMap((c) => c.generators)
        .filter((g) => g.behavior !== 'merge')
        .map((g): [GeneratorDecl, string | undefined, string] => [g, on ? generatorOrigin(target, g) : undefined, g.configuredIn.file]),
    ];
    for (const [key, value, file] of entries) {
      const had = wanted.get(key);
      if (!had) wanted.set(key, { value, target });
      else if (had.value !== value) {
        const on = [had.target, target].map((t) => plan.levels.get(t)!.kustomization).find((c) => c.originAnnotations)!;
        findings.push(conflict(file, had.target, target, on.file));
        return;
      }
    }
  }
  for (const [key, { value }] of wanted) if (value !== undefined) annotate(key, value);
}

function conflict(file: string, first: string, second: string, kustomization: string): Finding {
  return {
    severity: 'error',
    code: 'import/unsupported-layout',
    message: `cannot import the origin annotations (buildMetadata: originAnnotations): '${file}' is built from both '${first}' and '${second}', which give it different origins`,
    hint: 'import those kustomizations separately, or remove originAnnotations',
    source: { file: kustomization },
    path: ['buildMetadata'],
  };
}
