/**
 * The stages of one render, in order:
 *
 *   build     each component's build(values, ctx) → objects, a chart component's from its
 *             render (RenderOptions.charts); duplicate objects are errors
 *   secrets   `secretValue` references replaced by the values (or placeholders)
 *   overlay   every group (innermost first), then every environment of the chain (root first):
 *             generators, patches, transforms
 *   seal      SealedSecret entries encrypted, now that names and namespaces are final
 *   validate  schema, references, policies (skipped with `validate: false`)
 *   emit      the files of the environment folder, in Kustomize's order
 *
 * The list is data: a caller can run a part of it, wrap a stage or put one in between.
 */
import type { Finding } from '../errors.ts';
import type { Resource } from '../k8s/resource.ts';
import { buildChartComponent } from '../build/build-chart.ts';
import { buildComponent, buildContextOf } from '../build/build-component.ts';
import type { KObject } from '../k8s/object.ts';
import { applyOverlay } from '../overlay/apply-overlay.ts';
import { locateFindings } from '../overlay/blame.ts';
import { kubernetesVersionOf } from '../project/kubernetes-version.ts';
import { emitEnvironment } from '../render/emit-environment.ts';
import { secretEntryRefs } from '../secrets/plaintext-output.ts';
import { listSecretRefs, resolveSecretRefs } from '../secrets/resolve-refs.ts';
import { sealSecrets, type SealOptions } from '../secrets/seal-secrets.ts';
import { validate } from '../validate/index.ts';
import { duplicateFindings } from '../k8s/duplicates.ts';
import type { RenderState, Stage } from './stage.ts';
import { validateOptionsOf } from './validate-options.ts';

const withFindings = (state: RenderState, findings: readonly Finding[]): Finding[] => (findings.length ? [...state.findings, ...findings] : state.findings);

/** Builds every component of the environment with its values. */
export const buildStage: Stage = {
  name: 'build',
  run(state, ctx) {
    const resources: Resource[] = [];
    const findings: Finding[] = [];
    const crds: KObject[] = [];
    const byScope = new Map<string, Resource[]>();
    for (const plan of ctx.plan.components) {
      const built = plan.component.chart
        ? buildChartComponent(plan, ctx.env.name, ctx.options.charts)
        : { ...buildComponent(plan, buildContextOf(ctx.chain, plan.scopes), ctx.project.files), crds: [] };
      for (const r of built.resources) {
        resources.push(r);
        const held = byScope.get(r.scope ?? '');
        if (held) held.push(r);
        else byScope.set(r.scope ?? '', [r]);
      }
      findings.push(...built.findings);
      crds.push(...built.crds);
    }
    // Copies of one component in two groups meet only when the groups are gathered (overlay).
    for (const held of byScope.values()) findings.push(...duplicateFindings(held, ctx.env.name, 'by the components'));
    return { ...state, resources, findings: withFindings(state, findings), ...(crds.length ? { crds } : {}) };
  },
};

/** Replaces `secretValue` references with the values they name (or placeholders). */
export const secretsStage: Stage = {
  name: 'secrets',
  run(state, ctx) {
    const secretNeeds = listSecretRefs(state.resources);
    if (!secretNeeds.env.length && !secretNeeds.files.length) return { ...state, secretNeeds };
    const { sources = { env: {}, files: new Map() }, placeholders } = ctx.options.secrets ?? {};
    const resolved = resolveSecretRefs(state.resources, sources, { environment: ctx.env.name, ...(placeholders ? { placeholders } : {}) });
    for (const value of resolved.values) state.secretValues.add(value);
    return {
      ...state,
      resources: resolved.resources,
      findings: withFindings(state, locateFindings(resolved.findings, resolved.resources)),
      secretNeeds,
      entryRefs: secretEntryRefs(state.resources),
    };
  },
};

/** Applies the overlay of every scope (innermost first), then of every environment of the chain (root first). */
export const overlayStage: Stage = {
  name: 'overlay',
  run(state, ctx) {
    const { trace } = ctx.options;
    const overlaid = applyOverlay(state.resources, { scopes: ctx.plan.scopes, chain: ctx.chain }, { env: ctx.env.name, files: ctx.project.files, ...(trace ? { trace } : {}) });
    // Copies that a group's gathering reported already are not reported again.
    const failed = overlaid.findings.some((f) => f.severity === 'error');
    const duplicates = failed ? [] : duplicateFindings(overlaid.resources, ctx.env.name, 'after the overlay');
    return { ...state, resources: overlaid.resources, findings: withFindings(state, [...overlaid.findings, ...duplicates]) };
  },
};

/**
 * Seals SealedSecret entries. After the overlay, so the encryption binds the final name and
 * namespace; without seal settings (and placeholders) a SealedSecret to seal is a
 * `secrets/invalid-seal-options` finding.
 */
export const sealStage: Stage = {
  name: 'seal',
  run(state, ctx) {
    const { seal, placeholders } = ctx.options.secrets ?? {};
    const sealed = sealSecrets(state.resources, { environment: ctx.env.name, ...seal, ...(placeholders ? { placeholders } : {}) } as SealOptions);
    return { ...state, resources: sealed.resources, findings: withFindings(state, locateFindings(sealed.findings, sealed.resources)) };
  },
};

/**
 * Checks schema, API lifecycle, references and policies, as the project's configuration asks,
 * at the environment's Kubernetes version (see project/kubernetes-version.ts).
 */
export const validateStage: Stage = {
  name: 'validate',
  when: (ctx) => ctx.options.validate !== false,
  run(state, ctx) {
    const kubernetesVersion = ctx.options.kubernetesVersion ?? kubernetesVersionOf(ctx.chain, ctx.project.config);
    const options = validateOptionsOf(ctx.project.config);
    const crds = state.crds?.length ? { crds: [...(options.crds ?? []), ...state.crds] } : {};
    const found = validate(state.resources, { ...options, ...crds, kubernetesVersion });
    return {
      ...state,
      findings: withFindings(
        state,
        locateFindings(found, state.resources).map((f) => ({ ...f, env: ctx.env.name })),
      ),
    };
  },
};

/** Emits the environment's files. */
export const emitStage: Stage = {
  name: 'emit',
  run: (state, ctx) => ({ ...state, output: emitEnvironment(ctx.env.name, state.resources, ctx.env.sortOptions, ctx.options.objectMemo) }),
};

/** The stages of a render, in order. */
export const STAGES: readonly Stage[] = [buildStage, secretsStage, overlayStage, sealStage, validateStage, emitStage];
