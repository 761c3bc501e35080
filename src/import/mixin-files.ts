/**
 * Kustomize Components as mixins: each becomes environments/_mixins/<name>.ts (`defineMixin`),
 * its objects components of their own, its generator files next to the mixin file. A
 * Component that several levels include is written once.
 */
import path from 'node:path';
import type { Finding } from '../errors.ts';
import { componentFile } from './component-file.ts';
import { environmentFile, MIXINS_DIR } from './environment-file.ts';
import { kustomizationGenerators } from './generator-files.ts';
import type { ImportSource } from './import-project.ts';
import type { WrittenIds } from './patch-target.ts';
import { dnsLabel, groupByApp } from './placement.ts';
import type { MixinPlan } from './tree.ts';

/** What writing mixins shares with the rest of the import. */
export interface MixinContext {
  source: ImportSource;
  /** Project files by path. */
  files: Map<string, string | Uint8Array>;
  /** Files under the environments folder, by path relative to it. */
  envFiles: Map<string, Uint8Array>;
  findings: Finding[];
  /** Component names in use. */
  takenComponents: Set<string>;
  /** Mixin name by Component folder. */
  written: Map<string, string>;
  /** Group name by kustomization folder. */
  groupNames: ReadonlyMap<string, string>;
  /** Maps a patch target name to the name the object has where the mixin runs. */
  renamed: (name: string) => string;
  /** How the tree writes its objects. */
  ids: WrittenIds;
}

function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
  return name;
}

function componentsOf(plan: MixinPlan, name: string, ctx: MixinContext): string[] {
  const names: string[] = [];
  for (const item of plan.objects) {
    if (item.object.kind === 'Secret' && (item.object.data !== undefined || item.object.stringData !== undefined)) {
      ctx.findings.push({
        severity: 'error',
        code: 'import/unsupported-layout',
        message: `cannot import Secret '${item.object.metadata.name}' of the Component '${plan.kustomization.file}': its values would be written into code`,
        hint: 'generate the Secret with a secretGenerator in the Component, or move it into a base',
        source: { file: item.file },
      });
    }
  }
  const objects = plan.objects.filter((o) => o.object.kind !== 'Secret');
  for (const [app, items] of groupByApp(objects, name)) {
    const component = uniqueName(app, ctx.takenComponents);
    ctx.takenComponents.add(component);
    names.push(component);
    ctx.files.set(`components/${component}.ts`, componentFile(component, items));
  }
  return names;
}

/** Writes the mixin for `plan` (and those it includes); returns its name. */
function writeMixin(plan: MixinPlan, ctx: MixinContext): string {
  const done = ctx.written.get(plan.dir);
  if (done) return done;
  const name = uniqueName(dnsLabel(path.posix.basename(plan.dir), 'mixin'), ctx.written.values());
  ctx.written.set(plan.dir, name);
  const mixins = plan.mixins.map((m) => writeMixin(m, ctx));
  const own = new Map<string, Uint8Array>();
  const generators = kustomizationGenerators(plan.kustomization, name, ctx.source, own, ctx.findings);
  for (const [p, content] of own) ctx.envFiles.set(`${MIXINS_DIR}/${p}`, content);
  const file = environmentFile({
    name,
    abstract: false,
    isMixin: true,
    components: componentsOf(plan, name, ctx),
    groups: (plan.groups ?? []).map((g) => ctx.groupNames.get(g)!),
    mixins,
    kustomization: plan.kustomization,
    generators,
    added: [],
    renamed: ctx.renamed,
    written: ctx.ids,
    ...(plan.carried ? { carried: plan.carried } : {}),
  });
  ctx.files.set(`environments/${MIXINS_DIR}/${name}.ts`, file);
  return name;
}

/** Writes the mixins for `plans`; returns their names, in order. */
export function writeMixins(plans: readonly MixinPlan[], ctx: MixinContext): string[] {
  return plans.map((p) => writeMixin(p, ctx));
}
