import { describe, expect, test } from 'vitest';
import { readCrd } from '../../src/codegen/crd-input.ts';
import { isKasaneError } from '../../src/errors.ts';

function crd(spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'widgets.example.com' }) {
  return { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata, spec };
}
const schema = { openAPIV3Schema: { type: 'object' } };

function codeOf(doc: unknown): [string, string, unknown] {
  try {
    readCrd(doc, { file: 'crds.yaml', document: 2, line: 30 });
  } catch (error) {
    if (isKasaneError(error)) return [error.code, error.findings[0]!.message, error.findings[0]!.path];
    throw error;
  }
  return ['', '', undefined];
}

describe('readCrd', () => {
  test('keeps served versions only, in the CRD order, with storage and deprecation', () => {
    const read = readCrd(
      crd({
        group: 'example.com',
        names: { kind: 'Widget' },
        versions: [
          { name: 'v1beta1', served: true, storage: false, deprecated: true, schema },
          { name: 'v1alpha1', served: false, schema },
          { name: 'v1', served: true, storage: true, schema },
        ],
      }),
    );
    expect(read.versions.map((v) => [v.name, v.storage, v.deprecation])).toEqual([
      ['v1beta1', false, 'v1beta1 is deprecated'],
      ['v1', true, undefined],
    ]);
  });

  test('drops status and server-set metadata from the CRD data', () => {
    const read = readCrd({
      ...crd(
        { group: 'example.com', names: { kind: 'Widget' }, versions: [{ name: 'v1', served: true, schema }] },
        {
          name: 'widgets.example.com',
          uid: 'u',
          resourceVersion: '9',
          generation: 2,
          labels: { a: 'b' },
          annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'yes' },
        },
      ),
      status: { storedVersions: ['v1'] },
    });
    expect(read.object.metadata).toEqual({ name: 'widgets.example.com', labels: { a: 'b' }, annotations: { keep: 'yes' } });
    expect('status' in read.object).toBe(false);
  });

  test.each([
    [
      'a missing group',
      crd({ names: { kind: 'Widget' }, versions: [{ name: 'v1', served: true, schema }] }),
      ['crd/invalid', 'expected a non-empty spec.group, found undefined in document 3', ['spec', 'group']],
    ],
    [
      'a missing kind',
      crd({ group: 'example.com', names: {}, versions: [{ name: 'v1', served: true, schema }] }),
      ['crd/invalid', 'expected a non-empty spec.names.kind, found undefined in document 3', ['spec', 'names', 'kind']],
    ],
    ['no versions', crd({ group: 'example.com', names: { kind: 'Widget' } }), ['crd/invalid', 'expected a list of versions at spec.versions, found undefined in document 3', ['spec', 'versions']]],
    [
      'no served version',
      crd({ group: 'example.com', names: { kind: 'Widget' }, versions: [{ name: 'v1', served: false }] }),
      ['crd/invalid', 'expected at least one version with served: true, found none in document 3', ['spec', 'versions']],
    ],
    [
      'a version without a name',
      crd({ group: 'example.com', names: { kind: 'Widget' }, versions: [{ served: true }] }),
      ['crd/invalid', 'expected a version with a name at spec.versions[0], found {"served":true} in document 3', ['spec', 'versions', 0]],
    ],
    ['a Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, ['crd/not-a-crd', 'expected a CustomResourceDefinition, found apps/v1 Deployment in document 3', []]],
  ])('throws when given %s', (_name, doc, expected) => {
    expect(codeOf(doc)).toEqual(expected);
  });
});
