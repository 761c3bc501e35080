/**
 * The importer's file system side: reads the files a Kustomize tree or a YAML folder consists
 * of (following resources, patch and generator paths, also outside the named folders), and
 * writes the generated project.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { KUSTOMIZATION_FILES, readKustomization, referencedPaths } from './kustomization.ts';
import type { ImportSource } from './import-project.ts';
import { compareCodeUnits } from '../util/code-unit.ts';
import type { FileProblem } from '../k8s/input-findings.ts';
import { readInputFile } from '../load/read-input.ts';
import { writeFilesUnder } from '../output/write-under.ts';

const SKIP = new Set(['node_modules', '.git']);

/** Every file below `dir`; a folder reached twice through links is walked once (no loop). */
function walk(dir: string, into: string[], seen = new Set<string>()): void {
  const real = realpathSync(dir);
  if (seen.has(real)) return;
  seen.add(real);
  for (const name of readdirSync(dir).sort(compareCodeUnits)) {
    if (SKIP.has(name)) continue;
    const abs = path.join(dir, name);
    const info = statSync(abs, { throwIfNoEntry: false });
    if (info?.isDirectory()) walk(abs, into, seen);
    else if (info) into.push(abs);
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
  const unreadable = new Map<string, FileProblem>();
  const read = (abs: string): Uint8Array | undefined => {
    if (!files.has(abs) && !unreadable.has(abs)) {
      if (!existsSync(abs) || !statSync(abs).isFile()) return undefined;
      const got = readInputFile(abs);
      if ('problem' in got) unreadable.set(abs, got.problem);
      else files.set(abs, got.bytes);
    }
    return files.get(abs);
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
  const source: ImportSource = { paths: named.map(rel), files: new Map([...files].map(([k, v]) => [rel(k), v])), rootName: path.basename(root) };
  if (unreadable.size) source.unreadable = new Map([...unreadable].map(([k, v]) => [rel(k), v]));
  return { root, source };
}

/**
 * Writes `files` under `dir` (folders created as needed), never outside it and never through a
 * symbolic link.
 * @throws KasaneError `import/unsafe-path` before writing anything when a path would leave `dir`.
 */
export async function writeProjectFiles(dir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  await writeFilesUnder(
    dir,
    [...files].sort((a, b) => compareCodeUnits(a[0], b[0])),
    { area: 'import' },
  );
}
