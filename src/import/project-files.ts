/**
 * The files every imported project has besides components and environments: package.json,
 * tsconfig.json, kasane.config.ts and .gitignore, as `kasane init` writes them
 * (tools/project-scaffold.ts).
 */
import { PROJECT_TSCONFIG, projectGitignore, projectPackageJson } from '../tools/project-scaffold.ts';

/** What the project files depend on. */
export interface ProjectFilesOptions {
  name: string;
  /** How the project depends on kasane (see `ProjectManifestOptions.kasane`). */
  kasaneVersion: string;
  /** Git-ignore environments/<env>/secrets/. */
  secrets: boolean;
}

/** The project files, by path. */
export function projectFiles(options: ProjectFilesOptions): Map<string, string> {
  const secrets = options.secrets ? ['# Secret values read by secretGenerators: keep them in your secret store.', 'environments/*/secrets/'] : [];
  return new Map([
    ['package.json', projectPackageJson({ name: options.name, kasane: options.kasaneVersion })],
    ['tsconfig.json', PROJECT_TSCONFIG],
    ['kasane.config.ts', "import { defineConfig } from 'kasane';\n\nexport default defineConfig({ out: 'rendered' });\n"],
    ['.gitignore', projectGitignore(secrets)],
  ]);
}
