/**
 * Where an imported `openapi` schema acts. Kustomize loads one schema per build (the first
 * kustomization it reads that names one) and uses it for every strategic-merge patch of the
 * build; kasane's `openapi` acts at its level and the levels that build on it. Import accepts
 * the schema where both give the same patches and refuses it otherwise.
 */
import type { Finding } from '../errors.ts';
import type { Kustomization } from './kustomization.ts';
import { chainOf, mixinKustomizations, type Level, type TreePlan } from './tree.ts';

/** The kustomization of a group and of every group it holds. */
function groupKustomizations(plan: TreePlan, dir: string, seen: Set<string>): Kustomization[] {
  const group = plan.groups.get(dir);
  if (!group || seen.has(dir)) return [];
  seen.add(dir);
  return [group.kustomization, ...(group.groups ?? []).flatMap((g) => groupKustomizations(plan, g, seen))];
}

/** True when `k` has a strategic-merge patch, where merge keys matter. */
function mergesByKey(k: Kustomization): boolean {
  const patches = [...k.patches, ...k.builtinTransformers.flatMap((t) => (t.kind === 'PatchTransformer' ? t.patches : []))];
  return patches.some((p) => p.type === 'strategic-merge');
}

function refusal(k: Kustomization, why: string): Finding {
  return {
    severity: 'error',
    code: 'import/unsupported-layout',
    message: `cannot import 'openapi' of '${k.file}': ${why}`,
    hint: 'name the schema in the kustomization at the bottom of the build, or patch those objects with JSON 6902 patches',
    source: { file: k.file },
    path: ['openapi'],
  };
}

/** What a build from `target` reads below the level of `k`: chain levels below it, their Components, every group. */
function builtBefore(plan: TreePlan, chain: readonly Level[], at: number): Kustomization[] {
  const seen = new Set<string>();
  const groups = chain.flatMap((l) => (l.groups ?? []).flatMap((g) => groupKustomizations(plan, g, seen)));
  const below = chain.slice(0, at).flatMap((l) => [l.kustomization, ...(l.mixins ?? []).flatMap(mixinKustomizations)]);
  return [...below, ...groups];
}

/** A finding for each target whose `openapi` schema kasane would apply to other patches than Kustomize. */
export function openApiScopeFindings(plan: TreePlan): Finding[] {
  const findings: Finding[] = [];
  for (const target of plan.targets) {
    const chain = chainOf(plan, target);
    const seen = new Set<string>();
    // In the order Kustomize reads them: the target first, then what it includes.
    const all = [
      ...[...chain].reverse().flatMap((l) => [l.kustomization, ...(l.mixins ?? []).flatMap(mixinKustomizations)]),
      ...chain.flatMap((l) => (l.groups ?? []).flatMap((g) => groupKustomizations(plan, g, seen))),
    ];
    const schemas = [...new Set(all.filter((k) => k.openapi))];
    if (schemas.length === 0) continue;
    const at = chain.findIndex((l) => l.kustomization === schemas[0]);
    if (schemas.length > 1) findings.push(refusal(schemas[1]!, `'${schemas[0]!.file}' names a schema in the same build, and Kustomize uses only the first it reads`));
    else if (at < 0) findings.push(refusal(schemas[0]!, 'it is a Component or sits beside other bases, and Kustomize applies the schema to the whole build'));
    else {
      const other = builtBefore(plan, chain, at).find(mergesByKey);
      if (other)
        findings.push(refusal(schemas[0]!, `Kustomize applies the schema to every patch of the build, and the strategic-merge patches of '${other.file}' run before kasane's level reaches it`));
    }
  }
  return findings;
}
