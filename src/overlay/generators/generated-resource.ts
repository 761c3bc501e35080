/** The metadata and marks that every generated ConfigMap and Secret gets. */
import type { KObject } from '../../k8s/object.ts';
import { FROM_ENVIRONMENT, type Resource } from '../../k8s/resource.ts';
import { stepOf } from '../transforms/history.ts';
import type { ConfigMapGeneratorInput, GeneratorContext } from './generator-input.ts';

/**
 * Wraps a generated object: namespace, option labels, annotations and `immutable`, the hash
 * mark. Kustomize writes `immutable` only when true; an object written as a resource
 * (`asResource`) keeps `immutable: false` too, and never gets the hash suffix.
 */
export function generatedResource(object: KObject, spec: ConfigMapGeneratorInput, ctx: GeneratorContext): Resource {
  const options = spec.options ?? {};
  if (spec.namespace) object.metadata.namespace = spec.namespace;
  if (options.labels && Object.keys(options.labels).length) object.metadata.labels = { ...options.labels };
  if (options.annotations && Object.keys(options.annotations).length) object.metadata.annotations = { ...options.annotations };
  if (options.immutable || (spec.asResource && options.immutable === false)) object.immutable = options.immutable;
  const resource: Resource = {
    object,
    component: FROM_ENVIRONMENT,
    generated: { hashSuffix: !options.disableNameSuffixHash && !spec.asResource },
    history: [stepOf('generator', ctx)],
  };
  if (ctx.source) resource.source = ctx.source;
  return resource;
}
