import { describe, expect, test } from 'vitest';
import { diffObjects, formatDiffs } from '../../src/import/compare.ts';
import type { KObject } from '../../src/k8s/object.ts';

const cm = (data: Record<string, string>, name = 'cm'): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data }) as KObject;

describe('diffObjects', () => {
  test('finds nothing when objects differ only in key order', () => {
    expect(diffObjects([cm({ a: '1', b: '2' })], [cm({ b: '2', a: '1' })])).toEqual([]);
  });

  test('names the object and each field when values differ', () => {
    const diffs = diffObjects([cm({ a: '1' }), cm({}, 'gone')], [cm({ a: '2' }), cm({}, 'new')]);
    expect(formatDiffs('prod', diffs)).toBe(
      'prod: ConfigMap/cm: 1 field differs\n  data.a: expected "1", rendered "2"\n' +
        'prod: ConfigMap/gone: expected by kubectl kustomize, not rendered by kasane\n' +
        'prod: ConfigMap/new: rendered by kasane, not in the output of kubectl kustomize\n',
    );
  });

  test('treats stringData as its base64 data when comparing Secrets', () => {
    const plain = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { k: 'v' } } as unknown as KObject;
    const stored = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'dg==' } } as unknown as KObject;
    expect(diffObjects([plain], [stored])).toEqual([]);
  });

  test('reports a Secret type kubectl leaves out: import writes a Secret as its manifest was written', () => {
    const untyped = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'dg==' } } as unknown as KObject;
    expect(formatDiffs('prod', diffObjects([untyped], [{ ...untyped, type: 'Opaque' }]))).toBe('prod: Secret/s: 1 field differs\n  type: expected nothing, rendered "Opaque"\n');
  });

  test('never prints a Secret value: a value that differs shows as <redacted> and <changed>', () => {
    const secret = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data }) as unknown as KObject;
    const text = formatDiffs('prod', diffObjects([secret({ same: 'c2FtZQ==', token: 'czNjcjN0' })], [secret({ same: 'c2FtZQ==', token: 'b3RoZXI=' })]));
    expect(text).toBe('prod: Secret/s: 1 field differs\n  data.token: expected "<redacted>", rendered "<changed>"\n');
  });

  test('reads line-wrapped base64 in Secret data as the API server does: no difference', () => {
    const secret = (value: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { k: value } }) as unknown as KObject;
    const long = Buffer.from('x'.repeat(100)).toString('base64');
    expect(diffObjects([secret(`${long.slice(0, 76)}\n${long.slice(76)}`)], [secret(long)])).toEqual([]);
  });
});
