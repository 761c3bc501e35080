/** Kustomize's `secretGenerator`: a Secret from literals, files and env files, values in base64. */
import type { KObject } from '../../k8s/object.ts';
import type { Resource } from '../../k8s/resource.ts';
import { generatedResource } from './generated-resource.ts';
import { collectEntries, type GeneratorContext, type SecretGeneratorInput } from './generator-input.ts';

/**
 * The generated Secret: every value base64 in `data` (always present, `{}` when empty), `type`
 * defaulting to `Opaque`. Marked for the content-hash suffix unless `options.disableNameSuffixHash`.
 *
 * @throws {KasaneError} `overlay/invalid-literal`, `overlay/generator-duplicate-key`, `overlay/invalid-env-file`.
 */
export function generateSecret(spec: SecretGeneratorInput, ctx: GeneratorContext): Resource {
  const data: Record<string, string> = {};
  for (const [key, content] of collectEntries(spec, ctx, 'Secret')) data[key] = Buffer.from(content).toString('base64');
  const object: KObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: spec.name }, data, type: spec.type ?? 'Opaque' };
  return generatedResource(object, spec, ctx);
}
