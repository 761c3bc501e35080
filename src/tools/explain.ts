/**
 * `explain`: where an object and each of its values came from — the component and the builder
 * call that made it, the values layers it was built with, and every overlay step that changed
 * it, field by field. Renders the environment once with a trace of the one object.
 */
import { KasaneError, didYouMean, keySegment, parseKeySegment, type FieldPath, type Finding, type SourceLocation } from '../errors.ts';
import { refOf, type KObject } from '../k8s/object.ts';
import { isPlainObject, setOwn } from '../util/plain-object.ts';
import { sourceOfResource } from '../k8s/origin.ts';
import type { Resource, TraceStep } from '../k8s/resource.ts';
import type { ChartProvenance } from '../k8s/chart-provenance.ts';
import type { ChartRenders } from '../project/chart-component.ts';
import { planComponents } from '../project/component-plan.ts';
import { componentInputFiles } from '../project/component-files.ts';
import { findEnvironment } from '../project/environment.ts';
import { render, type RenderResult } from '../pipeline/render.ts';
import type { ProjectData, RenderOptions } from '../pipeline/stage.ts';
import { makeScrubber, REDACTED, type Scrubber } from '../secrets/redact.ts';
import { secretFieldAt } from '../secrets/secret-fields.ts';
import { secretTextsOf } from '../secrets/secret-texts.ts';
import { sameJson } from '../util/same-json.ts';

/** One step that changed the object. */
export interface ExplainStep extends TraceStep {
  /** Leaf field paths whose value the step set, changed or removed. */
  changed: FieldPath[];
}

/** The history of one field. */
export interface FieldHistory {
  path: FieldPath;
  /** The value after each step that changed it; the first entry is the built value. */
  chain: { env: string; scope?: string; step: string; source?: SourceLocation; value: unknown }[];
}

/** What `explain` returns. */
export interface Explanation {
  env: string;
  object: ReturnType<typeof refOf>;
  component: string;
  /** The builder call (or the generator, or the component) that made the object. */
  builtAt?: SourceLocation;
  /** For an object of a chart component: the chart, the template that printed it, and what the hook policy did. */
  chart?: ChartProvenance;
  /** The values the component was built with, layer by layer. */
  values: { env: string; source?: SourceLocation; values: unknown }[];
  /** The files next to the component that it read (`defineComponent({ files })`), absolute paths. */
  files?: string[];
  /** Overlay steps that changed the object, in order. */
  steps: ExplainStep[];
  field?: FieldHistory;
}

/** Options of {@link explain}: how the environment is rendered. */
export interface ExplainOptions extends Omit<RenderOptions, 'trace' | 'validate'> {
  /**
   * Called with the render the explanation is made from (for a caller that prints more than
   * the explanation: its secret values, placeholders).
   * @default none
   */
  onRender?: (result: RenderResult) => void;
}

/** Parses `Kind/name` or `Kind/namespace/name`. */
function parseRef(ref: string): { kind: string; namespace?: string; name: string } {
  const parts = ref.split('/');
  if (parts.length === 2 && parts[0] && parts[1]) return { kind: parts[0], name: parts[1] };
  if (parts.length === 3 && parts[0] && parts[2]) return { kind: parts[0], namespace: parts[1]!, name: parts[2] };
  throw new KasaneError({
    severity: 'error',
    code: 'cli/invalid-object-ref',
    message: `expected Kind/name or Kind/namespace/name, found ${JSON.stringify(ref)}`,
    hint: 'e.g. Deployment/api or Deployment/shop-prod/api',
  });
}

/**
 * Reads `spec.template.spec.containers[0].image`, `metadata.labels["app.kubernetes.io/name"]`
 * or, as findings name list elements by key, `spec.template.spec.containers[name=api].image`.
 */
export function parseFieldPath(text: string): FieldPath {
  const out: (string | number)[] = [];
  const re = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\[([A-Za-z][A-Za-z0-9]*)=([^\]\n]*)\]|\.?([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(`"${m[2]}"`) as string);
    else if (m[3] !== undefined) out.push(keySegment(m[3], m[4]!)!);
    else out.push(m[5]!);
  }
  return out;
}

function valueAt(obj: unknown, path: FieldPath): unknown {
  let at = obj;
  for (const part of path) {
    const keyed = parseKeySegment(part);
    if (keyed && Array.isArray(at)) at = at.find((el: unknown) => el !== null && typeof el === 'object' && String((el as Record<string, unknown>)[keyed.key]) === keyed.value);
    else at = at !== null && typeof at === 'object' ? (at as Record<string | number, unknown>)[part] : undefined;
  }
  return at;
}

/** Leaf paths where `a` and `b` differ. */
function changedPaths(a: unknown, b: unknown, path: (string | number)[] = [], out: FieldPath[] = []): FieldPath[] {
  if (sameJson(a, b)) return out;
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) changedPaths(a[key], b[key], [...path, key], out);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((item, i) => changedPaths(item, b[i], [...path, i], out));
  } else out.push(path);
  return out;
}

/**
 * `value` with every secret value in it replaced by `<redacted>`; a value at a secret entry of
 * `obj` (a Secret's or an unsealed SealedSecret's `data`/`stringData`) is `<redacted>` whole.
 */
function redactValue(value: unknown, obj: KObject | undefined, path: FieldPath, scrub: Scrubber): unknown {
  if (value === undefined) return value;
  if (obj && secretFieldAt(obj, path)) return REDACTED;
  return scrubStrings(value, scrub);
}

/** `value` with `scrub` applied to every string and map key in it (bigints and `__proto__` keys kept). */
function scrubStrings(value: unknown, scrub: Scrubber): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubStrings(v, scrub));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, scrub(key), scrubStrings(value[key], scrub));
  return out;
}

/** The finding for an object a chart component left out (a Helm test, a dropped hook): why it is not there. Code: `cli/dropped-object`. */
function droppedFinding(charts: ChartRenders | undefined, wanted: { kind: string; namespace?: string; name: string }, env: string): Finding | undefined {
  for (const [component, rendered] of charts ?? []) {
    const hit = rendered.dropped.find((d) => d.object.kind === wanted.kind && d.object.metadata.name === wanted.name);
    if (hit)
      return {
        severity: 'error',
        code: 'cli/dropped-object',
        message: `${wanted.kind} '${wanted.name}' of chart '${hit.from.chart}' (template ${hit.from.template}) is not rendered in environment '${env}': ${hit.reason}`,
        hint: hit.reason.includes("policy is 'drop'") ? `set hooks: 'keep' or 'argocd' on chart component '${component}' to render it` : 'nothing to do: it is left out on purpose',
        env,
        component,
      };
  }
  return undefined;
}

function originalName(r: Resource): string {
  return r.previousNames?.[0] ?? r.object.metadata.name;
}

/**
 * Explains one object (and optionally one field) of an environment.
 * @throws KasaneError `cli/unknown-environment`, `cli/unknown-object` (with near names), `cli/invalid-object-ref`.
 */
export function explain(project: ProjectData, envName: string, ref: string, field?: string, options: ExplainOptions = {}): Explanation {
  const env = findEnvironment(project.environments, envName);
  const wanted = parseRef(ref);
  const snapshots: { step: TraceStep; resources: readonly Resource[] }[] = [];
  const { onRender, ...renderOptions } = options;
  const result = render(project, env.name, { ...renderOptions, validate: false, trace: (step, resources) => snapshots.push({ step, resources }) });
  onRender?.(result);
  if (result.findings.some((f) => f.severity === 'error')) throw new KasaneError(result.findings.filter((f) => f.severity === 'error'));
  const final = result.resources.find(
    (r) =>
      r.object.kind === wanted.kind &&
      (r.object.metadata.name === wanted.name || originalName(r) === wanted.name) &&
      (wanted.namespace === undefined || r.object.metadata.namespace === wanted.namespace),
  );
  if (!final) {
    const dropped = droppedFinding(renderOptions.charts, wanted, env.name);
    if (dropped) throw new KasaneError(dropped);
    const names = result.resources.filter((r) => r.object.kind === wanted.kind).map((r) => r.object.metadata.name);
    throw new KasaneError({
      severity: 'error',
      code: 'cli/unknown-object',
      message: `no ${wanted.kind} named '${wanted.name}' in environment '${env.name}'${didYouMean(wanted.name, names)}`,
      hint: names.length ? `${wanted.kind} objects here: ${names.join(', ')}` : `run \`kasane list ${env.name}\` to see the objects`,
      env: env.name,
    });
  }
  const identity = (r: Resource) => r.object.kind === final.object.kind && r.component === final.component && r.scope === final.scope && originalName(r) === originalName(final);
  // A group's steps trace the objects of the group only: the object is absent from the others.
  const versions = snapshots.map((s) => ({ step: s.step, object: s.resources.find(identity)?.object })).filter((v) => v.object !== undefined);
  const steps: ExplainStep[] = [];
  for (let i = 1; i < versions.length; i++) {
    const before = versions[i - 1]!.object;
    const after = versions[i]!.object;
    if (!after || before === after) continue;
    const changed = changedPaths(before ?? {}, after);
    if (changed.length) steps.push({ ...versions[i]!.step, changed });
  }
  const plan = planComponents(env).find((p) => p.component.name === final.component && p.scopes[p.scopes.length - 1]?.path === final.scope);
  // Values that were in a Secret at any step are secrets too: never shown.
  const secrets = new Set(result.secretValues);
  for (const s of snapshots)
    secretTextsOf(
      s.resources.map((r) => r.object),
      secrets,
    );
  const scrub = makeScrubber(secrets);
  const explanation: Explanation = {
    env: env.name,
    object: refOf(final.object),
    component: final.component,
    ...(sourceOfResource(final) ? { builtAt: sourceOfResource(final)! } : {}),
    ...(final.chart ? { chart: final.chart } : {}),
    // Values that end up in a Secret are secrets too: never shown.
    values: (plan?.layers ?? []).map((l) => ({ env: l.env, values: redactValue(l.values, undefined, [], scrub), ...(l.source ? { source: l.source } : {}) })),
    steps,
  };
  const files = plan ? componentInputFiles(plan.component).map((f) => f.abs) : [];
  if (files.length) explanation.files = files;
  if (field !== undefined) {
    const path = parseFieldPath(field);
    const chain: FieldHistory['chain'] = [];
    let last: unknown;
    for (const v of versions) {
      if (!v.object) continue;
      const value = valueAt(v.object, path);
      if (sameJson(value, last)) continue;
      last = value;
      chain.push({
        env: v.step.env,
        ...(v.step.scope ? { scope: v.step.scope } : {}),
        step: v.step.step,
        ...(v.step.source ? { source: v.step.source } : {}),
        value: redactValue(value, v.object, path, scrub),
      });
    }
    explanation.field = { path, chain };
  }
  return explanation;
}
