import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/errors.ts';
import { importProject } from '../../src/import/import-project.ts';
import { openApiMergeKeys } from '../../src/import/openapi-schema.ts';

const schema = (definitions: unknown) => JSON.stringify({ definitions });
const gvk = (group: string, version: string, kind: string) => ({ 'x-kubernetes-group-version-kind': [{ group, version, kind }] });

describe('openApiMergeKeys', () => {
  test('finds keyed lists by path, through $refs, inside list items, and stops at a cycle', () => {
    const findings: Finding[] = [];
    const got = openApiMergeKeys(
      schema({
        'a.Pod': {
          ...gvk('', 'v1', 'Pod'),
          properties: { spec: { $ref: '#/definitions/a.Spec' } },
        },
        'a.Spec': {
          properties: {
            containers: { type: 'array', items: { $ref: '#/definitions/a.Container' }, 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge' },
            tags: { type: 'array', items: { type: 'string' } },
            self: { $ref: '#/definitions/a.Spec' },
          },
        },
        'a.Container': {
          properties: { ports: { type: 'array', items: { type: 'object' }, 'x-kubernetes-patch-merge-key': 'containerPort', 'x-kubernetes-patch-strategy': 'merge,retainKeys' } },
        },
        'b.Route': { properties: { hosts: { type: 'array', items: {}, 'x-kubernetes-patch-merge-key': 'host' } } },
      }),
      'schema.json',
      findings,
    );
    expect(findings).toEqual([]);
    expect(got).toEqual({
      kinds: ['v1/Pod'],
      lists: [
        { kind: 'v1/Pod', path: 'spec/containers', mergeKey: 'name' },
        { kind: 'v1/Pod', path: 'spec/containers/ports', mergeKey: 'containerPort' },
      ],
    });
  });

  test('refuses a list that merges without a key, and a document without definitions', () => {
    const findings: Finding[] = [];
    const unkeyed = { ...gvk('x.io', 'v1', 'Gate'), properties: { spec: { properties: { finalizers: { type: 'array', items: {}, 'x-kubernetes-patch-strategy': 'merge' } } } } };
    expect(openApiMergeKeys(schema({ g: unkeyed }), 's.json', findings)).toBeUndefined();
    expect(openApiMergeKeys('swagger: "2.0"\n', 't.yaml', findings)).toBeUndefined();
    expect(findings.map((f) => [f.code, f.message, f.source?.file])).toEqual([
      ['import/invalid-openapi', "cannot import the schema: x.io/v1/Gate spec/finalizers merges a list without x-kubernetes-patch-merge-key, which kasane's patches do not do", 's.json'],
      ['import/invalid-openapi', 'expected an OpenAPI document with definitions (swagger 2.0, as `kustomize openapi fetch` writes), found none', 't.yaml'],
    ]);
  });
});

const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';
const smp = 'patches:\n- patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: cm\n    data:\n      a: "1"\n';

function findingsOf(files: Record<string, string>): Pick<Finding, 'code' | 'message' | 'source' | 'path'>[] {
  const tree = new Map(Object.entries(files).map(([f, v]) => [f, Buffer.from(v)]));
  return importProject({ paths: ['app'], files: tree }).findings.map(({ code, message, source, path }) => ({ code, message, source, path }));
}

describe('openapi in a kustomization', () => {
  const s = schema({ r: gvk('x.io', 'v1', 'Router') });

  test('refuses a URL or a built-in version, and a schema file that is not there', () => {
    expect(findingsOf({ 'app/kustomization.yaml': 'resources: [cm.yaml]\nopenapi:\n  path: https://example.com/s.json\n', 'app/cm.yaml': cm })).toEqual([
      {
        code: 'import/unsupported-field',
        message: `cannot import 'openapi' ("https://example.com/s.json"): only a local schema file (openapi: {path}) is imported, not a URL or a built-in version`,
        source: { file: 'app/kustomization.yaml' },
        path: ['openapi'],
      },
    ]);
    expect(findingsOf({ 'app/kustomization.yaml': 'resources: [cm.yaml]\nopenapi:\n  version: v1.21.2\n', 'app/cm.yaml': cm }).map((f) => f.message)).toEqual([
      "cannot import 'openapi': only a local schema file (openapi: {path}) is imported, not a URL or a built-in version",
    ]);
    expect(findingsOf({ 'app/kustomization.yaml': 'resources: [cm.yaml]\nopenapi:\n  path: s.json\n', 'app/cm.yaml': cm })).toEqual([
      { code: 'import/missing-file', message: "expected the OpenAPI schema 'app/s.json', found nothing", source: { file: 'app/kustomization.yaml' }, path: ['openapi', 'path'] },
    ]);
  });

  test('refuses a schema in an overlay whose base patches by strategic merge, which Kustomize would merge with it', () => {
    expect(
      findingsOf({
        'app/kustomization.yaml': `resources: [base]\nopenapi:\n  path: s.json\n`,
        'app/s.json': s,
        'app/base/kustomization.yaml': `resources: [cm.yaml]\n${smp}`,
        'app/base/cm.yaml': cm,
      }),
    ).toEqual([
      {
        code: 'import/unsupported-layout',
        message:
          "cannot import 'openapi' of 'app/kustomization.yaml': Kustomize applies the schema to every patch of the build, and the strategic-merge patches of 'app/base/kustomization.yaml' run before kasane's level reaches it",
        source: { file: 'app/kustomization.yaml' },
        path: ['openapi'],
      },
    ]);
  });

  test('refuses two schemas in one build', () => {
    expect(
      findingsOf({
        'app/kustomization.yaml': `resources: [base]\nopenapi:\n  path: s.json\n`,
        'app/s.json': s,
        'app/base/kustomization.yaml': 'resources: [cm.yaml]\nopenapi:\n  path: s.json\n',
        'app/base/s.json': s,
        'app/base/cm.yaml': cm,
      }).map((f) => f.message),
    ).toEqual(["cannot import 'openapi' of 'app/base/kustomization.yaml': 'app/kustomization.yaml' names a schema in the same build, and Kustomize uses only the first it reads"]);
  });

  test.each([
    ['openapi:\n  path: ../s.json\n', ['openapi', 'path'], '../s.json'],
    ['openapi:\n  path: /etc/hostname\n', ['openapi', 'path'], '/etc/hostname'],
    ['crds: [../../../../etc/passwd]\n', ['crds', 0], '../../../../etc/passwd'],
    ['configurations: [sub/../../s.json]\n', ['configurations', 0], 'sub/../../s.json'],
    ['patches:\n- path: ../p.yaml\n', ['patches', 0], '../p.yaml'],
    ['configMapGenerator:\n- name: c\n  files: [k=../s.json]\n', ['configMapGenerator', 0, 'files', 0], '../s.json'],
  ])('refuses a file outside the kustomization folder, as Kustomize does, and reads nothing there: %s', (field, at, entry) => {
    const findings = findingsOf({ 'app/kustomization.yaml': `resources: [cm.yaml]\n${field}`, 'app/cm.yaml': cm, 's.json': s, 'p.yaml': cm });
    expect(findings.map((f) => [f.code, f.path, f.message])).toEqual([
      ['import/file-outside-kustomization', at, `expected '${entry}' in or below the kustomization's folder, as Kustomize loads the files a kustomization names only from there`],
    ]);
  });
});

describe('schemas whose references fan out', () => {
  // 26 definitions, each with two properties that name the next: 2^26 paths in about 3 KB.
  const names = Array.from({ length: 26 }, (_, i) => `t${i}`);
  const fanOut = (shape: (next: string) => Record<string, unknown>) => Object.fromEntries(names.map((n, i) => [n, i + 1 < names.length ? shape(names[i + 1]!) : {}]));

  test('an openapi schema stops with a finding instead of running for ever', () => {
    const definitions = fanOut((next) => ({ properties: { a: { $ref: `#/definitions/${next}` }, b: { $ref: `#/definitions/${next}` } } }));
    definitions.t0 = { ...definitions.t0, 'x-kubernetes-group-version-kind': [{ group: 'x.io', version: 'v1', kind: 'Router' }] };
    const findings = findingsOf({ 'app/kustomization.yaml': 'resources: [cm.yaml]\nopenapi:\n  path: s.json\n', 'app/cm.yaml': cm, 'app/s.json': JSON.stringify({ definitions }) });
    expect(findings.map((f) => [f.code, f.message])).toEqual([
      ['import/invalid-openapi', "expected a schema whose references can be followed, found one in 'app/s.json' that names more than 1000000 fields ($refs that fan out)"],
    ]);
  });

  test('a crds file stops with a finding instead of running for ever', () => {
    const defs = fanOut((next) => ({ Schema: { properties: { a: { $ref: next }, b: { $ref: next } } } }));
    defs.t0 = { Schema: { properties: { apiVersion: {}, kind: {}, metadata: {}, a: { $ref: 't1' }, b: { $ref: 't1' } } } };
    const findings = findingsOf({ 'app/kustomization.yaml': 'resources: [cm.yaml]\ncrds: [crds.json]\n', 'app/cm.yaml': cm, 'app/crds.json': JSON.stringify(defs) });
    expect(findings.map((f) => [f.code, f.path, f.message])).toEqual([
      ['import/invalid-kustomization', ['crds', 0], "expected a schema whose references can be followed, found one in 'app/crds.json' that names more than 1000000 fields ($refs that fan out)"],
    ]);
  });
});
