import { describe, expect, test } from 'vitest';
import type { Resource } from '../../src/k8s/resource.ts';
import { applyPatches } from '../../src/overlay/apply-patches.ts';
import { jsonPatch, patch, strategicMerge } from '../../src/define/patch.ts';

const cm = (name: string, data: Record<string, string> = { a: '1' }): Resource => ({
  object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data },
  component: 'c',
});

describe('applyPatches', () => {
  test('applies function, strategic merge and JSON patches in order', () => {
    const r = applyPatches(
      [cm('one'), cm('two')],
      [
        patch('ConfigMap', 'one', (o) => {
          o.data = { ...o.data, b: '2' };
        }),
        strategicMerge({ kind: 'ConfigMap', name: 'one' }, { data: { a: null } }),
        jsonPatch({ kind: 'ConfigMap', name: 'two' }, [{ op: 'replace', path: '/data/a', value: 'x' }]),
      ],
      'dev',
    );
    expect(r.findings).toEqual([]);
    expect(r.resources.map((x) => x.object.data)).toEqual([{ b: '2' }, { a: 'x' }]);
    expect(r.resources[0]!.history!.map((h) => h.step)).toEqual(['patch (function)', 'patch (strategic-merge)']);
  });

  test('a top-level $patch: delete removes the object', () => {
    const r = applyPatches([cm('one'), cm('two'), cm('three')], [strategicMerge({ kind: 'ConfigMap', name: 'two' }, { $patch: 'delete' })], 'dev');
    expect(r.resources.map((x) => x.object.metadata.name)).toEqual(['one', 'three']);
  });

  test('a patch that matches nothing is an error with a suggestion, unless optional', () => {
    const r = applyPatches([cm('api-config')], [strategicMerge({ kind: 'ConfigMap', name: 'api-confg' }, { data: { a: '2' } })], 'dev');
    expect(r.findings.map((f) => [f.code, f.message])).toEqual([['overlay/patch-target-not-found', `patch target ConfigMap/api-confg matches no object (did you mean 'api-config'?)`]]);
    expect(applyPatches([cm('x')], [patch('ConfigMap', 'y', () => undefined, { optional: true })], 'dev').findings).toEqual([]);
  });

  test('never changes its inputs and reports a throwing function with its message', () => {
    const input = [cm('one')];
    const frozen = JSON.stringify(input);
    const r = applyPatches(
      input,
      [
        patch('ConfigMap', 'one', () => {
          throw new Error('boom');
        }),
      ],
      'dev',
    );
    expect(JSON.stringify(input)).toBe(frozen);
    expect(r.findings[0]).toMatchObject({ code: 'overlay/patch-threw', message: 'patch threw: boom', object: { kind: 'ConfigMap', name: 'one' } });
  });

  test('a patch may not change the identity of the object', () => {
    const r = applyPatches([cm('one')], [patch('ConfigMap', 'one', (o) => ({ ...o, kind: 'Secret' }) as never)], 'dev');
    expect(r.findings[0]!.code).toBe('overlay/patch-broke-object');
  });
});
