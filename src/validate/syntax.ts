/**
 * The string grammars the Kubernetes API server enforces on names, labels, annotations,
 * quantities and base64 data, written from the rules in k8s.io/apimachinery
 * (`pkg/util/validation`, `pkg/api/resource`) and the API conventions.
 */

import { isDns1123Subdomain } from '../k8s/grammar.ts';

export { isBase64, isConfigKey, isDns1035Label, isDns1123Label, isDns1123Subdomain } from '../k8s/grammar.ts';

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/**
 * `<signedNumber><suffix>`: suffix is a binary SI (`Ki`…`Ei`), a decimal SI (`m`, ``, `k`, `M`,
 * `G`, `T`, `P`, `E`) or a decimal exponent (`e3`, `E-2`), per `resource.ParseQuantity`. The
 * parser also takes `n` and `u` (nano, micro), which the documented grammar leaves out;
 * checked against `kubectl set resources --local` (test/fixtures/validate/quantity-oracle.mjs).
 */
const QUANTITY = /^[+-]?(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** A name that is valid as one URL path segment (RBAC object names): not `.`/`..`, no `/` or `%`. */
export function isPathSegmentName(value: string): boolean {
  return value !== '' && value !== '.' && value !== '..' && !value.includes('/') && !value.includes('%');
}

/**
 * Why `key` is not a valid label or annotation key (`[prefix/]name`: prefix a DNS-1123
 * subdomain, name at most 63 characters of `[-A-Za-z0-9_.]`, alphanumeric at both ends),
 * or undefined when it is valid.
 */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) {
    return `prefix ${JSON.stringify(prefix)} must be a DNS-1123 subdomain (lowercase letters, digits, '-' and '.')`;
  }
  if (name.length === 0) return 'the name part must not be empty';
  if (name.length > 63) return `the name part must be at most 63 characters, found ${name.length}`;
  if (!QUALIFIED_NAME.test(name)) {
    return `the name part must consist of letters, digits, '-', '_' or '.' and start and end with a letter or digit`;
  }
  return undefined;
}

/** Why `value` is not a valid label value (empty, or a qualified name part), or undefined. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63) return `a label value must be at most 63 characters, found ${value.length}`;
  if (!QUALIFIED_NAME.test(value)) {
    return `a label value must consist of letters, digits, '-', '_' or '.' and start and end with a letter or digit`;
  }
  return undefined;
}

/** True for a resource quantity string (`100m`, `1.5Gi`, `1e3`) or a finite number. */
export function isQuantity(value: string | number): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return QUANTITY.test(value);
}

/** Number of bytes that valid base64 `value` decodes to. */
export function base64DecodedLength(value: string): number {
  const clean = value.replace(/[\r\n]/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return (clean.length / 4) * 3 - padding;
}

/** Byte length of a string in UTF-8, as the API server counts ConfigMap data. */
export function utf8Length(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/**
 * A lowercase DNS-1123 subdomain close to `name` (for a fix hint): lowercased, other characters
 * replaced by '-', trimmed to alphanumerics at both ends.
 */
export function toDnsName(name: string, maxLength = 253): string {
  const lowered = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .slice(0, maxLength);
  return lowered.replace(/^[^a-z0-9]+/, '').replace(/[^a-z0-9]+$/, '');
}
