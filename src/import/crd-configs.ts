/**
 * Kustomize's `crds:` field: files of OpenAPI definitions keyed by type name, each with a
 * `Schema` and its `Dependencies`, that teach the overlay about custom kinds. They become the
 * transformer configuration they stand for:
 * - a definition with `apiVersion`, `kind` and `metadata` properties is a kind, named by the last
 *   dot-separated part of its type name (any group and version);
 * - a property tagged `x-kubernetes-object-ref-kind` and `x-kubernetes-object-ref-api-version`
 *   holds the name of an object of that kind, at its `name` key or the one
 *   `x-kubernetes-object-ref-name-key` gives (a name reference);
 * - `x-kubernetes-label-selector` makes a property take common labels,
 *   `x-kubernetes-annotation` common annotations, `x-kubernetes-identity` the name prefix;
 * - a property's `$ref` names the type whose properties continue its path.
 */
import type { FieldPath, Finding } from '../errors.ts';
import type { FieldSpecInput } from '../project/field-spec.ts';
import type { NameReferenceConfig, TransformerConfig } from '../project/transformer-config.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import { getOwn, isPlainObject } from '../util/plain-object.ts';
import { exhausted, tooLarge, walkBudget, type WalkBudget } from './walk-budget.ts';

type Definitions = Record<string, unknown>;

/** The properties of type `name` in `defs`, or none. */
function propertiesOf(defs: Definitions, name: string): Record<string, unknown> {
  const def = getOwn(defs, name);
  const schema = isPlainObject(def) ? def.Schema : undefined;
  const props = isPlainObject(schema) ? schema.properties : undefined;
  return isPlainObject(props) ? props : {};
}

function isKind(defs: Definitions, name: string): boolean {
  const props = propertiesOf(defs, name);
  return ['apiVersion', 'kind', 'metadata'].every((p) => p in props);
}

interface Collected {
  labels: FieldSpecInput[];
  annotations: FieldSpecInput[];
  prefix: FieldSpecInput[];
  references: NameReferenceConfig[];
  budget: WalkBudget;
}

const tag = (prop: Record<string, unknown>, key: string): string | undefined => (typeof prop[key] === 'string' ? prop[key] : undefined);

/** Walks the properties of `type` under `path` for kind `kind`; `seen` stops a type that contains itself. */
function walk(defs: Definitions, kind: string, type: string, path: readonly string[], seen: readonly string[], into: Collected): void {
  if (seen.includes(type)) return;
  for (const [name, raw] of Object.entries(propertiesOf(defs, type))) {
    if (!isPlainObject(raw) || exhausted(into.budget)) continue;
    const at = [...path, name];
    const spec = (p: readonly string[]): FieldSpecInput => ({ kind, path: p.join('/') });
    if (tag(raw, 'x-kubernetes-label-selector') !== undefined) into.labels.push(spec(at));
    if (tag(raw, 'x-kubernetes-annotation') !== undefined) into.annotations.push(spec(at));
    if (tag(raw, 'x-kubernetes-identity') !== undefined) into.prefix.push(spec(at));
    const version = tag(raw, 'x-kubernetes-object-ref-api-version');
    const refKind = tag(raw, 'x-kubernetes-object-ref-kind');
    if (version !== undefined && refKind !== undefined) {
      into.references.push({ kind: refKind, version, fieldSpecs: [spec([...at, tag(raw, 'x-kubernetes-object-ref-name-key') ?? 'name'])] });
    }
    const ref = tag(raw, '$ref');
    if (ref !== undefined) walk(defs, kind, ref, at, [...seen, type], into);
  }
}

/**
 * The transformer configuration the definitions of a `crds:` file (`value`, read from `file`)
 * stand for; a finding naming `where` when the file is not a map of definitions.
 */
export function crdConfiguration(value: unknown, file: string, where: { file: string; path: FieldPath }, findings: Finding[]): TransformerConfig | undefined {
  if (!isPlainObject(value)) {
    findings.push({
      severity: 'error',
      code: 'import/invalid-kustomization',
      message: `expected '${file}' to map OpenAPI type names to { Schema, Dependencies }, found ${Array.isArray(value) ? 'a list' : typeof value}`,
      hint: 'list files of OpenAPI definitions under crds:, as `kustomize` reads them',
      source: { file: where.file },
      path: where.path,
    });
    return undefined;
  }
  const into: Collected = { labels: [], annotations: [], prefix: [], references: [], budget: walkBudget() };
  for (const type of Object.keys(value).sort(compareCodeUnits)) {
    if (isKind(value, type)) walk(value, type.slice(type.lastIndexOf('.') + 1), type, [], [], into);
  }
  if (into.budget.left < 0) {
    findings.push(tooLarge(file, 'import/invalid-kustomization', where));
    return undefined;
  }
  const config: { -readonly [K in keyof TransformerConfig]: TransformerConfig[K] } = {};
  if (into.labels.length) config.commonLabels = into.labels;
  if (into.annotations.length) config.commonAnnotations = into.annotations;
  if (into.prefix.length) config.namePrefix = into.prefix;
  if (into.references.length) config.nameReference = into.references;
  return config;
}
