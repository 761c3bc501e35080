import { describe, expect, test } from 'vitest';
import { kustomizeJsonOps } from '../../src/import/json-patch-ops.ts';

describe('kustomizeJsonOps', () => {
  test('a replace of a map key becomes an add; list indexes, `-` and other ops stay', () => {
    expect(
      kustomizeJsonOps([
        { op: 'replace', path: '/metadata/namespace', value: 'ns' },
        { op: 'replace', path: '/spec/template/spec/containers/0/args/1', value: '-v' },
        { op: 'replace', path: '/spec/args/-', value: 'x' },
        { op: 'remove', path: '/metadata/labels' },
        { op: 'replace', path: 'no-slash', value: 1 },
        'not an op',
      ]),
    ).toStrictEqual([
      { op: 'add', path: '/metadata/namespace', value: 'ns' },
      { op: 'replace', path: '/spec/template/spec/containers/0/args/1', value: '-v' },
      { op: 'replace', path: '/spec/args/-', value: 'x' },
      { op: 'remove', path: '/metadata/labels' },
      { op: 'replace', path: 'no-slash', value: 1 },
      'not an op',
    ]);
  });
});
