import { describe, expect, test } from 'vitest';
import { formatPath, isKasaneError } from '../../../src/errors.ts';
import type { KObject } from '../../../src/k8s/object.ts';
import { applyJson6902, parsePointer } from '../../../src/overlay/patch/json6902.ts';
import type { JsonPatchOp } from '../../../src/project/patch.ts';

const cm = (): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1' } }, data: { 'x/y': '1', 'p~q': '2', list: 'n' } });

function findingOf(target: KObject, ops: JsonPatchOp[]) {
  try {
    applyJson6902(target, ops);
  } catch (e) {
    if (isKasaneError(e)) return e.findings[0];
  }
  throw new Error('expected an error');
}

describe('parsePointer', () => {
  test('unescapes ~1 and ~0 when splitting a pointer', () => {
    expect(parsePointer('/data/x~1y/p~0q/~01')).toEqual(['data', 'x/y', 'p~q', '~1']);
    expect(parsePointer('')).toEqual([]);
  });
});

describe('applyJson6902', () => {
  test('applies ops in order and leaves the target unchanged', () => {
    const target = cm();
    const out = applyJson6902(target, [
      { op: 'replace', path: '/data/x~1y', value: '10' },
      { op: 'remove', path: '/data/p~0q' },
      { op: 'copy', from: '/metadata/labels/a', path: '/data/copied' },
      { op: 'move', from: '/data/list', path: '/metadata/labels/moved' },
      { op: 'test', path: '/metadata/labels', value: { a: '1', moved: 'n' } },
    ]);
    expect(out.data).toEqual({ 'x/y': '10', copied: '1' });
    expect(out.metadata.labels).toEqual({ a: '1', moved: 'n' });
    expect(target.data).toEqual({ 'x/y': '1', 'p~q': '2', list: 'n' });
  });

  test('copies only the maps and lists on the way to a change when patching a deep object', () => {
    const target = { ...cm(), spec: { a: { list: [{ n: 1 }, { n: 2 }] }, untouched: { deep: { x: 1 } } } } as KObject;
    const before = structuredClone(target);
    const spec = target.spec as { a: { list: { n: number }[] }; untouched: object };
    const out = applyJson6902(target, [
      { op: 'replace', path: '/spec/a/list/1/n', value: 20 },
      { op: 'add', path: '/spec/a/list/-', value: { n: 3 } },
      { op: 'move', from: '/spec/untouched', path: '/moved' },
      { op: 'add', path: '/moved/deep/y', value: 2 },
    ]);
    expect(target).toEqual(before);
    const outSpec = out.spec as { a: { list: { n: number }[] }; untouched?: object };
    expect(outSpec.a.list).toEqual([{ n: 1 }, { n: 20 }, { n: 3 }]);
    expect(outSpec.a.list[0]).toBe(spec.a.list[0]);
    expect(out.metadata).toBe(target.metadata);
    expect(out.data).toBe(target.data);
    expect((out as { moved?: unknown }).moved).toEqual({ deep: { x: 1, y: 2 } });
    expect(outSpec.untouched).toBeUndefined();
  });

  test('appends with - and inserts at an index when adding to a list', () => {
    const obj = { ...cm(), items: [1, 2] };
    expect(
      applyJson6902(obj, [
        { op: 'add', path: '/items/-', value: 3 },
        { op: 'add', path: '/items/0', value: 0 },
      ]).items,
    ).toEqual([0, 1, 2, 3]);
  });

  test('names the op index and pointer when a path is missing', () => {
    const f = findingOf(cm(), [
      { op: 'add', path: '/data/z', value: '1' },
      { op: 'remove', path: '/data/nope' },
    ]);
    expect(f).toMatchObject({ code: 'overlay/json-pointer-not-found', path: ['data', 'nope'] });
    expect(f?.message).toMatchInlineSnapshot(`"op 1 (remove "/data/nope"): expected "nope" to exist on the way to the path, found nothing"`);
  });

  test('fails with the values when a test op does not match', () => {
    const f = findingOf(cm(), [{ op: 'test', path: '/metadata/labels/a', value: '2' }]);
    expect(f).toMatchObject({ code: 'overlay/json-patch-test-failed', path: ['metadata', 'labels', 'a'] });
    expect(f?.message).toBe('op 0 (test "/metadata/labels/a"): expected "2", found "1"');
  });

  test('rejects an unknown op and a pointer without a leading slash', () => {
    expect(findingOf(cm(), [{ op: 'merge', path: '/data' } as unknown as JsonPatchOp])?.code).toBe('overlay/json-patch-invalid-op');
    expect(findingOf(cm(), [{ op: 'remove', path: 'data' }])?.code).toBe('overlay/json-patch-invalid-op');
  });

  test('rejects a move into its own child', () => {
    expect(findingOf(cm(), [{ op: 'move', from: '/metadata', path: '/metadata/inner' }])?.code).toBe('overlay/json-patch-invalid-op');
  });

  test('puts list indexes into the finding path as numbers when the pointer walks into a list element', () => {
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { '0': 'zero' } },
      spec: {
        containers: [
          { name: 'a', image: 'a:1' },
          { name: 'b', image: 'b:1' },
        ],
      },
    };
    const f = findingOf(pod, [{ op: 'test', path: '/spec/containers/1/image', value: 'b:2' }]);
    expect(f).toMatchObject({ code: 'overlay/json-patch-test-failed', path: ['spec', 'containers', 1, 'image'] });
    expect(formatPath(f?.path ?? [])).toBe('spec.containers[1].image');
    const missing = findingOf(pod, [{ op: 'remove', path: '/spec/containers/1/ports/0' }]);
    expect(missing).toMatchObject({ code: 'overlay/json-pointer-not-found', path: ['spec', 'containers', 1, 'ports', '0'] });
    expect(findingOf(pod, [{ op: 'remove', path: '/spec/containers/2/image' }])?.path).toEqual(['spec', 'containers', '2', 'image']);
    expect(findingOf(pod, [{ op: 'remove', path: '/metadata/labels/0/x' }])?.path).toEqual(['metadata', 'labels', '0', 'x']);
  });

  test('adds, reads and removes a `__proto__` key as data, never the prototype', () => {
    const out = applyJson6902(cm(), [
      { op: 'add', path: '/data/__proto__', value: 'kept' },
      { op: 'test', path: '/data/__proto__', value: 'kept' },
      { op: 'copy', from: '/data/__proto__', path: '/data/copy' },
    ]);
    expect(Object.getPrototypeOf(out.data)).toBe(Object.prototype);
    expect(Object.hasOwn(out.data as object, '__proto__')).toBe(true);
    expect(JSON.stringify(out.data)).toBe('{"x/y":"1","p~q":"2","list":"n","__proto__":"kept","copy":"kept"}');
    const removed = applyJson6902(out, [{ op: 'remove', path: '/data/__proto__' }]);
    expect(Object.hasOwn(removed.data as object, '__proto__')).toBe(false);
  });

  test('does not find inherited properties such as constructor or toString', () => {
    expect(findingOf(cm(), [{ op: 'remove', path: '/data/constructor' }])).toMatchObject({ code: 'overlay/json-pointer-not-found', path: ['data', 'constructor'] });
    expect(findingOf(cm(), [{ op: 'add', path: '/data/toString/x', value: 1 }])).toMatchObject({ code: 'overlay/json-pointer-not-found' });
    expect(findingOf(cm(), [{ op: 'test', path: '/data/hasOwnProperty', value: 1 }])).toMatchObject({ code: 'overlay/json-pointer-not-found' });
  });

  test('lends an object without annotations an empty map for the patch, as Kustomize keeps one on every object', () => {
    const target = cm();
    const added = applyJson6902(target, [{ op: 'add', path: '/metadata/annotations/owner', value: 'platform' }]);
    expect(added.metadata.annotations).toEqual({ owner: 'platform' });
    expect(target.metadata).not.toHaveProperty('annotations');
    // Added and removed again: no empty map is left behind.
    const scratch = applyJson6902(target, [
      { op: 'add', path: '/metadata/annotations/tmp', value: '1' },
      { op: 'remove', path: '/metadata/annotations/tmp' },
    ]);
    expect(scratch.metadata).toEqual(target.metadata);
    // Only annotations: a missing labels map or a path below a missing annotation still fails.
    expect(findingOf({ ...target, metadata: { name: 'c' } }, [{ op: 'add', path: '/metadata/labels/x', value: '1' }])).toMatchObject({ code: 'overlay/json-pointer-not-found' });
    expect(findingOf(target, [{ op: 'add', path: '/metadata/annotations/a/b', value: '1' }])).toMatchObject({ code: 'overlay/json-pointer-not-found' });
    // An object with annotations is patched as it is.
    const annotated = { ...target, metadata: { ...target.metadata, annotations: { team: 'web' } } };
    expect(applyJson6902(annotated, [{ op: 'add', path: '/metadata/annotations/owner', value: 'p' }]).metadata.annotations).toEqual({ team: 'web', owner: 'p' });
  });
});
