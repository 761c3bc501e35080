/**
 * `buildMetadata.transformerAnnotations` in kasane's own API. The rules (every transformer a
 * level runs is listed on every object it holds, changed or not; a group's before the
 * environment's; one entry per patch, a `labels` list counts one more for Kustomize's
 * commonLabels; generators and transform functions list nothing; hash suffixes stay) are the ones
 * kubectl follows in the build-metadata-transformers* cases of test/conformance/kustomize.
 */
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { defineComponent } from '../../src/define/component.ts';
import { defineEnvironment } from '../../src/define/environment.ts';
import { configMapGenerator } from '../../src/define/generators.ts';
import { defineGroup } from '../../src/define/group.ts';
import { jsonPatch, strategicMerge } from '../../src/define/patch.ts';
import type { KObject } from '../../src/k8s/object.ts';
import { render } from '../../src/pipeline/render.ts';
import { TRANSFORMATIONS_ANNOTATION, transformationsText } from '../../src/overlay/build-metadata.ts';
import type { Environment, EnvironmentProps } from '../../src/project/environment.ts';
import type { GroupProps } from '../../src/project/group.ts';

const config = { out: 'rendered', environmentsDir: 'environments' };

const web = defineComponent({
  name: 'web',
  values: z.object({}),
  build: () => [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } } },
  ],
});

function renderWith(group: Partial<GroupProps>, env: Partial<EnvironmentProps>): Map<string, KObject> {
  const base = defineGroup({ name: 'base', namePrefix: 'b-', components: [web], ...group });
  const prod: Environment = defineEnvironment({
    name: 'prod',
    components: [base],
    namespace: 'shop',
    labels: [{ pairs: { team: 'a' } }],
    patches: [strategicMerge({ kind: 'Deployment', name: 'b-web' }, { metadata: { annotations: { patched: 'yes' } } })],
    replicas: [{ name: 'b-web', count: 2 }],
    generators: [configMapGenerator({ name: 'flags', literals: ['A=1'] })],
    transforms: [(objects) => objects],
    ...env,
  });
  const result = render({ config, environments: [prod], files: new Map() }, 'prod', { validate: false });
  expect(result.findings).toEqual([]);
  return new Map(result.resources.map((r) => [`${r.object.kind}/${r.object.metadata.name}`, r.object]));
}

const runs = (configuredIn: string, kinds: string[]) => kinds.map((kind) => ({ configuredIn, kind }));
const annotation = (o: KObject | undefined) => o?.metadata.annotations?.[TRANSFORMATIONS_ANNOTATION];

describe('transformerAnnotations', () => {
  test("lists every transformer a level ran on each object it held, the group's first, named by the levels", () => {
    const got = renderWith({}, { buildMetadata: { transformerAnnotations: true } });
    const env = runs('prod', ['PatchTransformer', 'NamespaceTransformer', 'LabelTransformer', 'LabelTransformer', 'ReplicaCountTransformer']);
    // The patch and the replicas change only the Deployment: the Service lists them all the same.
    expect(annotation(got.get('Service/b-web'))).toBe(transformationsText([...runs('base', ['PrefixTransformer']), ...env]));
    expect(annotation(got.get('Deployment/b-web'))).toBe(annotation(got.get('Service/b-web')));
    // The environment's generator makes its ConfigMap before the environment's transformers run.
    expect(annotation(got.get('ConfigMap/flags-89g4tffbfk'))).toBe(transformationsText(env));
  });

  test('names each level by its configuredIn, relative to the folder of the rendered one', () => {
    const got = renderWith({ configuredIn: 'base/kustomization.yaml' }, { configuredIn: 'overlays/prod/kustomization.yaml', buildMetadata: { transformerAnnotations: true } });
    expect(annotation(got.get('Service/b-web'))).toMatch(
      /^- configuredIn: \.\.\/\.\.\/base\/kustomization\.yaml\n {2}configuredBy:\n {4}apiVersion: builtin\n {4}kind: PrefixTransformer\n- configuredIn: kustomization\.yaml\n/,
    );
  });

  test('names a builtin transformer by its annotatedAs, else by its level and kind', () => {
    const got = renderWith(
      { namePrefix: undefined },
      {
        namespace: undefined,
        labels: undefined,
        patches: undefined,
        replicas: undefined,
        configuredIn: 'overlays/prod/kustomization.yaml',
        builtinTransformers: [
          { kind: 'LabelTransformer', labels: { a: '1' }, fieldSpecs: [{ path: 'metadata/labels', create: true }], annotatedAs: { configuredIn: 'overlays/prod/t/labels.yaml', name: 'add a' } },
          { kind: 'AnnotationsTransformer', annotations: { b: '1' }, fieldSpecs: [{ path: 'metadata/annotations', create: true }] },
        ],
        buildMetadata: { transformerAnnotations: true },
      },
    );
    expect(annotation(got.get('Service/web'))).toBe(
      transformationsText([
        { configuredIn: 't/labels.yaml', kind: 'LabelTransformer', name: 'add a' },
        { configuredIn: 'kustomization.yaml', kind: 'AnnotationsTransformer' },
      ]),
    );
  });

  test('annotates nothing and keeps the hash suffixes without the option', () => {
    const off = renderWith({}, {});
    const on = renderWith({}, { buildMetadata: { transformerAnnotations: true } });
    expect([...off.keys()]).toEqual([...on.keys()]);
    expect([...off.values()].map(annotation)).toEqual([undefined, undefined, undefined]);
  });

  test('writes the layout Kustomize writes', () => {
    expect(transformationsText([{ configuredIn: '../base/kustomization.yaml', kind: 'PrefixTransformer' }])).toBe(
      '- configuredIn: ../base/kustomization.yaml\n  configuredBy:\n    apiVersion: builtin\n    kind: PrefixTransformer\n',
    );
  });

  test.each([
    // As kubectl writes a transformers: entry's metadata.name (checked with kubectl kustomize).
    ['x: y', "'x: y'"],
    ['my name', 'my name'],
    ['yes', '"yes"'],
    ['123', '"123"'],
    ['1e3', '"1e3"'],
    ['-a', '-a'],
    ['a#b', 'a#b'],
    ['a #b', "'a #b'"],
    ["it's", "it's"],
    ['0x1F', '"0x1F"'],
    ['a:b', 'a:b'],
    ['trailing:', "'trailing:'"],
    ['.5', '".5"'],
    ['1_000', '"1_000"'],
    ['on', '"on"'],
    ['null', '"null"'],
    ['~', '"~"'],
    ['1.2.3', '1.2.3'],
    ['v1.0', 'v1.0'],
    [' lead', "' lead'"],
    ['a\\tb', 'a\\tb'],
  ])('writes the name %j as %s', (name, written) => {
    expect(transformationsText([{ configuredIn: 'k.yaml', kind: 'LabelTransformer', name }])).toBe(
      `- configuredIn: k.yaml\n  configuredBy:\n    apiVersion: builtin\n    kind: LabelTransformer\n    name: ${written}\n`,
    );
  });

  test('lists a late patch and the images after the labels, one entry each', () => {
    const got = renderWith(
      { namePrefix: undefined },
      {
        namespace: undefined,
        labels: { team: 'a' },
        patches: [jsonPatch({ kind: 'Deployment' }, [{ op: 'add', path: '/metadata/annotations', value: { late: 'yes' } }], { afterAnnotations: true })],
        replicas: undefined,
        images: [
          { name: 'nginx', newTag: '1' },
          { name: 'redis', newTag: '2' },
        ],
        buildMetadata: { transformerAnnotations: true },
      },
    );
    expect(annotation(got.get('Service/web'))).toBe(transformationsText(runs('prod', ['LabelTransformer', 'PatchJson6902Transformer', 'ImageTagTransformer', 'ImageTagTransformer'])));
  });
});
