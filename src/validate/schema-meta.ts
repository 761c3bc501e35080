/**
 * Checks on object metadata that the OpenAPI schema does not express but the API server
 * enforces: the name grammar of each kind, the namespace name, label keys and values,
 * annotation keys and the total annotation size.
 */
import type { KObject } from '../k8s/object.ts';
import { parseApiVersion } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { WalkContext } from './schema-walk.ts';
import { report } from './schema-walk.ts';
import { isDns1035Label, isDns1123Label, isDns1123Subdomain, isPathSegmentName, labelValueProblem, qualifiedNameProblem, toDnsName } from './syntax.ts';

/** The API server's limit on the summed size of an object's annotation keys and values. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;

interface NameRule {
  test: (name: string) => boolean;
  expected: string;
  maxLength: number;
}

const SUBDOMAIN: NameRule = {
  test: isDns1123Subdomain,
  expected: "a DNS-1123 subdomain (at most 253 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit)",
  maxLength: 253,
};
const LABEL: NameRule = {
  test: isDns1123Label,
  expected: "a DNS-1123 label (at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit)",
  maxLength: 63,
};
const DNS1035: NameRule = {
  test: isDns1035Label,
  expected: "a DNS-1035 label (at most 63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit)",
  maxLength: 63,
};
const PATH_SEGMENT: NameRule = {
  test: isPathSegmentName,
  expected: "a path segment name (not '.' or '..', without '/' or '%')",
  maxLength: 253,
};
/** A CronJob's Jobs get an 11-character suffix, so the API server caps CronJob names at 52. */
const CRONJOB: NameRule = {
  test: (name) => name.length <= 52 && isDns1123Subdomain(name),
  expected: "a DNS-1123 subdomain of at most 52 characters (a CronJob's Jobs append an 11-character suffix)",
  maxLength: 52,
};

function nameRuleOf(obj: KObject): NameRule {
  const { group } = parseApiVersion(obj.apiVersion);
  if (group === '' && obj.kind === 'Service') return DNS1035;
  if (group === '' && obj.kind === 'Namespace') return LABEL;
  if (group === 'batch' && obj.kind === 'CronJob') return CRONJOB;
  if (group === 'rbac.authorization.k8s.io') return PATH_SEGMENT;
  return SUBDOMAIN;
}

function nameHint(name: string, rule: NameRule): string {
  let fixed = toDnsName(name, rule.maxLength);
  if (rule === DNS1035) fixed = fixed.replace(/^[^a-z]+/, '');
  return fixed && rule.test(fixed) ? `rename it to ${JSON.stringify(fixed)}` : `rename it to ${rule.expected}`;
}

/** Checks `metadata.name` (per kind) and `metadata.namespace` of a top-level object. */
export function checkObjectName(obj: KObject, ctx: WalkContext): void {
  const meta: unknown = obj.metadata;
  if (!isPlainObject(meta)) {
    report(ctx, 'schema/missing-field', "missing required field 'metadata'", "add 'metadata' with a 'name'", ['metadata']);
    return;
  }
  const name = meta.name;
  if (typeof name !== 'string' || name === '') {
    if (typeof meta.generateName !== 'string') {
      report(ctx, 'schema/missing-field', "missing required field 'name'", "add 'metadata.name'", ['metadata', 'name']);
    }
  } else {
    const rule = nameRuleOf(obj);
    if (!rule.test(name)) {
      report(ctx, 'schema/invalid-name', `expected ${obj.kind} name to be ${rule.expected}, found ${JSON.stringify(name)}`, nameHint(name, rule), ['metadata', 'name']);
    }
  }
  const ns = meta.namespace;
  if (typeof ns === 'string' && ns !== '' && !isDns1123Label(ns)) {
    report(ctx, 'schema/invalid-name', `expected namespace to be ${LABEL.expected}, found ${JSON.stringify(ns)}`, nameHint(ns, LABEL), ['metadata', 'namespace']);
  }
}

/** Checks the keys and values of a label map (`metadata.labels`, `matchLabels`) at `ctx.path + field`. */
export function checkLabels(labels: unknown, field: string, ctx: WalkContext): void {
  if (!isPlainObject(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) {
      report(
        ctx,
        'schema/invalid-label',
        `invalid label key ${JSON.stringify(key)}: ${keyProblem}`,
        'label keys are an optional DNS subdomain prefix and "/" then a name of at most 63 letters, digits, "-", "_" or "."',
        [field, key],
      );
    }
    if (typeof value !== 'string') continue;
    const valueProblem = labelValueProblem(value);
    if (valueProblem) {
      report(ctx, 'schema/invalid-label', `invalid label value ${JSON.stringify(value)}: ${valueProblem}`, 'shorten the value or move it to an annotation, which has no such limits', [field, key]);
    }
  }
}

/** Checks annotation keys and the total annotation size at `ctx.path + 'annotations'`. */
export function checkAnnotations(annotations: unknown, ctx: WalkContext): void {
  if (!isPlainObject(annotations)) return;
  let size = 0;
  for (const [key, value] of Object.entries(annotations)) {
    size += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
    const problem = qualifiedNameProblem(key);
    if (problem) {
      report(
        ctx,
        'schema/invalid-annotation',
        `invalid annotation key ${JSON.stringify(key)}: ${problem}`,
        'annotation keys are an optional DNS subdomain prefix and "/" then a name of at most 63 letters, digits, "-", "_" or "."',
        ['annotations', key],
      );
    }
  }
  if (size > MAX_ANNOTATIONS_BYTES) {
    report(ctx, 'schema/too-large', `expected annotations of at most ${MAX_ANNOTATIONS_BYTES} bytes in total, found ${size}`, 'move large values into a ConfigMap', ['annotations']);
  }
}
