import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { isKasaneError } from '../../../src/errors.ts';
import type { KObject } from '../../../src/k8s/object.ts';
import { isDeletePatch } from '../../../src/overlay/patch/directives.ts';
import { applyJson6902 } from '../../../src/overlay/patch/json6902.ts';
import { applyStrategicMerge } from '../../../src/overlay/patch/strategic-merge.ts';
import type { JsonPatchOp } from '../../../src/project/patch.ts';

/** A case's patch target: kind and name, optionally group, version and namespace. */
interface PatchTarget {
  kind: string;
  name: string;
  group?: string;
  version?: string;
  namespace?: string;
}

/** One conformance case: base objects, patches in order, and what comes out. */
interface PatchCase {
  description: string;
  base: KObject[];
  patches: ({ strategicMerge: { patch: KObject; target?: PatchTarget } } | { json6902: { target: PatchTarget; ops: JsonPatchOp[] } })[];
  /** kasane's error for this case (kubectl's output or error stays in expected.yaml). */
  error?: { code: string; path: (string | number)[] };
  /** A deliberate difference from Kustomize documented in DIFFERENCES.md; kasane.yaml holds kasane's output. */
  difference?: string;
}

const casesDir = join(import.meta.dirname, '..', '..', 'conformance', 'patch');
const names = readdirSync(casesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function loadCase(name: string): PatchCase {
  return parse(readFileSync(join(casesDir, name, 'case.yaml'), 'utf8')) as PatchCase;
}

function readObjects(file: string): KObject[] | 'kubectl error' {
  const text = readFileSync(file, 'utf8');
  if (text.startsWith('# kubectl kustomize failed')) return 'kubectl error';
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KObject)
    .filter((o) => o !== null);
}

function matches(obj: KObject, target: PatchTarget): boolean {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  return (
    obj.kind === target.kind &&
    obj.metadata.name === target.name &&
    (target.group === undefined || target.group === group) &&
    (target.version === undefined || target.version === version) &&
    (target.namespace === undefined || target.namespace === obj.metadata.namespace)
  );
}

/** What the overlay engine will do: each patch applied in order to every object it targets. */
function runCase(kase: PatchCase): KObject[] {
  let objects = kase.base;
  for (const p of kase.patches) {
    if ('json6902' in p) {
      const { target, ops } = p.json6902;
      objects = objects.map((o) => (matches(o, target) ? applyJson6902(o, ops) : o));
      continue;
    }
    const { patch } = p.strategicMerge;
    const target = p.strategicMerge.target ?? { kind: patch.kind, name: patch.metadata.name };
    if (isDeletePatch(patch)) objects = objects.filter((o) => !matches(o, target));
    else objects = objects.map((o) => (matches(o, target) ? applyStrategicMerge(o, patch) : o));
  }
  return objects;
}

const byId = (objects: KObject[]) => Object.fromEntries(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o]));

describe('patch conformance with kubectl kustomize', () => {
  test('has at least 45 strategic merge and 12 JSON 6902 cases when counting the case folders', () => {
    const kinds = names.map((n) => (loadCase(n).patches.some((p) => 'json6902' in p) ? 'json' : 'smp'));
    expect(kinds.filter((k) => k === 'smp').length).toBeGreaterThanOrEqual(45);
    expect(kinds.filter((k) => k === 'json').length).toBeGreaterThanOrEqual(12);
  });

  test.each(names)('%s gives the recorded output when patched', (name) => {
    const kase = loadCase(name);
    const kubectl = readObjects(join(casesDir, name, 'expected.yaml'));
    if (kase.error) {
      let thrown: unknown;
      try {
        runCase(kase);
      } catch (e) {
        thrown = e;
      }
      expect(isKasaneError(thrown), String(thrown)).toBe(true);
      if (!isKasaneError(thrown)) return;
      expect(thrown.code).toBe(kase.error.code);
      expect(thrown.findings[0]?.path).toEqual(kase.error.path);
      if (kubectl !== 'kubectl error') expect(kase.difference, 'kubectl succeeds: document the difference').toBeDefined();
      return;
    }
    expect(kubectl).not.toBe('kubectl error');
    const actual = byId(runCase(kase));
    if (kase.difference) {
      const ours = readObjects(join(casesDir, name, 'kasane.yaml'));
      expect(actual).toEqual(byId(ours as KObject[]));
      expect(actual, 'a documented difference must differ from kubectl').not.toEqual(byId(kubectl as KObject[]));
    } else {
      expect(actual).toEqual(byId(kubectl as KObject[]));
    }
  });

  test('marks every difference in DIFFERENCES.md when a case declares one', () => {
    const doc = readFileSync(join(casesDir, 'DIFFERENCES.md'), 'utf8');
    for (const name of names) {
      const { difference } = loadCase(name);
      if (difference) expect(doc, `${name} → ${difference}`).toContain(`## ${difference}`);
    }
  });
});

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl) console.warn('skipping the live kubectl kustomize check of the patch cases: kubectl not found');

describe('committed expected.yaml', () => {
  test.skipIf(!hasKubectl)('matches a fresh kubectl kustomize run when kubectl is installed', () => {
    for (const name of names.slice(0, 8)) {
      const kase = loadCase(name);
      const dir = mkdtempSync(join(tmpdir(), 'kasane-patch-'));
      try {
        mkdirSync(join(dir, 'base'));
        mkdirSync(join(dir, 'overlay'));
        writeFileSync(join(dir, 'base', 'resources.yaml'), kase.base.map((o) => stringify(o)).join('---\n'));
        writeFileSync(join(dir, 'base', 'kustomization.yaml'), stringify({ resources: ['resources.yaml'] }));
        const patches = kase.patches.map((p, i) => {
          const file = `patch-${i}.yaml`;
          if ('json6902' in p) {
            writeFileSync(join(dir, 'overlay', file), stringify(p.json6902.ops));
            return { path: file, target: p.json6902.target };
          }
          writeFileSync(join(dir, 'overlay', file), stringify(p.strategicMerge.patch));
          return p.strategicMerge.target ? { path: file, target: p.strategicMerge.target } : { path: file };
        });
        writeFileSync(join(dir, 'overlay', 'kustomization.yaml'), stringify({ resources: ['../base'], patches }));
        const res = spawnSync('kubectl', ['kustomize', join(dir, 'overlay')], { encoding: 'utf8' });
        const committed = join(casesDir, name, 'expected.yaml');
        expect(existsSync(committed)).toBe(true);
        if (res.status === 0) expect(res.stdout, name).toBe(readFileSync(committed, 'utf8'));
        else expect(readObjects(committed), name).toBe('kubectl error');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
