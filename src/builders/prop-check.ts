/**
 * Run-time strictness for builder props. TypeScript rejects `deployment({ replica: 3 })`, but
 * a component built from untyped data (JSON, a spread of wider values, an `as never`) reaches
 * the builder anyway, and a prop the builder does not know would be dropped without a word.
 * Every builder therefore checks its props against a {@link PropShape}: the prop names of its
 * `<Kind>Props` type, the nested shapes the builder owns, and the kinds of object each relation
 * prop (`for`, `serviceName`, `role`, ...) accepts. test/builders/prop-shapes.test.ts compares
 * every shape with its TypeScript type through the compiler API, so the two cannot drift.
 */
import { didYouMean, formatPath, KasaneError, type FieldPath, type Finding, type ObjectRef } from '../errors.ts';
import { compareCodeUnits } from '../util/code-unit.ts';

/** The kinds of object a relation prop accepts, e.g. `for` of `horizontalPodAutoscaler`. */
export interface RelationSpec {
  /** Kinds of Kubernetes object (values with apiVersion and kind) the prop accepts. */
  readonly kinds: readonly string[];
  /** The prop also takes values that are not objects (a name, a literal `RoleRef`). */
  readonly literals: boolean;
  /** Every element of a list is checked. @default false */
  readonly list?: boolean;
  /** Error code. @default `builder/invalid-relation` */
  readonly code?: string;
  /** How to fix it. @default names the kinds */
  readonly hint?: string;
}

/** A nested value whose shape the builder owns (service ports, a shorthand strategy). */
export interface NestedShape {
  readonly shape: PropShape;
  /** Every element of a list is checked. @default false */
  readonly list?: boolean;
  /** Every value of a map with free keys (`env: { NAME: value }`) is checked; an array is left alone. @default false */
  readonly map?: boolean;
  /** Checked only when this holds (the prop also takes a Kubernetes type, e.g. `ResourceRequirements`). @default always */
  readonly when?: (value: Record<string, unknown>) => boolean;
}

/** What a builder accepts at one level of its props. */
export interface PropShape {
  /** The TypeScript type whose properties `names` lists, e.g. `DeploymentProps`. */
  readonly type: string;
  /** Every prop name of the type. */
  readonly names: readonly string[];
  /** `names` as a set, for the check every builder call makes. */
  readonly known: ReadonlySet<string>;
  /** Props whose value (or each element, or each map value) has a shape of its own, by prop name. */
  readonly nested: Readonly<Record<string, readonly NestedShape[]>>;
  /** Props that take other objects, by prop name. */
  readonly relations: Readonly<Record<string, RelationSpec>>;
}

/** What {@link propShape} adds to the names. */
export interface ShapeExtras {
  readonly nested?: Readonly<Record<string, NestedShape | readonly NestedShape[]>>;
  readonly relations?: Readonly<Record<string, RelationSpec>>;
  /** Props of the bases that this type leaves out (`Omit<MetaProps, 'namespace'>`). @default none */
  readonly omit?: readonly string[];
}

/**
 * A {@link PropShape} for type `T`: its own prop names, plus the names, nested shapes and
 * relations of the shapes of the types it extends.
 */
export function propShape<T>(type: string, names: readonly (keyof T & string)[], extras: ShapeExtras = {}, bases: readonly PropShape[] = []): PropShape {
  const omit = new Set(extras.omit ?? []);
  const keep = <V>(record: Readonly<Record<string, V>>): Record<string, V> => Object.fromEntries(Object.entries(record).filter(([k]) => !omit.has(k)));
  const own = Object.fromEntries(Object.entries(extras.nested ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  const all = [...new Set([...bases.flatMap((b) => b.names), ...names])].filter((n) => !omit.has(n));
  return {
    type,
    names: all,
    known: new Set(all),
    nested: keep(Object.assign({}, ...bases.map((b) => b.nested), own)),
    relations: keep(Object.assign({}, ...bases.map((b) => b.relations), extras.relations)),
  };
}

/** The builder being called, for findings: its name and the object it makes (if any). */
export interface CallContext {
  /** The builder function, e.g. `deployment`. */
  builder: string;
  /** The object being built; its name is read from the props when they give one. @default none */
  object?: { apiVersion: string; kind: string; name?: string };
  /** Where the props sit in the builder's own props (a value a builder passes on). @default at the top */
  path?: FieldPath;
}

/** True for a Kubernetes object as builders return it: a plain object with apiVersion and kind. */
export function isKubernetesObject(value: unknown): value is { apiVersion: string; kind: string; metadata?: { name?: unknown } } {
  return isRecord(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Checks `props` against `shape` at every level the builder owns.
 * @throws KasaneError with one finding per problem: `builder/invalid-props` (not an object),
 *   `builder/unknown-prop` (with near matches), `builder/invalid-relation` (an object of a kind
 *   the prop does not take).
 */
export function checkProps(props: unknown, shape: PropShape, call: CallContext): void {
  const object = targetOf(props, call);
  const findings: Finding[] = [];
  checkLevel(props, shape, call.path ?? [], { builder: call.builder, object, findings });
  if (findings.length) throw new KasaneError(findings);
}

/**
 * Checks one argument that takes other objects (`fromConfigMap(cm, key)`), as {@link checkProps}
 * checks a relation prop; `name` is the parameter's name in findings.
 * @throws KasaneError `builder/invalid-relation`.
 */
export function checkRelation(value: unknown, name: string, spec: RelationSpec, call: CallContext): void {
  const findings: Finding[] = [];
  relation(value, spec, [...(call.path ?? []), name], { builder: call.builder, object: targetOf(undefined, call), findings });
  if (findings.length) throw new KasaneError(findings);
}

interface Walk {
  builder: string;
  object: ObjectRef | undefined;
  findings: Finding[];
}

function targetOf(props: unknown, call: CallContext): ObjectRef | undefined {
  if (!call.object) return undefined;
  const given = isRecord(props) ? props : {};
  const fromFor = isKubernetesObject(given.for) && typeof given.for.metadata?.name === 'string' ? given.for.metadata.name : undefined;
  const name = call.object.name ?? (typeof given.name === 'string' ? given.name : (fromFor ?? ''));
  return { apiVersion: call.object.apiVersion, kind: call.object.kind, name };
}

function finding(walk: Walk, code: string, message: string, path: FieldPath, hint: string): Finding {
  return { severity: 'error', code, message, hint, path, ...(walk.object ? { object: walk.object } : {}) };
}

function checkLevel(value: unknown, shape: PropShape, path: FieldPath, walk: Walk): void {
  if (!isRecord(value)) {
    const where = path.length ? ` at '${formatPath(path)}'` : '';
    walk.findings.push(
      finding(
        walk,
        'builder/invalid-props',
        `expected an object of ${shape.type}${where} for ${walk.builder}(), received ${describe(value)}`,
        path,
        `pass { ${shape.names.slice(0, 3).join(', ')}, ... }`,
      ),
    );
    return;
  }
  for (const key of Object.keys(value)) {
    if (shape.known.has(key)) continue;
    const known = [...shape.names].sort(compareCodeUnits);
    const at = [...path, key];
    walk.findings.push(finding(walk, 'builder/unknown-prop', `unknown prop '${formatPath(at)}' for ${walk.builder}()${didYouMean(key, known)}`, at, `known props here: ${known.join(', ')}`));
  }
  for (const [key, alternatives] of Object.entries(shape.nested)) {
    if (value[key] !== undefined) for (const nested of alternatives) checkNested(value[key], nested, [...path, key], walk);
  }
  for (const [key, spec] of Object.entries(shape.relations)) {
    if (value[key] !== undefined) relation(value[key], spec, [...path, key], walk);
  }
}

function checkNested(value: unknown, nested: NestedShape, path: FieldPath, walk: Walk): void {
  const check = (item: unknown, at: FieldPath): void => {
    // The other members of the prop's union (a string, a Kubernetes type) are not checked here.
    if (nested.when && (!isRecord(item) || !nested.when(item))) return;
    checkLevel(item, nested.shape, at, walk);
  };
  if (nested.map) {
    if (isRecord(value)) for (const [k, item] of Object.entries(value)) check(item, [...path, k]);
  } else eachValue(value, nested.list, path, check);
}

function relation(value: unknown, spec: RelationSpec, path: FieldPath, walk: Walk): void {
  eachValue(value, spec.list, path, (item, at) => {
    const isObject = isKubernetesObject(item);
    if (isObject ? spec.kinds.includes(item.kind) : spec.literals) return;
    const kinds = kindList(spec.kinds);
    const received = isObject ? `${item.kind} '${String(item.metadata?.name ?? '')}'` : describe(item);
    const hint = spec.hint ?? `pass a ${kinds} object${spec.literals ? ' (or its name)' : ''}`;
    walk.findings.push(finding(walk, spec.code ?? 'builder/invalid-relation', `expected '${formatPath(at)}' of ${walk.builder}() to be a ${kinds}, received ${received}`, at, hint));
  });
}

function eachValue(value: unknown, list: boolean | undefined, path: FieldPath, fn: (item: unknown, at: FieldPath) => void): void {
  if (list && Array.isArray(value)) value.forEach((item, i) => fn(item, [...path, i]));
  else fn(value, path);
}

function kindList(kinds: readonly string[]): string {
  return kinds.length <= 1 ? (kinds[0] ?? '(none)') : `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  return value === undefined ? 'undefined' : `${typeof value} ${JSON.stringify(value)}`;
}
