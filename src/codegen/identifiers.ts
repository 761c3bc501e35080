/**
 * Names in generated TypeScript: type and function names from Kubernetes kinds and field
 * names, property keys that need quotes, and string literals.
 */

/** Words TypeScript (ES2022 strict mode) rejects as a binding name. */
// prettier-ignore
const RESERVED = new Set([
  'arguments', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete',
  'do', 'else', 'enum', 'eval', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements',
  'import', 'in', 'instanceof', 'interface', 'let', 'new', 'null', 'package', 'private', 'protected', 'public',
  'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with',
  'yield',
]);

/** Type names a generated declaration must not shadow (they appear in the generated code). */
const RESERVED_TYPES = new Set(['ObjectMeta', 'Record', 'Array', 'unknown', 'string', 'number', 'boolean', 'never', 'object', 'any', 'symbol', 'bigint', 'undefined']);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The alphanumeric words of `text`: `tls-config` → `tls`, `config`. */
function words(text: string): string[] {
  return text.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
}

/** `tls-config` → `TlsConfig`, `privateKey` → `PrivateKey`, `x509` → `X509`; '' when there is no word. */
export function pascalCase(text: string): string {
  return words(text)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/**
 * A safe binding name: invalid characters dropped between words, `_` before a leading digit,
 * `_` after a reserved word (`default` → `default_`), `value` when nothing is left.
 */
export function safeIdentifier(text: string): string {
  const parts = words(text);
  let name = parts.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
  if (name === '') name = 'value';
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return RESERVED.has(name) ? `${name}_` : name;
}

/** `ServiceMonitor` → `serviceMonitor`, `CSIDriver` → `csiDriver`, `Import` → `import_`. */
export function lowerCamel(pascal: string): string {
  const safe = safeIdentifier(pascal);
  const lead = /^[A-Z]+(?=[A-Z][a-z]|[0-9]|$)|^[A-Z]/.exec(safe)?.[0] ?? '';
  return safeIdentifier(lead.toLowerCase() + safe.slice(lead.length));
}

/** A type name from a kind or field name: PascalCase, `_` before a leading digit, never a built-in type name. */
export function typeName(text: string): string {
  let name = pascalCase(text) || 'Value';
  if (/^[0-9]/.test(name)) name = `_${name}`;
  return RESERVED_TYPES.has(name) ? `${name}_` : name;
}

/** `ServiceMonitor` → `service-monitor` (file names). */
export function kebabCase(pascal: string): string {
  return pascal
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-');
}

/** A string as a single-quoted TypeScript literal. */
export function tsString(value: string): string {
  let out = "'";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === "'") out += "\\'";
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/**
 * An integer beyond 2^53 - 1 as TypeScript: a bigint literal, so no digit is lost (the emitter
 * writes it exactly), typed as the `number` the Kubernetes types declare for int64 fields.
 */
export function bigintLiteral(value: bigint): string {
  return `${value}n as unknown as number`;
}

/** A property key as written in an interface or object literal: bare when it is an identifier, else quoted; `__proto__` computed. */
export function propertyKey(key: string): string {
  // `__proto__: x` and `'__proto__': x` in an object literal set the prototype; a computed key
  // defines a plain property, as the data means.
  if (key === '__proto__') return "['__proto__']";
  return IDENTIFIER.test(key) ? key : tsString(key);
}

/**
 * Reserves a unique name within one generated file: the second request for `FooSpec` gets
 * `FooSpec2`. Requests arrive in a fixed order, so the numbering is deterministic.
 */
export function claimName(taken: Set<string>, name: string): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}${n}`;
  taken.add(candidate);
  return candidate;
}
