/**
 * The files every new project gets, whether `kasane init` writes it or `kasane import` turns a
 * Kustomize tree into it: package.json (scripts, dependencies), tsconfig.json and .gitignore.
 * docs/getting-started.md shows the same files (a test compares them). Pure: options in, text out.
 */

/** What a project's package.json depends on. */
export interface ProjectManifestOptions {
  /** The package name (already a valid npm name). */
  name: string;
  /**
   * How the project depends on kasane: a version range (`^0.1.0`), a tarball or folder
   * (`file:../kasane-0.1.0.tgz`), or a git URL.
   */
  kasane: string;
}

/** package.json: the scripts every kasane project has, kasane, and the tools the code uses. */
export function projectPackageJson(options: ProjectManifestOptions): string {
  const pkg = {
    name: options.name,
    private: true,
    type: 'module',
    scripts: { render: 'kasane render', check: 'kasane render --check', typecheck: 'tsc' },
    dependencies: { kasane: options.kasane },
    devDependencies: { typescript: '^5.9.3' },
    // npm 11 warns about install scripts a project has not decided on. esbuild's puts its
    // binary in place (kasane compiles projects with it); a kasane package needs nothing run.
    allowScripts: { esbuild: true, kasane: false },
  };
  return JSON.stringify(pkg, null, 2) + '\n';
}

/**
 * tsconfig.json: type-checks what kasane compiles (it never needs tsc itself to render), and the
 * `extra` folders of code a project has besides components and environments (an imported
 * project's `groups`).
 */
export function projectTsconfig(extra: readonly string[] = []): string {
  const include = ['kasane.config.ts', 'components', 'environments', ...extra].map((f) => JSON.stringify(f)).join(', ');
  return `{
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2022"],
    "module": "preserve",
    "moduleResolution": "bundler",
    "allowImportingTsExtensions": true,
    "verbatimModuleSyntax": true,
    "strict": true,
    "noEmit": true,
    "skipLibCheck": true
  },
  "include": [${include}]
}
`;
}

/** The tsconfig.json of a new project (`kasane init`). */
export const PROJECT_TSCONFIG = projectTsconfig();

/** .gitignore: installed packages and what a stopped render leaves, then `extra` lines. */
export function projectGitignore(extra: readonly string[] = []): string {
  const lines = [
    'node_modules/',
    '# What a render leaves in the output folder while it runs, or after it was stopped midway',
    '# (the next render finishes and removes it)',
    '.*.kasane-*/',
    '.kasane-lock*',
    '.kasane-journal*',
    ...extra,
  ];
  return lines.join('\n') + '\n';
}
