/** Kustomize's `configMapGenerator`: a ConfigMap from literals, files and env files. */
import type { KObject } from '../../k8s/object.ts';
import type { Resource } from '../../k8s/resource.ts';
import { generatedResource } from './generated-resource.ts';
import { asText, collectEntries, type ConfigMapGeneratorInput, type GeneratorContext } from './generator-input.ts';

/**
 * The generated ConfigMap. Text goes to `data`; file content that is not valid UTF-8 goes to
 * `binaryData` in base64, as `kubectl kustomize` does. The resource is marked to get the
 * content-hash suffix unless `options.disableNameSuffixHash`.
 *
 * @throws {KasaneError} `overlay/invalid-literal`, `overlay/generator-duplicate-key`, `overlay/invalid-env-file`.
 */
export function generateConfigMap(spec: ConfigMapGeneratorInput, ctx: GeneratorContext): Resource {
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  for (const [key, content] of collectEntries(spec, ctx, 'ConfigMap')) {
    const text = asText(content);
    if (text === undefined) binaryData[key] = Buffer.from(content).toString('base64');
    else data[key] = text;
  }
  const object: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: spec.name } };
  if (Object.keys(data).length) object.data = data;
  if (Object.keys(binaryData).length) object.binaryData = binaryData;
  return generatedResource(object, spec, ctx);
}
