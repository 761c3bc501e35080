/**
 * Listing the YAML files of a folder, the one walk `validate -f`, `validate --crds` and
 * `import-crd` share: every `.yaml` and `.yml` file below it, sub-folders included, in
 * code-unit order of their names (the same on every machine).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { compareCodeUnits } from '../util/code-unit.ts';

/** True for a file name kasane reads as YAML. */
export function isYamlFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/**
 * The YAML files below `dir`. `subfolder` may list a sub-folder itself (a Helm chart's);
 * when it returns undefined the sub-folder is walked like the rest.
 */
export async function listYamlFiles(dir: string, subfolder?: (dir: string) => Promise<string[] | undefined>): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const e of entries) {
    const child = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...((await subfolder?.(child)) ?? (await listYamlFiles(child, subfolder))));
    else if (isYamlFileName(e.name)) out.push(child);
  }
  return out;
}

/**
 * The files a command-line target names: the target itself when it is not a folder (a file,
 * a pipe such as `<(helm template .)`, a device), else the YAML files below it. Undefined when
 * it does not exist.
 */
export async function yamlFilesOf(target: string): Promise<string[] | undefined> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return undefined;
  return info.isDirectory() ? listYamlFiles(target) : [target];
}
