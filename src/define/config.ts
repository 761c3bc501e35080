/**
 * `defineConfig`: the default export of `kasane.config.ts`, typed.
 */
import type { ProjectConfig } from '../project/config.ts';

/** Declares the project configuration (the default export of `kasane.config.ts`). */
export function defineConfig(config: ProjectConfig): ProjectConfig {
  return config;
}
