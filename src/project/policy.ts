/**
 * Policy settings as a project declares them: the rule names, their default severities, the
 * per-object overrides and annotation, and the objects that live outside the rendered set.
 * Written in `kasane.config.ts` and on objects; checked by the validate stage.
 */
import type { Severity } from '../errors.ts';

/** Names of the policy rules; a rule's findings carry the code `policy/<rule>`. */
export const POLICY_RULES = [
  'image-tag',
  'resource-requests',
  'resource-limits',
  'liveness-probe',
  'readiness-probe',
  'privileged',
  'host-path',
  'host-network',
  'run-as-non-root',
  'plaintext-secret',
] as const;

/** A policy rule name. */
export type PolicyRule = (typeof POLICY_RULES)[number];

/** A rule's severity; `off` disables it. */
export type PolicySeverity = Severity | 'off';

/** Severity of each rule when nothing is configured (see the table in policies.ts). */
export const DEFAULT_POLICY_SEVERITY: Readonly<Record<PolicyRule, PolicySeverity>> = {
  'image-tag': 'warning',
  'resource-requests': 'warning',
  'resource-limits': 'warning',
  'liveness-probe': 'warning',
  'readiness-probe': 'warning',
  // A warning: the API server accepts privileged pods unless the namespace enforces the
  // baseline or restricted Pod Security level, and some system agents need them.
  privileged: 'warning',
  'host-path': 'warning',
  'host-network': 'warning',
  'run-as-non-root': 'warning',
  'plaintext-secret': 'warning',
};

/** Sets a rule's severity for the objects that `match` selects (unset fields match anything). */
export interface PolicyOverride {
  rule: PolicyRule;
  severity: PolicySeverity;
  /** Which objects: by kind, name (`*` wildcards allowed) and namespace. Default: all objects. */
  match?: { kind?: string; name?: string; namespace?: string };
}

/** Prefix of the annotation that sets a rule's severity on one object. */
export const POLICY_ANNOTATION_PREFIX = 'kasane.dev/policy.';

/**
 * An object that exists outside the validated set (created by another tool or by hand), so
 * references to it are not reported. Unset fields match anything; `name` may use `*` wildcards.
 * @example { kind: 'Secret', name: 'registry-*' }
 */
export interface ExternalRef {
  /** Kind, e.g. `Secret`. Default: any kind. */
  kind?: string;
  /** Name or `*` pattern. Default: any name. */
  name?: string;
  /** Namespace. Default: any namespace. */
  namespace?: string;
}

/**
 * Reads an external object given as a string, `Kind/name` or `Kind/namespace/name`, as the
 * project config writes it; objects pass through.
 */
export function toExternalRef(ref: string | ExternalRef): ExternalRef {
  if (typeof ref !== 'string') return ref;
  const parts = ref.split('/');
  if (parts.length === 3) return { kind: parts[0]!, namespace: parts[1]!, name: parts[2]! };
  if (parts.length === 2) return { kind: parts[0]!, name: parts[1]! };
  return { name: ref };
}
