import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { isKasaneError, type KasaneError } from '../../src/errors.ts';
import { sortObjects } from '../../src/k8s/kind-order.ts';
import type { KObject } from '../../src/k8s/object.ts';
import { emitDocument, emitDocuments } from '../../src/render/emit.ts';
import { compareKeys } from '../../src/render/key-order.ts';
import { ALL_HAZARDS } from './yaml-hazards.ts';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl) console.warn('skipping live kubectl comparisons in emit.test.ts: kubectl not found');

const oracleDir = join(import.meta.dirname, '..', 'oracle', 'emit');

/** Reads YAML back the way a YAML 1.1 (go-yaml v2) or YAML 1.2 core reader does. */
function readBack(text: string, version: '1.1' | '1.2'): unknown {
  return parse(text, { version, schema: version === '1.1' ? 'yaml-1.1' : 'core', uniqueKeys: true, merge: false });
}

/** The error `fn` throws. */
function thrown(fn: () => unknown): KasaneError {
  try {
    fn();
  } catch (err) {
    if (isKasaneError(err)) return err;
    throw err;
  }
  throw new Error('expected a KasaneError');
}

/** The objects of the oracle tree, as the kustomization lists them. */
function oracleObjects(): KObject[] {
  const kustomization = parse(readFileSync(join(oracleDir, 'input', 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  return kustomization.resources.map((file) => JSON.parse(readFileSync(join(oracleDir, 'input', file), 'utf8')) as KObject);
}

describe('emitDocument', () => {
  test('has at least 80 hazardous strings to check', () => {
    expect(ALL_HAZARDS.length).toBeGreaterThanOrEqual(80);
  });

  test.each(['1.1', '1.2'] as const)('reads every hazardous string back unchanged as a value when the reader is YAML %s', (version) => {
    for (const s of ALL_HAZARDS) {
      const text = emitDocument({ k: s, list: [s, [s]], nested: { deeper: s } });
      expect(readBack(text, version), `${JSON.stringify(s)} written as\n${text}`).toEqual({ k: s, list: [s, [s]], nested: { deeper: s } });
    }
  });

  test.each(['1.1', '1.2'] as const)('reads every hazardous string back unchanged as a key when the reader is YAML %s', (version) => {
    for (const s of ALL_HAZARDS) {
      const text = emitDocument({ m: { [s]: 'v', [`${s}x`]: [s] }, list: [{ [s]: { [s]: s } }] });
      expect(readBack(text, version), `${JSON.stringify(s)} written as\n${text}`).toEqual({
        m: { [s]: 'v', [`${s}x`]: [s] },
        list: [{ [s]: { [s]: s } }],
      });
    }
  });

  test('writes strings plain, single-quoted, double-quoted or as literal blocks as kubectl does', () => {
    const cases: [string, string][] = [
      ['nginx:1.14.2', 'nginx:1.14.2'],
      ['25%', '25%'],
      ['500m', '500m'],
      ['1.0.3', '1.0.3'],
      ['/healthz', '/healthz'],
      ['8080', '"8080"'],
      ['true', '"true"'],
      ['yes', '"yes"'],
      ['0755', '"0755"'],
      ['', '""'],
      [' lead', "' lead'"],
      ['a: b', "'a: b'"],
      ["it's", "it's"],
      ["'x", "'''x'"],
      ['tab\there', '"tab\\there"'],
      ['😀', '"\\U0001F600"'],
      ['del\u007f', '"del\\x7F"'],
      ['a\nb', '|-\n  a\n  b'],
      ['a\nb\n', '|\n  a\n  b'],
      ['a\nb\n\n', '|+\n  a\n  b\n'],
      [' a\nb', '|2-\n   a\n  b'],
      ['a \nb', '"a \\nb"'],
    ];
    for (const [value, written] of cases) expect(emitDocument({ k: value }), JSON.stringify(value)).toBe(`k: ${written}\n`);
  });

  test('quotes strings YAML 1.1 reads as another type even where kubectl writes them plain', () => {
    expect(emitDocument({ a: '.', b: '<<', c: '=', d: '2001-12-14 21:59:43.10 -5' })).toBe('a: "."\nb: "<<"\nc: "="\nd: "2001-12-14 21:59:43.10 -5"\n');
  });

  test('does not fold long strings when they pass 80 columns', () => {
    const long = 'word '.repeat(40).trim();
    expect(emitDocument({ k: long })).toBe(`k: ${long}\n`);
  });

  test('writes numbers, booleans and null when the values are scalars', () => {
    expect(emitDocument({ a: 1, b: -0, c: 1.5, d: 1e21, e: 1.5e-7, f: 1234567.5, g: 2 ** 60, h: true, i: false, j: null })).toBe(
      'a: 1\nb: 0\nc: 1.5\nd: 1e+21\ne: 1.5e-07\nf: 1.2345675e+06\ng: 1152921504606847000\nh: true\ni: false\nj: null\n',
    );
  });

  test('writes empty maps and lists in flow style when they are empty', () => {
    expect(emitDocument({ m: {}, l: [], n: [{}, []] })).toBe('l: []\nm: {}\n"n":\n- {}\n- []\n');
  });

  test('does not indent sequences under their key when lists hold maps, lists and nested maps', () => {
    const value = { containers: [{ name: 'x', image: 'y', ports: [{ containerPort: 80 }] }], grid: [[1, 2], [[3]]], deep: { a: { b: [{ c: { d: 1 } }] } } };
    expect(emitDocument(value)).toBe(
      ['containers:', '- image: "y"', '  name: x', '  ports:', '  - containerPort: 80', 'deep:', '  a:', '    b:', '    - c:', '        d: 1', 'grid:', '- - 1', '  - 2', '- - - 3', ''].join('\n'),
    );
    expect(readBack(emitDocument(value), '1.2')).toEqual(value);
  });

  test('writes a key as "? key" when it spans lines or passes 128 bytes', () => {
    const key = 'k'.repeat(129);
    expect(emitDocument({ [key]: [1], 'a\nb': { c: 1 }, ['k'.repeat(128)]: 2 })).toBe(`? |-\n  a\n  b\n: c: 1\n${'k'.repeat(128)}: 2\n? ${key}\n: - 1\n`);
  });

  test('emits identical bytes when keys were inserted in another order', () => {
    const a = { metadata: { name: 'x', labels: { b: '1', a: '2', 'app.kubernetes.io/name': 'x' } }, kind: 'ConfigMap', apiVersion: 'v1', data: { z: '', y: '' } };
    const b = { apiVersion: 'v1', data: { y: '', z: '' }, kind: 'ConfigMap', metadata: { labels: { 'app.kubernetes.io/name': 'x', a: '2', b: '1' }, name: 'x' } };
    expect(emitDocument(a)).toBe(emitDocument(b));
    expect(emitDocument(a).split('\n')[0]).toBe('apiVersion: v1');
  });

  test('drops undefined fields and writes undefined list items as null', () => {
    expect(emitDocument({ a: undefined, b: 1, c: [undefined, 2] })).toBe('b: 1\nc:\n- null\n- 2\n');
  });

  test('does not loop when one object is shared by two fields', () => {
    const labels = { app: 'x' };
    expect(emitDocument({ a: labels, b: { c: labels } })).toBe('a:\n  app: x\nb:\n  c:\n    app: x\n');
  });

  test.each([
    ['NaN', { spec: { replicas: Number.NaN } }, 'NaN', ['spec', 'replicas']],
    ['Infinity', { spec: { list: [1, Number.POSITIVE_INFINITY] } }, 'Infinity', ['spec', 'list', 1]],
    ['a bigint beyond 64 bits', { a: 2n ** 64n }, 'a bigint beyond 64 bits (18446744073709551616n)', ['a']],
    ['a function', { a: () => 1 }, 'a function', ['a']],
    ['a symbol', { a: Symbol('s') }, 'a symbol', ['a']],
    ['a Date', { metadata: { created: new Date(0) } }, 'a Date', ['metadata', 'created']],
    ['a Map', { a: new Map() }, 'a Map', ['a']],
    ['a class instance', { a: new (class Size {})() }, 'a Size', ['a']],
  ])('throws render/unserializable-value when the data holds %s', (_name, value, found, path) => {
    const err = thrown(() => emitDocument(value));
    expect(err.code).toBe('render/unserializable-value');
    expect(err.message).toBe(`expected plain JSON data, found ${found}`);
    expect(err.findings[0]?.path).toEqual(path);
    expect(err.findings[0]?.hint).toBeTruthy();
  });

  test('throws render/unserializable-value with the object and path when the data has a cycle', () => {
    const obj: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ns' } };
    obj.spec = { self: obj };
    const err = thrown(() => emitDocument(obj));
    expect(err.code).toBe('render/unserializable-value');
    expect(err.findings[0]?.path).toEqual(['spec', 'self']);
    expect(err.findings[0]?.object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', name: 'x', namespace: 'ns' });
  });
});

describe('emitDocuments', () => {
  test('joins documents with "---" lines when there are several', () => {
    expect(emitDocuments([{ a: 1 }, { b: 2 }])).toBe('a: 1\n---\nb: 2\n');
    expect(emitDocuments([])).toBe('');
  });

  test('matches the committed kubectl kustomize output byte for byte when objects are sorted by kind', () => {
    const expected = readFileSync(join(oracleDir, 'expected.yaml'), 'utf8');
    expect(emitDocuments(sortObjects(oracleObjects()))).toBe(expected);
  });

  test.skipIf(!hasKubectl)('matches live kubectl kustomize output byte for byte when given the same objects', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasane-emit-'));
    try {
      const objects = oracleObjects();
      const names = objects.map((_, i) => `r${i}.json`);
      objects.forEach((o, i) => writeFileSync(join(dir, names[i]!), JSON.stringify(o)));
      writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n${names.map((n) => `- ${n}\n`).join('')}`);
      const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(emitDocuments(sortObjects(objects))).toBe(run.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('writes what the committed oracle tree holds when read back', () => {
    const docs = parseAllDocuments(readFileSync(join(oracleDir, 'expected.yaml'), 'utf8')).map((d) => d.toJS());
    expect(docs).toEqual(sortObjects(oracleObjects()));
    expect(readdirSync(join(oracleDir, 'input')).length).toBeGreaterThan(1);
  });
});

describe('compareKeys', () => {
  test('orders keys as kubectl does when they mix digits, letters and punctuation', () => {
    const keys = ['a10', 'a9', 'B', 'a', '_', 'é', '1', '10', '9', 'A', 'a-b', 'a.b', 'DBA', 'DB_HOST'];
    expect([...keys].sort(compareKeys)).toEqual(['_', '1', '9', '10', 'A', 'B', 'DB_HOST', 'DBA', 'a', 'a-b', 'a.b', 'a9', 'a10', 'é']);
  });
});
