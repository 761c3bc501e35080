import { describe, expect, test } from 'vitest';
import { importProject } from '../../src/import/import-project.ts';

const deployment = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';

function importKustomization(kustomization: string, extra: Record<string, string> = {}) {
  const files = new Map<string, Uint8Array>(Object.entries({ 'app/kustomization.yaml': kustomization, 'app/cm.yaml': deployment, ...extra }).map(([k, v]) => [k, Buffer.from(v)]));
  return importProject({ paths: ['app'], files }).findings;
}

describe('sortOptions', () => {
  const build = (top: string) => {
    const files = new Map<string, Uint8Array>(
      Object.entries({
        'app/kustomization.yaml': top,
        'app/cm.yaml': deployment,
        'app/base/kustomization.yaml': 'resources:\n- r.yaml\nnamePrefix: b-\nsortOptions: {order: bogus}\n',
        'app/base/r.yaml': deployment.replace('cm', 'r'),
      }).map(([k, v]) => [k, Buffer.from(v)]),
    );
    return importProject({ paths: ['app'], files });
  };

  test('imports fifo over a base listed after the top files, and refuses it over one listed before them', () => {
    const after = build('resources:\n- cm.yaml\n- base\nsortOptions:\n  order: fifo\n');
    expect(after.findings).toEqual([]);
    expect(after.files.get('environments/app.ts')).toContain("sortOptions: { order: 'fifo' }");
    expect(build('resources:\n- base\n- cm.yaml\nsortOptions:\n  order: fifo\n').findings).toEqual([
      expect.objectContaining({
        code: 'import/unsupported-field',
        message: `cannot import 'sortOptions.order' ("fifo"): the fifo order is imported only where every kustomization lists its transforming bases after its own files and includes no Component: kasane gathers a base's objects after those of the kustomization that lists it`,
        source: { file: 'app/kustomization.yaml' },
      }),
    ]);
  });

  test("refuses the sortOptions kubectl refuses, and ignores a base's as kubectl does", () => {
    expect(build('resources:\n- base\nsortOptions:\n  order: fifo\n  legacySortOptions: {orderFirst: [Pod]}\n').findings).toEqual([
      expect.objectContaining({ code: 'import/invalid-kustomization', message: "expected sortOptions.legacySortOptions only with order 'legacy', found order 'fifo'", path: ['sortOptions'] }),
    ]);
    expect(build('resources:\n- base\nsortOptions: {}\n').findings.map((f) => f.message)).toEqual(["expected sortOptions.order to be 'fifo' or 'legacy', found none"]);
    const legacy = build('resources:\n- base\nsortOptions:\n  order: legacy\n  legacySortOptions: {orderFirst: [Pod]}\n');
    expect(legacy.findings).toEqual([]);
    expect(legacy.files.get('environments/app.ts')).toContain("sortOptions: { order: 'legacy', legacySortOptions: { orderFirst: ['Pod'] } }");
  });
});

describe('buildMetadata', () => {
  const files = (k: string) => new Map(Object.entries({ 'app/kustomization.yaml': `resources:\n- cm.yaml\n${k}`, 'app/cm.yaml': deployment }).map(([f, v]) => [f, Buffer.from(v)]));

  test('imports managedByLabel as the label kubectl writes', () => {
    const labelled = importProject({ paths: ['app'], files: files('buildMetadata: [managedByLabel]\n') });
    expect(labelled.findings).toEqual([]);
    expect(labelled.files.get('environments/app.ts')).toContain("buildMetadata: { managedByLabel: 'kustomize-(devel)' }");
  });

  test('writes the origin annotation into the imported objects', () => {
    const got = importProject({ paths: ['app'], files: files('buildMetadata: [originAnnotations]\n') });
    expect(got.findings).toEqual([]);
    expect(got.files.get('components/app.ts')).toContain("'config.kubernetes.io/origin': 'path: cm.yaml\\n'");
  });

  test('refuses origin annotations on objects that two overlays build with different origins', () => {
    const tree = new Map(
      Object.entries({
        'app/base/kustomization.yaml': 'resources:\n- cm.yaml\n',
        'app/base/cm.yaml': deployment,
        'app/overlays/a/kustomization.yaml': 'resources:\n- ../../base\nnamePrefix: a-\nbuildMetadata: [originAnnotations]\n',
        'app/overlays/b/kustomization.yaml': 'resources:\n- ../../base\nnamePrefix: b-\n',
      }).map(([f, v]) => [f, Buffer.from(v)]),
    );
    expect(importProject({ paths: ['app'], files: tree }).findings).toEqual([
      {
        severity: 'error',
        code: 'import/unsupported-layout',
        message:
          "cannot import the origin annotations (buildMetadata: originAnnotations): 'app/base/cm.yaml' is built from both 'app/overlays/a' and 'app/overlays/b', which give it different origins",
        hint: 'import those kustomizations separately, or remove originAnnotations',
        source: { file: 'app/overlays/a/kustomization.yaml' },
        path: ['buildMetadata'],
      },
    ]);
  });
});

describe('unsupportedField', () => {
  test.each([
    ['helmCharts', 'helmCharts:\n- name: redis\n', 'Helm chart inflation is not supported'],
    ['openapi', 'openapi:\n  version: v1.21.2\n', 'only a local schema file (openapi: {path}) is imported, not a URL or a built-in version'],
    ['validators', 'validators:\n- v.yaml\n', 'validator plugins are not supported'],
  ])('reports %s with its file and field when the kustomization uses it', (field, yaml, why) => {
    const findings = importKustomization(`resources:\n- cm.yaml\n${yaml}`);
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'error', code: 'import/unsupported-field', message: `cannot import '${field}': ${why}`, source: { file: 'app/kustomization.yaml' }, path: [field] }),
    ]);
  });

  test.each([
    ['vars', 'vars:\n- name: X\n', 'import/invalid-kustomization', 'expected a var with name and objref { kind, name }', 'app/kustomization.yaml', ['vars', 0]],
    ['replacements', 'replacements:\n- source: {kind: ConfigMap}\n', 'import/invalid-kustomization', 'expected a replacement with source and targets', 'app/kustomization.yaml', ['replacements', 0]],
    ['configurations', 'configurations:\n- config.yaml\n', 'import/missing-file', "expected the file 'app/config.yaml', found nothing", 'app/kustomization.yaml', ['configurations', 0]],
    [
      'crds',
      'crds:\n- crds.yaml\n',
      'import/invalid-kustomization',
      "expected 'app/crds.yaml' to map OpenAPI type names to { Schema, Dependencies }, found a list",
      'app/kustomization.yaml',
      ['crds', 0],
    ],
    ['crds paths', 'crds:\n- {path: c.yaml}\n', 'import/invalid-kustomization', 'expected the path of a file of OpenAPI definitions', 'app/kustomization.yaml', ['crds', 0]],
    [
      'configuration keys',
      'configurations:\n- c.yaml\n',
      'import/invalid-kustomization',
      "expected one of namePrefix, nameSuffix, namespace, commonLabels, templateLabels, labels, commonAnnotations, images, replicas, varReference, nameReference, found 'nameReferences'",
      'app/c.yaml',
      ['nameReferences'],
    ],
  ])('reports malformed %s with its file and field', (_what, yaml, code, message, file, path) => {
    const findings = importKustomization(`resources:\n- cm.yaml\n${yaml}`, { 'app/c.yaml': 'nameReferences: []\n', 'app/crds.yaml': '- Schema: {}\n' });
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', code, message, source: { file }, path })]);
  });

  test('reports a transformer plugin entry by its kind, file and index', () => {
    const findings = importKustomization('resources:\n- cm.yaml\ntransformers:\n- plugin.yaml\n', { 'app/plugin.yaml': 'apiVersion: example.com/v1\nkind: SetOwner\nmetadata: {name: x}\n' });
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'import/unsupported-field',
        message: "cannot import 'transformers' entry SetOwner (apiVersion example.com/v1): it is a plugin (an exec plugin or a KRM function), which kasane does not run",
        source: { file: 'app/kustomization.yaml' },
        path: ['transformers', 0],
      }),
    ]);
  });

  test('reports a reference to a transformer configuration that is missing', () => {
    const findings = importKustomization('resources:\n- cm.yaml\ngenerators:\n- gen.yaml\n');
    expect(findings.map((f) => [f.code, f.message, f.path])).toEqual([
      ['import/missing-file', "expected the configuration file 'app/gen.yaml', found nothing (a folder of generated configurations is not imported)", ['generators', 0]],
    ]);
  });

  test('reports a remote base by its index when a resource is a URL', () => {
    const findings = importKustomization('resources:\n- cm.yaml\n- https://github.com/example/repo//base?ref=v1\n');
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'import/unsupported-field',
        message: `cannot import 'resources[1]' ("https://github.com/example/repo//base?ref=v1"): remote bases (URLs, git repositories) are not fetched`,
        path: ['resources', 1],
      }),
    ]);
  });

  test('imports patch options and label field specs when an entry uses them', () => {
    const findings = importKustomization(
      'resources:\n- cm.yaml\nlabels:\n- pairs: {a: b}\n  fields:\n  - path: spec/x\npatches:\n- patch: "{kind: ConfigMap, metadata: {name: cm}}"\n  options:\n    allowNameChange: true\n',
    );
    expect(findings).toEqual([]);
  });

  test('reports a kustomization kind other than Kustomization and Component', () => {
    const findings = importKustomization('apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Plugin\nresources:\n- cm.yaml\n');
    expect(findings[0]).toMatchObject({ code: 'import/unsupported-field', message: 'cannot import \'kind\' ("Plugin"): only kinds Kustomization and Component are imported', path: ['kind'] });
  });

  test('reports a remote component and a missing component folder by their index', () => {
    const findings = importKustomization('resources:\n- cm.yaml\ncomponents:\n- https://github.com/example/repo//comp?ref=v1\n- ../feature\n');
    expect(findings.map((f) => [f.code, f.message, f.path])).toEqual([
      ['import/unsupported-field', 'cannot import \'components[0]\' ("https://github.com/example/repo//comp?ref=v1"): remote components (URLs, git repositories) are not fetched', ['components', 0]],
      ['import/missing-file', "expected the Component folder 'feature', found no kustomization there", ['components', 1]],
    ]);
  });

  test('reports an unknown field with a fix when the field is misspelled', () => {
    const findings = importKustomization('resources:\n- cm.yaml\nnamePrefx: a-\n');
    expect(findings).toEqual([expect.objectContaining({ code: 'import/unknown-field', message: "expected a Kustomize field kasane imports, found 'namePrefx'", path: ['namePrefx'] })]);
  });

  test('imports two transforming bases as groups when an overlay combines them', () => {
    const findings = importKustomization('resources:\n- ../a\n- ../b\n', {
      'a/kustomization.yaml': 'resources: [cm.yaml]\nnamePrefix: a-\n',
      'a/cm.yaml': deployment,
      'b/kustomization.yaml': 'resources: [cm.yaml]\nnamePrefix: b-\n',
      'b/cm.yaml': deployment,
    });
    expect(findings).toEqual([]);
  });
});
