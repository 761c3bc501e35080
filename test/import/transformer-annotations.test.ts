/**
 * Import of `buildMetadata: [transformerAnnotations]`: the rendered environment gets the option,
 * every level it builds the kustomization file it came from as `configuredIn`; what kasane would
 * list differently from kubectl is refused with the field that causes it. The rendered output is
 * checked against kubectl by the build-metadata-transformers* cases (kustomize-cases.test.ts).
 */
import { describe, expect, test } from 'vitest';
import { importProject } from '../../src/import/import-project.ts';

const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n';

function importTree(tree: Record<string, string>) {
  const files = new Map<string, Uint8Array>(Object.entries(tree).map(([k, v]) => [k, Buffer.from(v)]));
  return importProject({ paths: ['app/overlays/prod'], files });
}

const base = { 'app/base/kustomization.yaml': 'resources:\n- cm.yaml\nnamePrefix: b-\n', 'app/base/cm.yaml': configMap };

describe('transformerAnnotations import', () => {
  test('writes the option on the rendered environment and each level its kustomization file', () => {
    const got = importTree({ ...base, 'app/overlays/prod/kustomization.yaml': 'resources:\n- ../../base\nnamespace: shop\nbuildMetadata: [managedByLabel, transformerAnnotations]\n' });
    expect(got.findings).toEqual([]);
    const prod = [...got.files].find(([f]) => f.startsWith('environments/') && f.endsWith('.ts') && got.files.get(f)!.toString().includes('buildMetadata'));
    expect(prod?.[1].toString()).toContain("buildMetadata: { managedByLabel: 'kustomize-(devel)', transformerAnnotations: true }");
    expect(prod?.[1].toString()).toContain("configuredIn: 'app/overlays/prod/kustomization.yaml'");
    expect([...got.files.values()].some((c) => c.toString().includes("configuredIn: 'app/base/kustomization.yaml'"))).toBe(true);
  });

  test('keeps the list form of one labels entry with includeSelectors, which Kustomize counts as two transformers', () => {
    const labels = 'labels:\n- pairs:\n    b: "2"\n  includeSelectors: true\n';
    const env = (top: string) => {
      const got = importTree({ ...base, 'app/base/kustomization.yaml': `resources:\n- cm.yaml\n${labels}`, 'app/overlays/prod/kustomization.yaml': `resources:\n- ../../base\n${top}` });
      expect(got.findings).toEqual([]);
      return [...got.files].find(([f, c]) => f.endsWith('.ts') && c.toString().includes("b: '2'"))![1].toString();
    };
    expect(env('buildMetadata: [transformerAnnotations]\n')).toContain("labels: [{ pairs: { b: '2' }, includeSelectors: true }]");
    expect(env('')).toContain("labels: { b: '2' }");
  });

  test('names a transformers: entry by its file, kind and metadata.name, only for a build that annotates', () => {
    const tree = (top: string) => ({
      ...base,
      'app/base/kustomization.yaml': 'resources:\n- cm.yaml\ntransformers:\n- smp.yaml\n',
      'app/base/smp.yaml':
        'apiVersion: builtin\nkind: PatchStrategicMergeTransformer\nmetadata:\n  name: add-data\npatches: |-\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm\n  data:\n    x: "1"\n',
      'app/overlays/prod/kustomization.yaml': `resources:\n- ../../base\n${top}`,
    });
    const code = (top: string) => [...importTree(tree(top)).files.values()].map((c) => c.toString().replace(/\s+/g, ' ')).join('\n');
    expect(code('buildMetadata: [transformerAnnotations]\n')).toContain("annotatedAs: { configuredIn: 'app/base/smp.yaml', kind: 'PatchStrategicMergeTransformer', name: 'add-data', }");
    expect(code('')).not.toContain('annotatedAs');
  });

  test('writes no configuredIn when no build asks for the annotations', () => {
    const got = importTree({ ...base, 'app/overlays/prod/kustomization.yaml': 'resources:\n- ../../base\nnamespace: shop\n' });
    expect(got.findings).toEqual([]);
    expect([...got.files.values()].some((c) => c.toString().includes('configuredIn'))).toBe(false);
  });

  const refused = (why: string) =>
    `cannot import the transformer annotations (buildMetadata: transformerAnnotations of 'app/overlays/prod/kustomization.yaml'): ${why}, which kasane does not reproduce`;

  test.each([
    ['patchesStrategicMerge', 'patchesStrategicMerge:\n- p.yaml\n', ['patchesStrategicMerge'], 'Kustomize lists all of patchesStrategicMerge as one PatchStrategicMergeTransformer'],
    ['a patch file of several documents', 'patches:\n- path: two.yaml\n', ['patches', 0], 'Kustomize lists a patch file of several documents as one PatchTransformer'],
    [
      'a transformers: patch that deletes the annotations',
      'transformers:\n- pt.yaml\n',
      ['transformers'],
      'Kustomize drops the list recorded so far when a patch replaces metadata.annotations as a whole',
    ],
    [
      'commonLabels with labels',
      'commonLabels:\n  a: "1"\nlabels:\n- pairs:\n    b: "2"\n',
      ['labels'],
      'Kustomize runs commonLabels and labels as one LabelTransformer per labels entry and one more',
    ],
    [
      'a JSON patch that sets the whole annotations map',
      'patches:\n- target: {kind: ConfigMap}\n  patch: |-\n    - op: add\n      path: /metadata/annotations\n      value: {a: "1"}\n',
      ['patches', 0],
      'Kustomize drops the list recorded so far when a patch replaces metadata.annotations as a whole',
    ],
    [
      'a strategic merge patch that deletes the annotations',
      'patchesJson6902: []\npatches:\n- patch: |-\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: cm\n      annotations: null\n',
      ['patches', 0],
      'Kustomize drops the list recorded so far when a patch replaces metadata.annotations as a whole',
    ],
  ])('refuses %s in a kustomization the build reads', (_name, fields, path, why) => {
    const got = importTree({
      ...base,
      'app/base/kustomization.yaml': `resources:\n- cm.yaml\n${fields}`,
      'app/base/p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  x: "1"\n',
      'app/base/two.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  x: "1"\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  y: "1"\n',
      'app/base/pt.yaml': 'apiVersion: builtin\nkind: PatchJson6902Transformer\nmetadata:\n  name: p\ntarget: {kind: ConfigMap}\njsonOp: \'[{"op": "remove", "path": "/metadata/annotations"}]\'\n',
      'app/base/t.yaml': 'apiVersion: builtin\nkind: AnnotationsTransformer\nmetadata:\n  name: t\nannotations:\n  t: "1"\nfieldSpecs:\n- path: metadata/annotations\n  create: true\n',
      'app/overlays/prod/kustomization.yaml': 'resources:\n- ../../base\nbuildMetadata: [transformerAnnotations]\n',
    });
    expect(got.findings).toEqual([
      {
        severity: 'error',
        code: 'import/unsupported-field',
        message: refused(why),
        hint: 'remove transformerAnnotations, or write the field so that each transformer is one kasane step (patches: one document each, one annotation at a time; commonLabels or labels, not both)',
        source: { file: 'app/base/kustomization.yaml' },
        path,
      },
    ]);
  });
});
