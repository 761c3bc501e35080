/**
 * Prints plain data as a TypeScript literal the way a person writes it: identifier keys bare,
 * single-quoted strings, short objects and lists on one line, two-space indentation.
 */

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const maxLine = 100;

/** A string as a single-quoted TypeScript literal. */
export function tsString(s: string): string {
  const json = JSON.stringify(s).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${json}'`;
}

function key(k: string): string {
  return identifier.test(k) ? k : tsString(k);
}

function oneLine(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return tsString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? `{ ${entries.map(([k, v]) => `${key(k)}: ${oneLine(v)}`).join(', ')} }` : '{}';
  }
  throw new Error(`cannot print ${typeof value} as a literal`);
}

/**
 * `value` as a TypeScript expression, starting at column `indent` (continuation lines are
 * indented from there).
 */
export function tsLiteral(value: unknown, indent = 0): string {
  const flat = oneLine(value);
  if (indent + flat.length <= maxLine || value === null || typeof value !== 'object') return flat;
  const pad = ' '.repeat(indent + 2);
  const end = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => `${pad}${tsLiteral(v, indent + 2)},`).join('\n')}\n${end}]`;
  }
  const lines = Object.entries(value as Record<string, unknown>).map(([k, v]) => {
    const head = `${pad}${key(k)}: `;
    const flatValue = oneLine(v);
    return `${head}${head.length + flatValue.length < maxLine ? flatValue : tsLiteral(v, indent + 2)},`;
  });
  return `{\n${lines.join('\n')}\n${end}}`;
}
