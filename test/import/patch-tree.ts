/**
 * A patch conformance case (test/conformance/patch/<case>/case.yaml) as the Kustomize tree
 * scripts/oracle-patches.mjs gave to kubectl: base/ with the objects, overlay/ with one
 * `patches` entry per patch, in order. Its committed expected.yaml is kubectl's output.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';

interface PatchCase {
  base: unknown[];
  patches: ({ strategicMerge: { patch: unknown; target?: unknown } } | { json6902: { target: unknown; ops: unknown[] } })[];
  error?: unknown;
  difference?: string;
}

/** The case folder's case.yaml. */
export function readPatchCase(caseDir: string): PatchCase {
  return parse(readFileSync(path.join(caseDir, 'case.yaml'), 'utf8')) as PatchCase;
}

/** Writes the case's Kustomize tree to a temporary folder and returns it. */
export function writePatchTree(kase: PatchCase): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kasane-import-patch-'));
  mkdirSync(path.join(dir, 'base'));
  mkdirSync(path.join(dir, 'overlay'));
  writeFileSync(path.join(dir, 'base', 'resources.yaml'), kase.base.map((o) => stringify(o)).join('---\n'));
  writeFileSync(path.join(dir, 'base', 'kustomization.yaml'), stringify({ resources: ['resources.yaml'] }));
  const patches = kase.patches.map((p, i) => {
    const file = `patch-${i}.yaml`;
    if ('json6902' in p) {
      writeFileSync(path.join(dir, 'overlay', file), stringify(p.json6902.ops));
      return { path: file, target: p.json6902.target };
    }
    writeFileSync(path.join(dir, 'overlay', file), stringify(p.strategicMerge.patch));
    return p.strategicMerge.target ? { path: file, target: p.strategicMerge.target } : { path: file };
  });
  writeFileSync(path.join(dir, 'overlay', 'kustomization.yaml'), stringify({ resources: ['../base'], patches }));
  return dir;
}
