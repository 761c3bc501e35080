/**
 * Strict schema validation: every object is checked against the OpenAPI schema of the target
 * Kubernetes version (generated from its OpenAPI document, see scripts/gen-k8s-versions.mjs), as
 * `kubectl apply --validate=strict` would, plus the name, label, annotation, quantity,
 * base64 and size rules the API server enforces. Custom resources go to their CRD's schema.
 *
 * Codes: `schema/unknown-field`, `schema/invalid-type`, `schema/missing-field`,
 * `schema/invalid-enum`, `schema/out-of-range`, `schema/invalid-quantity`, `schema/invalid-name`,
 * `schema/invalid-label`, `schema/invalid-annotation`, `schema/invalid-key`,
 * `schema/too-large`, `schema/invalid-base64`, `schema/unknown-kind`,
 * `schema/unknown-api-version`, `schema/deprecated-api` (warning), `schema/removed-api`.
 *
 * The schema of the built-in kinds carries property types, required fields, int-or-string and
 * quantity fields, enum values (e.g. `restartPolicy`) and integer sizes (int32, int64); see
 * src/k8s/schema/types.ts for where each comes from.
 */
import type { Finding } from '../errors.ts';
import { didYouMean } from '../errors.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import type { KObject } from '../k8s/object.ts';
import { parseApiVersion, refOf } from '../k8s/object.ts';
import type { CompiledSchema, ObjectNode } from '../k8s/schema/load.ts';
import { loadSchema } from '../k8s/schema/load.ts';
import type { Resource } from '../k8s/resource.ts';
import type { ApiKind } from '../k8s/api-lifecycle.ts';
import { apiLifecycleFinding } from './api-lifecycle.ts';
import type { CrdRegistry } from './crd.ts';
import { collectCrds, validateCustomResource } from './crd.ts';
import { checkConfigData } from './schema-data.ts';
import { checkAnnotations, checkLabels, checkObjectName } from './schema-meta.ts';
import type { WalkContext } from './schema-walk.ts';
import { describeValue, report, walkValue } from './schema-walk.ts';

/** Options of {@link validateSchema}. */
export interface SchemaOptions {
  /**
   * Kubernetes version whose schema objects are checked against: a minor from `1.29` to `1.36`,
   * written `1.32`, `v1.32` or `1.32.4`. Default: the newest minor kasane has schema data for.
   */
  kubernetesVersion?: string;
  /**
   * CustomResourceDefinitions to validate custom resources against, in addition to the CRDs
   * among the validated objects (e.g. CRDs of operators installed by other means).
   * Default: none.
   */
  crds?: readonly KObject[];
}

function onObject(node: ObjectNode, value: Record<string, unknown>, ctx: WalkContext): void {
  if (node.name === 'meta.v1.ObjectMeta') {
    checkLabels(value.labels, 'labels', ctx);
    checkAnnotations(value.annotations, ctx);
  } else if (node.name === 'meta.v1.LabelSelector') {
    checkLabels(value.matchLabels, 'matchLabels', ctx);
  }
}

function baseOf(resource: Resource): WalkContext['base'] {
  const base: WalkContext['base'] = { object: refOf(resource.object), component: resource.component };
  if (resource.source) base.source = resource.source;
  return base;
}

/**
 * Reports `obj`, whose apiVersion is one its built-in group does not serve at all: most often a
 * custom kind whose apiVersion lacks its group (`v1beta1` is the core group's).
 */
function reportUnservedVersion(obj: KObject, schema: CompiledSchema, ctx: WalkContext): void {
  const { group, version } = parseApiVersion(obj.apiVersion);
  const name = group === '' ? 'the core group' : `API group ${group}`;
  const served = new Set<string>();
  for (const key of schema.kinds.keys()) {
    const parsed = parseApiVersion(key.slice(0, key.lastIndexOf('/')));
    if (parsed.group === group) served.add(parsed.version);
  }
  report(
    ctx,
    'schema/unknown-kind',
    `unknown kind '${obj.kind}' in ${obj.apiVersion} for Kubernetes ${schema.kubernetesVersion}: ${name} has no version ${version} (it serves ${[...served].sort(compareCodeUnits).join(', ')})`,
    `if ${obj.kind} is a custom resource, write its API group in apiVersion (<group>/${version}) and add its CustomResourceDefinition; otherwise use a version ${name} serves`,
    ['kind'],
  );
}

function checkBuiltinKind(obj: KObject, schema: CompiledSchema, ctx: WalkContext, servedFrom?: string): void {
  const { group } = parseApiVersion(obj.apiVersion);
  const sameKind: string[] = [];
  const sameVersion: string[] = [];
  for (const key of schema.kinds.keys()) {
    const slash = key.lastIndexOf('/');
    const apiVersion = key.slice(0, slash);
    const kind = key.slice(slash + 1);
    if (kind === obj.kind && parseApiVersion(apiVersion).group === group) sameKind.push(apiVersion);
    if (apiVersion === obj.apiVersion) sameVersion.push(kind);
  }
  const k8s = `Kubernetes ${schema.kubernetesVersion}`;
  if (sameKind.length > 0) {
    const expected = sameKind.map((v) => `'${v}'`).join(' or ');
    const later = servedFrom ? ` (served from Kubernetes ${servedFrom} on)` : '';
    report(ctx, 'schema/unknown-api-version', `expected apiVersion ${expected} for ${obj.kind} in ${k8s}, found ${JSON.stringify(obj.apiVersion)}${later}`, `set apiVersion to ${expected}`, [
      'apiVersion',
    ]);
  } else if (!servedFrom && sameVersion.length === 0) {
    reportUnservedVersion(obj, schema, ctx);
  } else {
    const later = servedFrom ? ` (served from Kubernetes ${servedFrom} on)` : didYouMean(obj.kind, sameVersion);
    report(
      ctx,
      'schema/unknown-kind',
      `unknown kind '${obj.kind}' in ${obj.apiVersion} for ${k8s}${later}`,
      sameVersion.length ? `use a kind of ${obj.apiVersion}: check the spelling of '${obj.kind}'` : `check apiVersion and kind`,
      ['kind'],
    );
  }
}

function validateOne(resource: Resource, schema: CompiledSchema, groups: Set<string>, crds: CrdRegistry, findings: Finding[]): void {
  const obj = resource.object;
  const ctx: WalkContext = { findings, base: baseOf(resource), path: [], onObject };
  if (typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string' || obj.kind === '') {
    const field = typeof obj.apiVersion !== 'string' ? 'apiVersion' : 'kind';
    report(ctx, 'schema/invalid-type', `expected ${field} to be a string, found ${describeValue(obj[field])}`, `set '${field}'`, [field]);
    return;
  }
  checkObjectName(obj, ctx);
  // Before the custom-resource fallback: a removed built-in group (extensions/v1beta1) is no CRD.
  const lifecycle = apiLifecycleFinding(obj as ApiKind, schema);
  if (lifecycle.finding) findings.push({ ...ctx.base, ...lifecycle.finding });
  const node = schema.kinds.get(`${obj.apiVersion}/${obj.kind}`);
  if (node) {
    walkValue(obj, node, ctx);
    checkConfigData(obj, ctx);
    return;
  }
  if (lifecycle.finding) return;
  if (groups.has(parseApiVersion(obj.apiVersion).group)) return checkBuiltinKind(obj, schema, ctx, lifecycle.servedFrom);
  const metaNode = schema.defs.get('meta.v1.ObjectMeta')!;
  if (!validateCustomResource(obj, crds, metaNode, ctx)) {
    findings.push({
      ...ctx.base,
      severity: 'warning',
      code: 'schema/unknown-kind',
      message: `unknown kind '${obj.kind}' of ${obj.apiVersion}: no CustomResourceDefinition registers it, so it was not validated`,
      hint: "add the CRD to the project's objects or list it in 'crds' of kasane.config.ts (kasane import-crd writes a crds list)",
      path: ['kind'],
    });
  }
}

/**
 * Checks each object against the schema of the target Kubernetes version (built-in kinds) or
 * its CustomResourceDefinition (custom kinds).
 * @returns error findings, plus a `schema/unknown-kind` warning per object of an unregistered custom kind
 *   and a `schema/deprecated-api` warning per object of a deprecated API version.
 * @throws {KasaneError} `config/unsupported-kubernetes-version` for a version without schema data.
 */
export function validateSchema(resources: readonly Resource[], options: SchemaOptions = {}): Finding[] {
  const schema = loadSchema(options.kubernetesVersion);
  const groups = new Set<string>();
  for (const key of schema.kinds.keys()) groups.add(parseApiVersion(key.slice(0, key.lastIndexOf('/'))).group);
  const crds = collectCrds([...(options.crds ?? []), ...resources.map((r) => r.object)]);
  const findings: Finding[] = [];
  for (const resource of resources) validateOne(resource, schema, groups, crds, findings);
  return findings;
}
