/**
 * What an environment renders: its components, each with its value layers from the root of the
 * `extends` chain down and the scopes it sits in (the groups around it, and itself when it has an
 * overlay of its own). What the build stage builds, what the overlay stage applies scope by scope,
 * and what `kasane list` and `explain` show.
 */
import { KasaneError, didYouMean, type SourceLocation } from '../errors.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { hasOwnOverlay, type Component, type ComponentUse } from './component.ts';
import { environmentChain, type Environment } from './environment.ts';
import { memberName, type Group, type GroupUse, type GroupValues } from './group.ts';
import type { OverlayLevel } from './mixin.ts';
import { mixinsOf } from './mixin.ts';
import type { GeneratorSpec } from './generator.ts';

/** One environment's values for a component, and where they were written. */
export interface ValuesLayer {
  env: string;
  values: unknown;
  source?: SourceLocation;
}

/** A level of overlay around some components: a group, or a component with an overlay of its own. */
export interface Scope {
  /** Unique in the render: the names from the outermost group down, joined by `/` (`platform/web`). */
  path: string;
  /** The scope holding this one; `''` for one the environment holds. */
  parent: string;
  /** A group, or a component with an overlay of its own (a scope of one). */
  kind: 'group' | 'component';
  /** The overlay it applies to what it holds. */
  level: OverlayLevel;
  /** The environment that listed it (or the outermost group around it). */
  env: string;
}

/** One component as an environment renders it: the component, its value layers and its scopes. */
export interface ComponentPlan {
  component: Component;
  layers: ValuesLayer[];
  /** The scopes around it, outermost first (the environment itself is none of them). */
  scopes: Scope[];
}

/** What one environment renders. */
export interface RenderPlan {
  components: ComponentPlan[];
  /** Every scope, innermost first: each comes after all the scopes it holds. */
  scopes: Scope[];
}

/** A group as planned, with what it holds and the group holding it. */
interface GroupNode {
  group: Group;
  scope: Scope;
  members: Member[];
  outer?: GroupNode;
}

type Member = { plan: ComponentPlan } | { node: GroupNode };

/** What planning collects. */
interface Planned {
  root: Member[];
  plans: ComponentPlan[];
  groups: GroupNode[];
}

const nameOf = (m: Member): string => ('plan' in m ? m.plan.component.name : m.node.group.name);

function planError(code: string, message: string, hint: string, env: string, source: SourceLocation | undefined): KasaneError {
  return new KasaneError({ severity: 'error', code, message, hint, env, ...(source ? { source } : {}) });
}

function layerOf(env: string, values: unknown, source: SourceLocation | undefined): ValuesLayer {
  return { env, values, ...(source ? { source } : {}) };
}

/**
 * Plans of component `name` anywhere in `members`, groups included. A loop into one list: it
 * runs for every component an environment lists, over all of them (a list per member made
 * planning 1,000 components take most of a second).
 */
function plansNamed(members: readonly Member[], name: string, into: ComponentPlan[] = []): ComponentPlan[] {
  for (const m of members) {
    if (!('plan' in m)) plansNamed(m.node.members, name, into);
    else if (m.plan.component.name === name) into.push(m.plan);
  }
  return into;
}

function childScope(outer: GroupNode | undefined, kind: Scope['kind'], level: OverlayLevel, env: string): Scope {
  const parent = outer?.scope.path ?? '';
  return { path: parent ? `${parent}/${level.name}` : level.name, parent, kind, level, env };
}

function scopesAround(node: GroupNode | undefined): Scope[] {
  const chain: Scope[] = [];
  for (let at = node; at; at = at.outer) chain.unshift(at.scope);
  return chain;
}

/**
 * Adds `use`, listed by environment `env`, to `members` (those of group `outer`, or the root).
 * @throws KasaneError `project/group-conflict`, `project/duplicate-member`, `values/unknown-member`.
 */
function place(planned: Planned, members: Member[], use: ComponentUse<any> | GroupUse, env: string, outer: GroupNode | undefined): void {
  const name = memberName(use);
  const existing = members.find((m) => nameOf(m) === name);
  if (existing && 'plan' in existing !== (use.kind === 'kasane.component-use')) {
    throw planError('project/duplicate-member', `expected one member named '${name}', found a component and a group of that name`, 'rename the group', env, use.source);
  }
  if (use.kind === 'kasane.component-use') {
    const layer = layerOf(env, use.values, use.source);
    // A component listed again layers its values; at the root, over every copy in the groups too.
    const copies = existing && 'plan' in existing ? [existing.plan] : outer ? [] : plansNamed(planned.root, name);
    if (copies.length) for (const plan of copies) plan.layers.push(layer);
    else {
      const scopes = scopesAround(outer);
      if (hasOwnOverlay(use.component)) scopes.push(childScope(outer, 'component', use.component, env));
      const plan = { component: use.component, layers: [layer], scopes };
      planned.plans.push(plan);
      members.push({ plan });
    }
    return;
  }
  let node = existing && 'node' in existing ? existing.node : undefined;
  if (node && node.group !== use.group) {
    throw planError(
      'project/group-conflict',
      `expected group '${name}' to be the same group wherever it is listed, found two different groups of that name`,
      'import the group from one module, or give the second one another name',
      env,
      use.group.source ?? use.source,
    );
  }
  if (!node) {
    node = { group: use.group, scope: childScope(outer, 'group', use.group, env), members: [], ...(outer ? { outer } : {}) };
    members.push({ node });
    planned.groups.push(node);
    for (const member of use.group.components) place(planned, node.members, member, env, node);
  }
  applyValues(node, use.values, env, use.source);
}

/** Layers `values` (by member name) over the members of `node`. */
function applyValues(node: GroupNode, values: GroupValues, env: string, source: SourceLocation | undefined): void {
  for (const [name, value] of Object.entries(values)) {
    const member = node.members.find((m) => nameOf(m) === name);
    if (!member) {
      const known = node.members.map(nameOf);
      throw planError(
        'values/unknown-member',
        `group '${node.group.name}' holds no component or group named '${name}'${didYouMean(name, known)}`,
        known.length ? `its members: ${known.join(', ')}` : 'the group holds nothing to give values to',
        env,
        source,
      );
    }
    if ('plan' in member) member.plan.layers.push(layerOf(env, value, source));
    else if (isPlainObject(value)) applyValues(member.node, value, env, source);
    else {
      throw planError(
        'values/invalid',
        `expected values for the members of group '${name}' (an object by member name), found ${JSON.stringify(value)}`,
        `write ${node.group.name}.with({ ${name}: { <member>: { ... } } })`,
        env,
        source,
      );
    }
  }
}

/** Every scope of the plan, innermost first (deeper scopes before the ones holding them). */
function scopesInnermostFirst(plans: readonly ComponentPlan[], groups: readonly GroupNode[]): Scope[] {
  const all = new Map<string, Scope>();
  for (const g of groups) all.set(g.scope.path, g.scope);
  for (const p of plans) for (const s of p.scopes) all.set(s.path, s);
  const depth = (s: Scope) => s.path.split('/').length;
  return [...all.values()]
    .map((s, i) => ({ s, i }))
    .sort((a, b) => depth(b.s) - depth(a.s) || a.i - b.i)
    .map(({ s }) => s);
}

/** What environment `env` renders: its components, their value layers and scopes, and every scope. */
export function planRender(env: Environment): RenderPlan {
  const planned: Planned = { root: [], plans: [], groups: [] };
  // Each level's own components and groups, then the components of the mixins it includes.
  for (const level of environmentChain(env)) {
    for (const use of [...level.components, ...mixinsOf(level).flatMap((m) => m.components)]) place(planned, planned.root, use, level.name, undefined);
  }
  return { components: planned.plans, scopes: scopesInnermostFirst(planned.plans, planned.groups) };
}

/** The components of an environment, with their value layers (root of the chain first) and scopes. */
export function planComponents(env: Environment): ComponentPlan[] {
  return planRender(env).components;
}

/**
 * Every level environment `env` declares itself (not those it extends), each once: the
 * environment, its groups and the components with an overlay of their own (its mixins' too), at any depth. The
 * loader reads the files their generators name.
 */
export function declaredLevels(env: Environment): OverlayLevel[] {
  const levels = new Set<OverlayLevel>([env]);
  const visit = (uses: readonly (ComponentUse<any> | GroupUse)[]): void => {
    for (const use of uses) {
      if (use.kind === 'kasane.component-use') {
        if (hasOwnOverlay(use.component)) levels.add(use.component);
      } else if (!levels.has(use.group)) {
        levels.add(use.group);
        visit(use.group.components);
      }
    }
  };
  visit(env.components);
  // A mixin's groups and components are declared where the environment lists the mixin.
  for (const mixin of mixinsOf(env)) visit(mixin.components);
  return [...levels];
}

/** `frontend/web`: a component with the groups around it (what `kasane list` shows). */
export function componentPath(plan: ComponentPlan): string {
  const groups = plan.scopes.filter((s) => s.kind === 'group');
  const group = groups[groups.length - 1];
  return group ? `${group.path}/${plan.component.name}` : plan.component.name;
}

/** Every component the environments use, in groups too, once each, in the order they are first met. */
export function componentsUsedBy(environments: readonly Environment[]): Component[] {
  const seen = new Set<Component>();
  for (const env of environments) for (const plan of planComponents(env)) seen.add(plan.component);
  return [...seen];
}

/**
 * Every generator environment `env` declares itself (its own, its groups', its components'
 * with an overlay of their own, and their mixins'), each with the level whose file its paths
 * are relative to.
 */
export function declaredGenerators(env: Environment): { level: OverlayLevel; spec: GeneratorSpec }[] {
  return declaredLevels(env)
    .flatMap((l) => [l, ...mixinsOf(l)])
    .flatMap((level) => (level.generators ?? []).map((spec) => ({ level, spec })));
}
