/**
 * Checks on ConfigMap and Secret payloads that the API server enforces beyond the schema:
 * key syntax, base64 in Secret `data` and ConfigMap `binaryData`, and the 1 MiB size limit.
 * Secret values never appear in messages.
 */
import type { KObject } from '../k8s/object.ts';
import { parseApiVersion } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { WalkContext } from './schema-walk.ts';
import { report } from './schema-walk.ts';
import { base64DecodedLength, isBase64, isConfigKey, utf8Length } from './syntax.ts';

/** The API server's limit on the summed size of a ConfigMap's or Secret's values (1 MiB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;

function checkKeys(map: Record<string, unknown>, field: string, ctx: WalkContext): void {
  for (const key of Object.keys(map)) {
    if (!isConfigKey(key)) {
      report(
        ctx,
        'schema/invalid-key',
        `expected a key of letters, digits, '-', '_' or '.' (at most 253 characters), found ${JSON.stringify(key)}`,
        'rename the key, e.g. replace "/" and spaces with "-"',
        [field, key],
      );
    }
  }
}

/** Sums decoded base64 sizes, reporting values that are not base64. Returns sizes by key. */
function decodedSizes(map: Record<string, unknown>, field: string, ctx: WalkContext, secret: boolean): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string') continue;
    if (!isBase64(value)) {
      const shown = secret ? 'a value that is not valid base64 (value not shown)' : `${JSON.stringify(value.slice(0, 40))}`;
      const hint = secret ? `encode it with base64, or move it to 'stringData' to give it as plain text` : 'encode it with base64, or move it to data for text';
      report(ctx, 'schema/invalid-base64', `expected standard padded base64, found ${shown}`, hint, [field, key]);
      continue;
    }
    sizes.set(key, base64DecodedLength(value));
  }
  return sizes;
}

function reportSize(total: number, ctx: WalkContext, field: string): void {
  if (total > MAX_CONFIG_BYTES) {
    report(
      ctx,
      'schema/too-large',
      `expected at most ${MAX_CONFIG_BYTES} bytes of data in total, found ${total}`,
      'split the data over several objects, or mount large files from a volume or image instead',
      [field],
    );
  }
}

function checkConfigMap(obj: KObject, ctx: WalkContext): void {
  const data = isPlainObject(obj.data) ? obj.data : {};
  const binary = isPlainObject(obj.binaryData) ? obj.binaryData : {};
  checkKeys(data, 'data', ctx);
  checkKeys(binary, 'binaryData', ctx);
  let total = 0;
  for (const value of Object.values(data)) if (typeof value === 'string') total += utf8Length(value);
  for (const size of decodedSizes(binary, 'binaryData', ctx, false).values()) total += size;
  reportSize(total, ctx, isPlainObject(obj.data) || !isPlainObject(obj.binaryData) ? 'data' : 'binaryData');
}

function checkSecret(obj: KObject, ctx: WalkContext): void {
  const data = isPlainObject(obj.data) ? obj.data : {};
  const stringData = isPlainObject(obj.stringData) ? obj.stringData : {};
  checkKeys(data, 'data', ctx);
  checkKeys(stringData, 'stringData', ctx);
  // The API server merges stringData over data before it checks the size.
  const sizes = decodedSizes(data, 'data', ctx, true);
  for (const [key, value] of Object.entries(stringData)) if (typeof value === 'string') sizes.set(key, utf8Length(value));
  let total = 0;
  for (const size of sizes.values()) total += size;
  reportSize(total, ctx, isPlainObject(obj.data) || !isPlainObject(obj.stringData) ? 'data' : 'stringData');
}

/** Checks keys, base64 and total size of a core ConfigMap or Secret; other kinds are ignored. */
export function checkConfigData(obj: KObject, ctx: WalkContext): void {
  if (parseApiVersion(obj.apiVersion).group !== '') return;
  if (obj.kind === 'ConfigMap') checkConfigMap(obj, ctx);
  else if (obj.kind === 'Secret') checkSecret(obj, ctx);
}
