/**
 * The files every imported project has besides components and environments: package.json,
 * tsconfig.json, kasane.config.ts and .gitignore.
 */

/** What the project files depend on. */
export interface ProjectFilesOptions {
  name: string;
  kasaneVersion: string;
  /** Git-ignore environments/<env>/secrets/ (and environments/_mixins/<mixin>/secrets/). */
  secrets: boolean;
  /** The project has groups/ (type-check it too). @default false */
  groups?: boolean;
  /** Git-ignore groups/<group>/secrets/. @default false */
  groupSecrets?: boolean;
}

/** The project files, by path. */
export function projectFiles(options: ProjectFilesOptions): Map<string, string> {
  const pkg = {
    name: options.name,
    private: true,
    type: 'module',
    scripts: { render: 'kasane render', check: 'kasane render --check' },
    dependencies: { kasane: options.kasaneVersion },
    devDependencies: { 'kubernetes-types': '^1.30.0', typescript: '^5.9.0' },
  };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'preserve',
      moduleResolution: 'bundler',
      strict: true,
      noEmit: true,
      allowImportingTsExtensions: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
    },
    include: ['components', 'environments', ...(options.groups ? ['groups'] : []), 'kasane.config.ts'],
  };
  const secretDirs = [...(options.secrets ? ['environments/**/secrets/'] : []), ...(options.groupSecrets ? ['groups/*/secrets/'] : [])];
  const ignore = ['node_modules/', ...(secretDirs.length ? ['# Secret values read by secretGenerators: keep them in your secret store.', ...secretDirs] : [])];
  return new Map([
    ['package.json', `${JSON.stringify(pkg, null, 2)}\n`],
    ['tsconfig.json', `${JSON.stringify(tsconfig, null, 2)}\n`],
    ['kasane.config.ts', "import { defineConfig } from 'kasane';\n\nexport default defineConfig({ out: 'rendered' });\n"],
    ['.gitignore', `${ignore.join('\n')}\n`],
  ]);
}
