/**
 * The files every imported project has besides components and environments: package.json,
 * tsconfig.json, kasane.config.ts and .gitignore, as `kasane init` writes them
 * (tools/project-scaffold.ts).
 */
import { projectTsconfig, projectGitignore, projectPackageJson } from '../tools/project-scaffold.ts';
import { printValue } from './code.ts';

/** What the project files depend on. */
export interface ProjectFilesOptions {
  name: string;
  /** How the project depends on kasane (see `ProjectManifestOptions.kasane`). */
  kasaneVersion: string;
  /** Git-ignore environments/<env>/secrets/ (and environments/_mixins/<mixin>/secrets/). */
  secrets: boolean;
  /** The project has groups/ (type-check it too). @default false */
  groups?: boolean;
  /** Git-ignore groups/<group>/secrets/. @default false */
  groupSecrets?: boolean;
  /** Fields of kasane.config.ts besides `out` (an imported chart's `charts`). @default none */
  config?: Record<string, unknown>;
  /** Folders of code besides components and environments that tsconfig.json type-checks. @default none */
  codeFolders?: string[];
}

/** The output folder of an imported project (`out` of its kasane.config.ts). */
const OUT = 'rendered';

/** The project files, by path. */
export function projectFiles(options: ProjectFilesOptions): Map<string, string> {
  const secretDirs = [...(options.secrets ? ['environments/**/secrets/'] : []), ...(options.groupSecrets ? ['groups/*/secrets/'] : [])];
  const secrets = secretDirs.length
    ? [
        '# Secret values read by secretGenerators: keep them in your secret store.',
        ...secretDirs,
        // The render refuses plain-text Secret values bound for a file git tracks (secrets/plaintext-in-git).
        '# The rendered Secrets hold those values in plain text: they stay out of git too.',
        '# Deliver them with sealedSecret or externalSecret before your GitOps tool needs them (docs/secrets.md).',
        `${OUT}/**/secret-*.yaml`,
      ]
    : [];
  return new Map([
    ['package.json', projectPackageJson({ name: options.name, kasane: options.kasaneVersion })],
    ['tsconfig.json', projectTsconfig([...(options.groups ? ['groups'] : []), ...(options.codeFolders ?? [])])],
    ['kasane.config.ts', projectConfig([], options.config)],
    ['.gitignore', projectGitignore(secrets)],
  ]);
}

/** An object outside the project for `external` of kasane.config.ts, and where it was seen. */
export interface ExternalEntry {
  /** `Kind/name` or `Kind/namespace/name`. */
  ref: string;
  /** Why it is listed, as a line comment. */
  comment: string;
}

/** kasane.config.ts of an imported project: `config`'s fields, `out`, and `externals` in its `external` list. */
export function projectConfig(externals: readonly ExternalEntry[] = [], config: Record<string, unknown> = {}): string {
  const head = "import { defineConfig } from 'kasane';\n\n";
  if (!externals.length) return `${head}export default defineConfig(${printValue({ ...config, out: OUT })});\n`;
  const lines = externals.map((e) => `    ${printValue(e.ref)}, // ${e.comment.replace(/[\r\n]+/g, ' ')}`);
  return [
    `${head}export default defineConfig({`,
    ...Object.entries(config).map(([key, value]) => `  ${key}: ${printValue(value)},`),
    `  out: ${printValue(OUT)},`,
    '  // Objects the imported tree names but does not hold: another tool, an operator or a Job',
    '  // creates them in the cluster. Drop an entry once the project makes the object.',
    '  external: [',
    ...lines,
    '  ],',
    '});',
    '',
  ].join('\n');
}
