/**
 * `--kasane <spec>` of `init` and `import`: how a new project depends on kasane. Until kasane is
 * on a registry, a project installs it from a packed tarball or a checkout, so the dependency
 * line must say where that is, relative to the project.
 */
import path from 'node:path';
import { Option } from 'commander';

/** The package version, filled in at build time. */
declare const KASANE_VERSION: string | undefined;

/** The `--kasane <spec>` option. */
export function kasaneSpecOption(): Option {
  return new Option('--kasane <spec>', 'how the project depends on kasane: a tarball or folder (kasane-0.1.0.tgz, ../kasane), a git URL or a version range (default: ^<this version>)');
}

/**
 * The `kasane` dependency of a project in `projectRoot`: `spec` as given when it is a version
 * range or a URL; a path (`./x.tgz`, `../kasane`, `file:...`, or any `.tgz`), given relative to
 * `cwd`, as `file:` relative to the project; without `spec`, `^<this version>` (any version
 * when run from sources).
 */
export function kasaneSpec(spec: string | undefined, cwd: string, projectRoot: string): string {
  if (spec === undefined) return typeof KASANE_VERSION === 'string' ? `^${KASANE_VERSION}` : '*';
  const local = spec.startsWith('file:') ? spec.slice('file:'.length) : /^(\.{1,2}[\\/]|[\\/])/.test(spec) || spec.endsWith('.tgz') ? spec : undefined;
  if (local === undefined) return spec;
  const relative = path.relative(projectRoot, path.resolve(cwd, local)).split(path.sep).join('/');
  return `file:${relative.startsWith('.') ? relative : `./${relative}`}`;
}
