/**
 * Where a file a kustomization names lies. Kustomize loads a kustomization's files (patches,
 * generator inputs, configurations, crds, openapi, replacements and transformer files) only from
 * its own folder and below: an absolute path, or one that climbs out with `..`, is refused
 * ("security; file ... is not in or below ..."). Only a base, a folder listed in `resources`,
 * may lie elsewhere. The import refuses the same paths, so it reads nothing Kustomize would not.
 */
import path from 'node:path';
import type { FieldPath, Finding } from '../errors.ts';

/**
 * `entry` joined to the kustomization folder `dir` (posix), or undefined, with a finding at
 * `where`, when it is absolute or leaves `dir`.
 */
export function localFile(dir: string, entry: string, where: { file: string; path: FieldPath }, findings: Finding[]): string | undefined {
  const joined = path.posix.normalize(path.posix.join(dir, entry));
  const inside = path.posix.relative(dir, joined);
  if (!path.posix.isAbsolute(entry) && !/^[A-Za-z]:[\\/]/.test(entry) && inside !== '' && inside !== '..' && !inside.startsWith('../')) return joined;
  findings.push({
    severity: 'error',
    code: 'import/file-outside-kustomization',
    message: `expected '${entry}' in or below the kustomization's folder, as Kustomize loads the files a kustomization names only from there`,
    hint: 'move the file into the folder (or below it); a folder elsewhere can be a base listed under resources',
    source: { file: where.file },
    path: where.path,
  });
  return undefined;
}
