/**
 * Name, key and base64 grammars the Kubernetes API server enforces, written from the rules in
 * k8s.io/apimachinery `pkg/util/validation` and Go's `encoding/base64`. Validation reports them
 * as findings; the importers check them before a name or a key becomes part of a file path.
 */

const LABEL_PART = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL = new RegExp(`^${LABEL_PART}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${LABEL_PART}(\\.${LABEL_PART})*$`);
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A DNS-1123 label: at most 63 lowercase alphanumerics or '-', alphanumeric at both ends. */
export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

/** A DNS-1123 subdomain: at most 253 characters, dot-separated DNS-1123 labels. */
export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** A DNS-1035 label (Service names): like a DNS-1123 label, but starts with a letter. */
export function isDns1035Label(value: string): boolean {
  return value.length <= 63 && DNS1035_LABEL.test(value);
}

/**
 * A valid ConfigMap or Secret data key: `[-._a-zA-Z0-9]+`, at most 253 characters, and not
 * `.`, `..` or starting with `..` (`IsConfigMapKey`), so a key is always a safe file name.
 */
export function isConfigKey(key: string): boolean {
  return key.length <= 253 && CONFIG_KEY.test(key) && key !== '.' && !key.startsWith('..');
}

/** True for standard, padded base64; line breaks are allowed, as Go's decoder skips `\r` and `\n`. */
export function isBase64(value: string): boolean {
  return BASE64.test(value.replace(/[\r\n]/g, ''));
}

/**
 * The bytes of base64 `value` as Go's `base64.StdEncoding` (what the API server uses for Secret
 * `data`) decodes them, or undefined where Go would fail.
 */
export function decodeBase64(value: string): Uint8Array | undefined {
  return isBase64(value) ? new Uint8Array(Buffer.from(value.replace(/[\r\n]/g, ''), 'base64')) : undefined;
}
