/**
 * The `yaml` package, loaded on first use. Rendering never parses YAML, and loading the
 * package costs ~20 ms of every start; reading manifests, importing and diffing load it then.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let lib: typeof Yaml | undefined;

/** The `yaml` package (its CommonJS build; its node types check across builds by symbol). */
export function yaml(): typeof Yaml {
  return (lib ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}
