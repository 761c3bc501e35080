/**
 * The validate stage: strict schema (built-in kinds and CRDs), references between objects
 * and policies, run together over the objects of one environment.
 */
import { formatPath } from '../errors.ts';
import type { Finding } from '../errors.ts';
import type { KObject } from '../k8s/object.ts';
import type { Resource } from '../k8s/resource.ts';
import type { ExternalRef, PolicyOverride, PolicySeverity } from '../project/policy.ts';
import { validatePolicies } from './policies.ts';
import { validateReferences } from './references.ts';
import { validateSchema } from './schema.ts';
import { compareCodeUnits } from '../util/code-unit.ts';

/** Options of {@link validate}; every field is optional. */
export interface ValidateOptions {
  /** Environment name stamped on every finding. Default: none. */
  env?: string;
  /**
   * Kubernetes version to check the schema against: a minor from `1.29` to `1.36`, written
   * `1.32`, `v1.32` or `1.32.4`. Default: the newest minor kasane has schema data for.
   */
  kubernetesVersion?: string;
  /** CustomResourceDefinitions registered from elsewhere, besides the CRDs among the objects. Default: none. */
  crds?: readonly KObject[];
  /**
   * Objects that exist outside the rendered set; references to them are fine. Strings are
   * `Kind/name` or `Kind/namespace/name` (names may use `*`). Default: none.
   */
  external?: readonly (string | ExternalRef)[];
  /**
   * Severity per policy rule for the whole project; an unknown rule name is a
   * `policy/unknown-rule` warning. Default: the table in policies.ts (mostly `warning`).
   */
  policies?: Readonly<Record<string, PolicySeverity>>;
  /** Per-object policy overrides, the last matching one wins. Default: none. */
  policyOverrides?: readonly PolicyOverride[];
  /**
   * The objects are part of what the cluster will hold, not all of it (`kasane validate -f`):
   * a reference to an object found nowhere is a warning instead of an error. Default: false.
   */
  partial?: boolean;
  /** Run the schema checks. Default: true. */
  schema?: boolean;
  /** Run the reference checks. Default: true. */
  references?: boolean;
}

function objectKey(f: Finding): string {
  const o = f.object;
  return o ? `${o.kind}\u0000${o.namespace ?? ''}\u0000${o.name}\u0000${o.apiVersion ?? ''}` : '';
}

/** Orders findings by object (kind, namespace, name), field path, code, then message. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f) => ({ f, object: objectKey(f), path: formatPath(f.path ?? []) }))
    .sort((x, y) => compareCodeUnits(x.object, y.object) || compareCodeUnits(x.path, y.path) || compareCodeUnits(x.f.code, y.f.code) || compareCodeUnits(x.f.message, y.f.message))
    .map(({ f }) => f);
}

/**
 * Validates the objects of one environment: schema, references and policies.
 * @returns all findings, sorted by object, path and code.
 * @throws {KasaneError} `config/unsupported-kubernetes-version` when `kubernetesVersion` has no schema data.
 */
export function validate(resources: readonly Resource[], options: ValidateOptions = {}): Finding[] {
  const findings: Finding[] = [];
  if (options.schema !== false) {
    const schemaOptions = { ...(options.kubernetesVersion ? { kubernetesVersion: options.kubernetesVersion } : {}), ...(options.crds ? { crds: options.crds } : {}) };
    findings.push(...validateSchema(resources, schemaOptions));
  }
  if (options.references !== false) findings.push(...validateReferences(resources, { ...(options.external ? { external: options.external } : {}), ...(options.partial ? { partial: true } : {}) }));
  const policyOptions = { ...(options.policies ? { rules: options.policies } : {}), ...(options.policyOverrides ? { overrides: options.policyOverrides } : {}) };
  findings.push(...validatePolicies(resources, policyOptions));
  const stamped = options.env === undefined ? findings : findings.map((f) => ({ ...f, env: options.env }));
  return sortFindings(stamped);
}

export { validateSchema } from './schema.ts';
export type { SchemaOptions } from './schema.ts';
export { validateReferences } from './references.ts';
export type { ReferenceOptions } from './references.ts';
export { validatePolicies } from './policies.ts';
export type { PolicyOptions } from './policy-config.ts';
