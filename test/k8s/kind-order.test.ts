import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { compareObjects, KIND_ORDER_FIRST, KIND_ORDER_LAST, sortObjects } from '../../src/k8s/kind-order.ts';
import type { KObject } from '../../src/k8s/object.ts';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl) console.warn('skipping live kubectl comparison in kind-order.test.ts: kubectl not found');

const oracleDir = join(import.meta.dirname, '..', 'oracle', 'kind-order');

/** The objects of the oracle tree, in the scrambled order of its resource file. */
function inputObjects(): KObject[] {
  const text = readFileSync(join(oracleDir, 'input', 'resources.yaml'), 'utf8');
  return parseAllDocuments(text).map((doc) => doc.toJS() as KObject);
}

/** One `apiVersion kind namespace/name` line per object, as expected.txt holds them. */
function lines(objects: readonly KObject[]): string[] {
  return objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`);
}

describe('sortObjects', () => {
  const obj = (kind: string, name: string): KObject => ({ apiVersion: 'v1', kind, metadata: { name } });
  const kinds = (objects: KObject[]) => objects.map((o) => o.kind);

  test('keeps the order objects come in when sortOptions say fifo', () => {
    const objects = [obj('Service', 's'), obj('Namespace', 'n'), obj('ConfigMap', 'c')];
    expect(kinds(sortObjects(objects, { order: 'fifo' }))).toEqual(['Service', 'Namespace', 'ConfigMap']);
  });

  test("replaces both of Kustomize's lists when legacySortOptions are given (a kind in both goes last, as kubectl puts it)", () => {
    const objects = [obj('Service', 's'), obj('Namespace', 'n'), obj('ConfigMap', 'c')];
    expect(kinds(sortObjects(objects, { order: 'legacy', legacySortOptions: { orderFirst: ['Service'], orderLast: ['Service'] } }))).toEqual(['ConfigMap', 'Namespace', 'Service']);
    expect(kinds(sortObjects(objects, { order: 'legacy', legacySortOptions: { orderFirst: ['Service'] } }))).toEqual(['Service', 'ConfigMap', 'Namespace']);
  });

  test('covers every ranked kind when the oracle tree is built', () => {
    const kinds = new Set(inputObjects().map((o) => o.kind));
    for (const kind of [...KIND_ORDER_FIRST, ...KIND_ORDER_LAST]) expect(kinds, kind).toContain(kind);
    expect(inputObjects().length).toBeGreaterThanOrEqual(40);
  });

  test('orders objects as the committed kubectl kustomize output does when kinds, groups and namespaces mix', () => {
    const expected = readFileSync(join(oracleDir, 'expected.txt'), 'utf8').trimEnd().split('\n');
    expect(lines(sortObjects(inputObjects()))).toEqual(expected);
  });

  test.skipIf(!hasKubectl)('orders objects as live kubectl kustomize does when given the oracle tree', () => {
    const run = spawnSync('kubectl', ['kustomize', join(oracleDir, 'input')], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const fromKubectl = parseAllDocuments(run.stdout).map((doc) => doc.toJS() as KObject);
    expect(lines(sortObjects(inputObjects()))).toEqual(lines(fromKubectl));
  });

  test('puts objects without a namespace after every namespace when the GVK is the same', () => {
    const cm = (name: string, namespace?: string): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: namespace ? { name, namespace } : { name } });
    expect(lines(sortObjects([cm('a'), cm('b', 'zz'), cm('c', 'shop'), cm('d', 'shop-2')]))).toEqual(['v1 ConfigMap shop-2/d', 'v1 ConfigMap shop/c', 'v1 ConfigMap zz/b', 'v1 ConfigMap /a']);
  });

  test('keeps the input order when two objects compare equal', () => {
    const a: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { n: '1' } };
    const b: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { n: '2' } };
    expect(compareObjects(a, b)).toBe(0);
    expect(sortObjects([b, a])).toEqual([b, a]);
  });
});
