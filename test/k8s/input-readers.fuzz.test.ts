/**
 * Property tests of the input readers with a seeded generator (same cases on every run):
 *
 * - random YAML structures (block and flow maps and lists, anchors and aliases) whose scalars and
 *   keys come from the kubectl oracle table read exactly as kubectl reads them, in both dialects,
 *   and keep that reading through kasane's emitter;
 * - random damage to YAML (cut, inserted bytes, control characters, invalid UTF-8, deep nesting,
 *   aliases) gives only documented error codes, never an exception;
 * - hostile names and keys in imported Secrets, generators and CRDs never place a file outside
 *   the output folder.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, test } from 'vitest';
import { writeGeneratedFiles } from '../../src/codegen/fs.ts';
import { parseCrdYaml } from '../../src/load/crd-files.ts';
import { generateImports } from '../../src/codegen/generate.ts';
import { isKasaneError, type Finding } from '../../src/errors.ts';
import { readImportSource, writeProjectFiles } from '../../src/import/fs.ts';
import { importProject } from '../../src/import/import-project.ts';
import { readObjects } from '../../src/import/tree.ts';
import { readYaml, type YamlDialect } from '../../src/k8s/yaml-read.ts';
import { parseManifests } from '../../src/load/read-manifests.ts';
import { emitDocument } from '../../src/render/emit.ts';
import { snapshotTree } from '../helpers/project.ts';
import { random, type Rng } from '../helpers/random.ts';
import { fromOracle, oracle } from './yaml-oracle.ts';

// Scalars both dialects read without error; in flow collections only those without flow indicators.
const leaves = oracle.values.filter((c) => !c.source.includes('\n') && c.kubectl.error === undefined && c.kustomize.error === undefined);
const flowLeaves = leaves.filter((c) => /^[A-Za-z0-9_.+~:-]+$/.test(c.source) && !c.source.startsWith('-') && !c.source.includes(': '));
const keys = oracle.keys.filter((c) => c.kubectl.error === undefined && c.kustomize.error === undefined && /^[A-Za-z0-9_.]+$/.test(c.source));

/** A random YAML text and the value each dialect must read from it. */
interface Sample {
  text: string;
  expected: Record<YamlDialect, unknown>;
}

function leaf(rng: Rng, flow: boolean): Sample {
  const c = rng.pick(flow ? flowLeaves : leaves);
  return { text: c.source, expected: { kubectl: fromOracle(c.kubectl.value), kustomize: fromOracle(c.kustomize.value) } };
}

/** Distinct keys for one map: oracle keys whose readings do not collide, or plain names. */
function mapKeys(rng: Rng, n: number): { text: string; kubectl: string; kustomize: string }[] {
  const out: { text: string; kubectl: string; kustomize: string }[] = [];
  const seen = new Set<string>();
  for (let i = 0; out.length < n && i < n * 4; i++) {
    const c = rng.next() < 0.5 ? rng.pick(keys) : undefined;
    const k = c ? { text: c.source, kubectl: (c.kubectl.value as string[])[0]!, kustomize: (c.kustomize.value as string[])[0]! } : { text: `k${rng.int(50)}`, kubectl: '', kustomize: '' };
    if (!c) k.kubectl = k.kustomize = k.text;
    if (seen.has(k.kubectl) || seen.has(k.kustomize)) continue;
    seen.add(k.kubectl);
    seen.add(k.kustomize);
    out.push(k);
  }
  return out;
}

function indent(text: string, pad: string): string {
  return text.replace(/\n/g, `\n${pad}`);
}

function structure(rng: Rng, depth: number, flow: boolean): Sample {
  const kind = depth >= 3 ? 0 : rng.int(3);
  if (kind === 0) return leaf(rng, flow);
  const inner = flow || rng.next() < 0.3;
  const n = 1 + rng.int(3);
  if (kind === 1) {
    const items = Array.from({ length: n }, () => structure(rng, depth + 1, inner));
    const expected = { kubectl: items.map((i) => i.expected.kubectl), kustomize: items.map((i) => i.expected.kustomize) };
    if (inner) return { text: `[${items.map((i) => i.text).join(', ')}]`, expected };
    return { text: `\n${items.map((i) => `- ${indent(i.text, '  ')}`).join('\n')}`, expected };
  }
  const ks = mapKeys(rng, n);
  const values = ks.map(() => structure(rng, depth + 1, inner));
  const expected: Record<YamlDialect, Record<string, unknown>> = { kubectl: {}, kustomize: {} };
  ks.forEach((k, i) => {
    for (const d of ['kubectl', 'kustomize'] as const) Object.defineProperty(expected[d], k[d], { value: values[i]!.expected[d], enumerable: true, writable: true, configurable: true });
  });
  if (inner) return { text: `{${ks.map((k, i) => `${k.text}: ${values[i]!.text}`).join(', ')}}`, expected };
  return { text: `\n${ks.map((k, i) => `${k.text}:${values[i]!.text.startsWith('\n') ? indent(values[i]!.text, '  ') : ` ${values[i]!.text}`}`).join('\n')}`, expected };
}

/** A document `root: <structure>` with an anchored copy aliased under `again`. */
function sample(seed: number): Sample {
  const rng = random(seed);
  const s = structure(rng, 0, false);
  const body = s.text.startsWith('\n') ? indent(s.text, '  ') : ` ${s.text}`;
  return {
    text: `root: &r${body}\nagain: *r\n`,
    expected: { kubectl: { root: s.expected.kubectl, again: s.expected.kubectl }, kustomize: { root: s.expected.kustomize, again: s.expected.kustomize } },
  };
}

const SAMPLES = 400;

/**
 * Deep strict equality (prototypes, bigints); vitest's toStrictEqual cannot be used here, as it
 * takes an own `constructor` key (which the samples have) for the object's class.
 */
function expectSame(actual: unknown, expected: unknown, text: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, text).toEqual(expected);
  expect(isDeepStrictEqual(actual, expected), text).toBe(true);
}

describe('readYaml on random YAML 1.1 structures', () => {
  test.each(['kubectl', 'kustomize'] as const)('reads every scalar and key as kubectl does (%s)', (dialect) => {
    for (let seed = 1; seed <= SAMPLES; seed++) {
      const s = sample(seed);
      const read = readYaml(s.text, { dialect });
      expect(read.problems, s.text).toEqual([]);
      expectSame(read.documents[0]!.value, s.expected[dialect], s.text);
    }
  });

  test('keeps the kubectl reading through the emitter: written and read again, the value is the same', () => {
    for (let seed = 1; seed <= SAMPLES; seed++) {
      const s = sample(seed);
      const value = readYaml(s.text, { dialect: 'kubectl' }).documents[0]!.value;
      const again = readYaml(emitDocument(value), { dialect: 'kubectl' });
      expect(again.problems).toEqual([]);
      expectSame(again.documents[0]!.value, value, s.text);
    }
  });
});

/** Every error code the docs list (docs/*.md mention each as `area/problem`). */
const listed = new Set(
  ['api.md', 'cli.md', 'validation.md', 'migrating-from-kustomize.md'].flatMap((page) =>
    [...readFileSync(path.join(import.meta.dirname, '../../docs', page), 'utf8').matchAll(/`((?:load|import|codegen|crd|schema|reference|policy)\/[a-z0-9-]+)`/g)].map((m) => m[1]!),
  ),
);
/** The input problems are listed once, as `load/<problem>`, and documented for import, codegen and crd too. */
const documented = (code: string) => listed.has(code) || listed.has(code.replace(/^(import|codegen|crd)\//, 'load/'));

function damage(rng: Rng, text: string): Buffer {
  const bytes = [...Buffer.from(text)];
  const at = rng.int(bytes.length + 1);
  switch (rng.int(7)) {
    case 0:
      return Buffer.from(bytes.slice(0, at));
    case 1:
      bytes.splice(at, 0, rng.pick([0x00, 0x01, 0x1b, 0x7f, 0x85, 0xff, 0xc3, 0xe2, 0x0d]));
      return Buffer.from(bytes);
    case 2:
      bytes.splice(at, 0, ...Buffer.from(rng.pick([': ', '- ', '[', '{', '"', "'", '&x ', '*x', '!!int ', '? ', '---\n', '%YAML 1.1\n', '\t', '<<: 1\n', '#'])));
      return Buffer.from(bytes);
    case 3: {
      const n = 400 + rng.int(800);
      return Buffer.from(`${text}deep: ${'['.repeat(n)}${']'.repeat(rng.next() < 0.8 ? n : 0)}\n`);
    }
    case 4:
      return Buffer.from(
        `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from(
          { length: 6 },
          (_, i) =>
            `b${i}: &b${i} [${Array(10)
              .fill(i ? `*b${i - 1}` : '*a')
              .join(', ')}]`,
        ).join('\n')}\n`,
      );
    case 5:
      return Buffer.from(`${text}${rng.pick(['kind: Secret', 'on: 1\n"true": 2', 'again: 1'])}\n`);
    default:
      bytes.splice(at, rng.int(8));
      return Buffer.from(bytes);
  }
}

describe('the readers on damaged input', () => {
  test('give only documented error codes and never throw', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 200; seed++) {
      const rng = random(seed * 7919);
      const input = damage(rng, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n${sample(seed).text}`);
      for (const finding of parseManifests(input, 'in.yaml').findings) seen.add(finding.code);
      if (seed % 4 === 0) for (const finding of parseCrdYaml(input, 'in.yaml').findings) seen.add(finding.code);
      if (seed % 4 === 1) {
        const findings: Finding[] = [];
        readObjects('in.yaml', input, findings, 'kustomize');
        for (const finding of findings) seen.add(finding.code);
      }
    }
    expect([...seen].filter((code) => !documented(code))).toEqual([]);
    // The damage reaches each kind of refusal it aims at.
    for (const code of ['load/alias-bomb', 'load/control-character', 'load/duplicate-key', 'load/invalid-yaml', 'load/not-utf8', 'load/too-deep']) expect(seen).toContain(code);
  });
});

const HOSTILE = [
  '../',
  '..',
  '.',
  '/',
  '\\',
  'a/b',
  '../../../../../../tmp/x',
  '/etc/passwd',
  '%2e%2e',
  'a\u0000b',
  'ü',
  ' ',
  '__proto__',
  'constructor',
  'CON',
  '.bashrc',
  '-rf',
  'x'.repeat(300),
  'ok',
  'a.b',
  '..a',
];

function hostileName(rng: Rng): string {
  return Array.from({ length: 1 + rng.int(3) }, () => rng.pick(HOSTILE)).join(rng.pick(['', '/', '.', '-']));
}

describe('hostile names in imported input', () => {
  test('never place a file outside the output folder (Secrets, generators, CRDs)', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const rng = random(seed * 104729);
      const root = mkdtempSync(path.join(tmpdir(), 'kasane-fuzz-names-'));
      mkdirSync(path.join(root, 'in'));
      const q = (s: string) => JSON.stringify(s);
      writeFileSync(
        path.join(root, 'in', 'kustomization.yaml'),
        `resources: [secret.yaml]\nsecretGenerator:\n- name: ${q(hostileName(rng))}\n  literals: [${q(`${hostileName(rng)}=v`)}]\nconfigMapGenerator:\n- name: ${q(hostileName(rng))}\n  literals: [${q(`${hostileName(rng)}=v`)}]\n`,
      );
      writeFileSync(
        path.join(root, 'in', 'secret.yaml'),
        `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${q(hostileName(rng))}\nstringData:\n  ${q(hostileName(rng))}: "line\\n"\n  ${q(hostileName(rng))}: one\n`,
      );
      const { source } = readImportSource([path.join(root, 'in')], root);
      const result = importProject(source);
      await writeProjectFiles(path.join(root, 'out'), result.files).catch((error: unknown) => {
        if (!isKasaneError(error)) throw error;
      });
      const crd = `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: w\nspec:\n  group: ${q(hostileName(rng))}\n  names:\n    kind: ${q(hostileName(rng))}\n  versions:\n  - name: v1\n    served: true\n    schema:\n      openAPIV3Schema: {type: object}\n`;
      const read = parseCrdYaml(crd, 'crd.yaml');
      if (read.crds.length) await writeGeneratedFiles(path.join(root, 'crd-out'), generateImports(read.crds).files);
      const stray = Object.keys(snapshotTree(root)).filter((f) => !/^(in|out|crd-out)\//.test(f));
      expect(stray, `seed ${seed}`).toEqual([]);
    }
  });
});
