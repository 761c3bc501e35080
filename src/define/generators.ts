/**
 * Generator declarations for environments: Kustomize's `configMapGenerator` and
 * `secretGenerator`, with the same fields and the same content-hash name suffix.
 */
import type { GeneratorProps, GeneratorSpec } from '../project/generator.ts';
import { callSite } from './call-site.ts';

/**
 * A generated ConfigMap. Its name gets the content-hash suffix unless
 * `options.disableNameSuffixHash` is set, and every reference follows it.
 * @example
 * configMapGenerator({ name: 'app-config', literals: ['LOG_LEVEL=debug'], behavior: 'merge' })
 */
export function configMapGenerator(props: GeneratorProps): GeneratorSpec {
  const source = callSite();
  return { ...props, kind: 'ConfigMap', ...(source ? { source } : {}) };
}

/**
 * A generated Secret (type Opaque unless `type` is set); values are base64-encoded in `data`.
 * With `asResource`, it is written as a Secret manifest was: `type` and `immutable` only as
 * given, no content-hash suffix.
 * @example
 * secretGenerator({ name: 'db', files: ['password=secrets/db-password.txt'] })
 */
export function secretGenerator(props: GeneratorProps): GeneratorSpec {
  const source = callSite();
  return { ...props, kind: 'Secret', ...(source ? { source } : {}) };
}
