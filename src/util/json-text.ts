/**
 * JSON text of kasane's data, as `JSON.stringify` writes it, except that a bigint (an integer
 * beyond 2^53 read from YAML) is written as its exact digits instead of throwing.
 */

function scalar(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'bigint':
      return value.toString();
    case 'boolean':
      return String(value);
    case 'object':
      return value === null ? 'null' : undefined;
    default:
      return undefined;
  }
}

function write(value: unknown, indent: string, step: string): string | undefined {
  const own = scalar(value);
  if (own !== undefined || value === null || typeof value !== 'object') return own;
  const next = indent + step;
  const [open, close, sep] = step ? ['\n' + next, '\n' + indent, ',\n' + next] : ['', '', ','];
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${open}${value.map((v) => write(v, next, step) ?? 'null').join(sep)}${close}]`;
  }
  const parts: string[] = [];
  for (const key of Object.keys(value)) {
    const text = write((value as Record<string, unknown>)[key], next, step);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${step ? ' ' : ''}${text}`);
  }
  return parts.length ? `{${open}${parts.join(sep)}${close}}` : '{}';
}

/**
 * `value` as JSON text, indented by `space` spaces like `JSON.stringify(value, null, space)`;
 * undefined for a value JSON cannot hold at the top (undefined, a function).
 */
export function jsonText(value: unknown, space = 0): string | undefined {
  const withJson = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function';
  return withJson ? JSON.stringify(value, null, space) : write(value, '', ' '.repeat(space));
}

/** The value of JSON `text`, or undefined when it is not JSON (a damaged cache file, say). */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
