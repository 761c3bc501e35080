/**
 * Which severity each policy rule has for one object: the rule's default, the project's
 * setting, matching overrides, then the object's own `kasane.dev/policy.<rule>` annotation.
 */
import { didYouMean } from '../errors.ts';
import type { Finding } from '../errors.ts';
import type { KObject } from '../k8s/object.ts';
import { refOf } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { globToRegExp } from '../util/glob.ts';
import { DEFAULT_POLICY_SEVERITY, POLICY_ANNOTATION_PREFIX, POLICY_RULES, type PolicyOverride, type PolicyRule, type PolicySeverity } from '../project/policy.ts';

/** Project-wide rule severities and per-object overrides. */
export interface PolicyOptions {
  /**
   * Severity per rule for the whole project; unknown rule names are reported by
   * {@link checkPolicyConfig}. Default: {@link DEFAULT_POLICY_SEVERITY}.
   */
  rules?: Readonly<Record<string, PolicySeverity>>;
  /** Per-object overrides; the last matching one wins. Default: none. */
  overrides?: readonly PolicyOverride[];
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'off'];

function overrideMatches(override: PolicyOverride, obj: KObject): boolean {
  const m = override.match;
  if (!m) return true;
  return (
    (m.kind === undefined || m.kind === obj.kind) &&
    (m.name === undefined || globToRegExp(m.name).test(obj.metadata.name)) &&
    (m.namespace === undefined || m.namespace === (obj.metadata.namespace ?? ''))
  );
}

/** The severity of `rule` for `obj`: annotation, then last matching override, then project, then default. */
export function severityFor(rule: PolicyRule, obj: KObject, options: PolicyOptions): PolicySeverity {
  const annotation = obj.metadata.annotations?.[`${POLICY_ANNOTATION_PREFIX}${rule}`];
  if (annotation !== undefined && SEVERITIES.includes(annotation)) return annotation as PolicySeverity;
  const configured = options.rules?.[rule];
  let severity = configured !== undefined && SEVERITIES.includes(configured) ? configured : DEFAULT_POLICY_SEVERITY[rule];
  for (const override of options.overrides ?? []) {
    if (override.rule === rule && overrideMatches(override, obj)) severity = override.severity;
  }
  return severity;
}

/** Warnings for unknown rule names and severities in the project's policy settings. */
export function checkPolicyConfig(options: PolicyOptions): Finding[] {
  const findings: Finding[] = [];
  for (const [rule, severity] of Object.entries(options.rules ?? {})) {
    if (!(POLICY_RULES as readonly string[]).includes(rule)) {
      findings.push({
        severity: 'warning',
        code: 'policy/unknown-rule',
        message: `unknown policy rule '${rule}'${didYouMean(rule, POLICY_RULES)}`,
        hint: `use one of ${POLICY_RULES.join(', ')}`,
        path: ['policies', rule],
      });
    } else if (!SEVERITIES.includes(severity)) {
      findings.push({
        severity: 'warning',
        code: 'policy/invalid-severity',
        message: `expected error, warning or off, found ${JSON.stringify(severity)}`,
        hint: `set policies['${rule}'] to off, warning or error`,
        path: ['policies', rule],
      });
    }
  }
  return findings;
}

/** Warnings for `kasane.dev/policy.*` annotations with an unknown rule or severity. */
export function checkPolicyAnnotations(obj: KObject, base: Omit<Finding, 'severity' | 'code' | 'message'>): Finding[] {
  const annotations = obj.metadata.annotations;
  if (!isPlainObject(annotations)) return [];
  const findings: Finding[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(POLICY_ANNOTATION_PREFIX)) continue;
    const rule = key.slice(POLICY_ANNOTATION_PREFIX.length);
    const path = ['metadata', 'annotations', key];
    if (!(POLICY_RULES as readonly string[]).includes(rule)) {
      findings.push({
        ...base,
        severity: 'warning',
        code: 'policy/unknown-rule',
        message: `unknown policy rule '${rule}'${didYouMean(rule, POLICY_RULES)}`,
        hint: `use one of ${POLICY_RULES.join(', ')}`,
        path,
      });
    } else if (!SEVERITIES.includes(value)) {
      findings.push({
        ...base,
        severity: 'warning',
        code: 'policy/invalid-severity',
        message: `expected error, warning or off, found ${JSON.stringify(value)}`,
        hint: `set '${key}' to off, warning or error`,
        path,
      });
    }
  }
  return findings;
}

/** The ref, component and source every policy finding about `obj` carries. */
export function policyBase(obj: KObject, component: string, source: Finding['source']): Omit<Finding, 'severity' | 'code' | 'message'> {
  const base: Omit<Finding, 'severity' | 'code' | 'message'> = { object: refOf(obj), component };
  if (source) base.source = source;
  return base;
}
