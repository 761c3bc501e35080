/** Kustomize's `secretGenerator`: a Secret from literals, files and env files, values in base64. */
import type { KObject } from '../../k8s/object.ts';
import type { Resource } from '../../k8s/resource.ts';
import { generatedResource } from './generated-resource.ts';
import { asText, collectEntries, fail, type GeneratorContext, type SecretGeneratorInput } from './generator-input.ts';

/** The text of a `stringData` entry; binary content cannot be written there. */
function stringDataText(key: string, content: Buffer | string, spec: SecretGeneratorInput, ctx: GeneratorContext): string {
  const text = asText(content);
  if (text !== undefined) return text;
  return fail(
    'overlay/invalid-string-data',
    `expected text for stringData key '${key}' of Secret '${spec.name}', found bytes that are not UTF-8`,
    `leave '${key}' out of stringDataKeys: data takes binary content`,
    spec,
    ctx,
    'Secret',
  );
}

/**
 * The generated Secret: every value base64 in `data` (`{}` when empty, left out when every key is
 * in `stringDataKeys`), except the `stringDataKeys`, which go as text under `stringData`; `type` defaults to `Opaque`
 * (no `type` with `asResource`). Marked for the content-hash suffix unless
 * `options.disableNameSuffixHash` or `asResource`.
 *
 * @throws {KasaneError} `overlay/invalid-literal`, `overlay/generator-duplicate-key`, `overlay/invalid-env-file`;
 * `overlay/string-data-key-not-found` for a `stringDataKeys` entry that no input gives,
 * `overlay/invalid-string-data` for one whose content is not UTF-8.
 */
export function generateSecret(spec: SecretGeneratorInput, ctx: GeneratorContext): Resource {
  const data: Record<string, string> = {};
  const stringData: Record<string, string> = {};
  const asText = new Set(spec.stringDataKeys ?? []);
  const entries = collectEntries(spec, ctx, 'Secret');
  for (const key of asText) {
    if (!entries.some(([k]) => k === key)) {
      fail(
        'overlay/string-data-key-not-found',
        `expected stringData key '${key}' among the entries of Secret '${spec.name}', found none`,
        `add '${key}' to the literals, files or envs, or remove it from stringDataKeys`,
        spec,
        ctx,
        'Secret',
      );
    }
  }
  for (const [key, content] of entries) {
    if (asText.has(key)) stringData[key] = stringDataText(key, content, spec, ctx);
    else data[key] = Buffer.from(content).toString('base64');
  }
  const object: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: spec.name }, data };
  // A manifest written without `type` stays so (the API server defaults it to Opaque).
  if (spec.type !== undefined || !spec.asResource) object.type = spec.type ?? 'Opaque';
  if (asText.size) object.stringData = stringData;
  // A Secret written with stringData alone has no data, and kubectl keeps it so.
  if (asText.size && !Object.keys(data).length) delete object.data;
  return generatedResource(object, spec, ctx);
}
