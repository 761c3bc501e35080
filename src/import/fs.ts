/**
 * The importer's file system side: reads the files a Kustomize tree or a YAML folder consists
 * of (following resources, patch and generator paths, also outside the named folders), and
 * writes the generated project.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { KUSTOMIZATION_FILES, readKustomization, referencedPaths } from './kustomization.ts';
import type { ImportSource } from './import-project.ts';
import { compareCodeUnits } from '../k8s/code-unit.ts';
import { writeFilesUnder } from '../render/write-under.ts';

const SKIP = new Set(['node_modules', '.git']);

function walk(dir: string, into: string[]): void {
  for (const name of readdirSync(dir).sort(compareCodeUnits)) {
    if (SKIP.has(name)) continue;
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) walk(abs, into);
    else into.push(abs);
  }
}

function commonDir(paths: readonly string[]): string {
  let dir = paths.length ? path.dirname(paths[0]!) : '/';
  for (const p of paths) while (!(p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep))) dir = path.dirname(dir);
  return dir;
}

/**
 * Reads `paths` (files or folders, relative to `cwd`) and everything their kustomizations
 * refer to. Keys of the result are posix paths relative to `root`, the deepest folder holding
 * them all.
 */
export function readImportSource(paths: readonly string[], cwd: string): { root: string; source: ImportSource } {
  const files = new Map<string, Uint8Array>();
  const read = (abs: string): string | undefined => {
    if (!files.has(abs)) {
      if (!existsSync(abs) || !statSync(abs).isFile()) return undefined;
      files.set(abs, readFileSync(abs));
    }
    return Buffer.from(files.get(abs)!).toString('utf8');
  };
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const file = KUSTOMIZATION_FILES.map((n) => path.join(dir, n)).find((f) => existsSync(f));
    if (!file) return;
    const { kustomization } = readKustomization(file, read(file) ?? '', read);
    for (const ref of referencedPaths(kustomization)) {
      if (existsSync(ref) && statSync(ref).isDirectory()) visit(ref);
      else read(ref);
    }
  };
  const named: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    named.push(abs);
    if (!existsSync(abs)) continue;
    if (statSync(abs).isDirectory()) {
      const inside: string[] = [];
      walk(abs, inside);
      for (const f of inside) if (/\.(ya?ml|json)$/.test(f) || KUSTOMIZATION_FILES.includes(path.basename(f))) read(f);
      for (const f of inside) if (KUSTOMIZATION_FILES.includes(path.basename(f))) visit(path.dirname(f));
    } else read(abs);
  }
  const root = commonDir([...named.map((n) => (existsSync(n) && statSync(n).isDirectory() ? path.join(n, '_') : n)), ...files.keys()]);
  const rel = (abs: string) => path.relative(root, abs).split(path.sep).join('/') || '.';
  return { root, source: { paths: named.map(rel), files: new Map([...files].map(([k, v]) => [rel(k), v])), rootName: path.basename(root) } };
}

/**
 * Writes `files` under `dir` (folders created as needed), never outside it and never through a
 * symbolic link.
 * @throws KasaneError `import/unsafe-path` before writing anything when a path would leave `dir`.
 */
export async function writeProjectFiles(dir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  await writeFilesUnder(dir, [...files].sort((a, b) => compareCodeUnits(a[0], b[0])), { area: 'import' });
}
