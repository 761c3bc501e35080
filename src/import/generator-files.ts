/**
 * The generators of a kustomization as the new project declares them: the files they read are
 * copied next to the file that declares them, and secret literals move to git-ignored files.
 */
import path from 'node:path';
import type { Finding } from '../errors.ts';
import { unsafeRelativePath } from '../output/write-under.ts';
import type { ImportSource } from './import-project.ts';
import type { GeneratorDecl, Kustomization } from './kustomization.ts';
import { secretLiteralsToFiles, secretsDir } from './secrets.ts';

/** Copies a generator's files next to the environment file and rewrites its paths. */
function copyGeneratorFiles(g: GeneratorDecl, k: Kustomization, env: string, source: ImportSource, out: Map<string, Uint8Array>, findings: Finding[]): GeneratorDecl {
  const base = g.kind === 'Secret' ? secretsDir(env) : env;
  const copy = (treePath: string): string => {
    const rel = path.posix.relative(k.dir, treePath);
    let dest = `${base}/${rel.startsWith('..') ? path.posix.basename(treePath) : rel}`;
    for (let i = 2; out.has(dest) && Buffer.compare(Buffer.from(out.get(dest)!), Buffer.from(source.files.get(treePath) ?? [])) !== 0; i++) dest = `${base}/${i}/${path.posix.basename(treePath)}`;
    const content = source.files.get(treePath);
    const unsafe = unsafeRelativePath(dest);
    if (content === undefined)
      findings.push({
        severity: 'error',
        code: 'import/missing-file',
        message: `expected generator '${g.name}' file '${treePath}', found nothing`,
        hint: 'fix the path in the kustomization',
        source: { file: k.file },
      });
    else if (unsafe)
      findings.push({
        severity: 'error',
        code: 'import/unsafe-path',
        message: `cannot copy generator '${g.name}' file '${treePath}' to '${dest}': ${unsafe}`,
        hint: 'name a file inside the kustomization folder',
        source: { file: k.file },
      });
    else out.set(dest, content);
    return dest;
  };
  return {
    ...g,
    files: g.files.map((entry) => {
      const eq = entry.indexOf('=');
      return `${entry.slice(0, eq)}=${copy(entry.slice(eq + 1))}`;
    }),
    envs: g.envs.map(copy),
  };
}

/**
 * The generators of `k`, their files copied into `out` under folder `dir` (relative to the
 * file that declares them: the environment's or the mixin's name).
 */
export function kustomizationGenerators(k: Kustomization, dir: string, source: ImportSource, out: Map<string, Uint8Array>, findings: Finding[]): GeneratorDecl[] {
  return k.generators.map((g) => {
    const got = secretLiteralsToFiles(copyGeneratorFiles(g, k, dir, source, out, findings), dir, out, k.file);
    findings.push(...got.findings);
    return got.generator;
  });
}
