/**
 * The importer reads each kustomization and patch file once per YAML dialect, however often
 * the tree's collector and planner ask for it: every caller still gets values of its own, and
 * the findings of a file come with every read.
 */
import { describe, expect, test } from 'vitest';
import { readKustomization, type ReadText } from '../../src/import/kustomization.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

const KUSTOMIZATION = bytes(['resources:', '- deployment.yaml', 'patches:', '- path: replicas.yaml', '- path: args.yaml', '  target: {kind: Deployment, name: web}', ''].join('\n'));
const SMP = bytes(['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec: {replicas: 2}', ''].join('\n'));
const JSON_PATCH = bytes(['- op: add', '  path: /spec/template/spec/containers/0/args/-', '  value: --verbose', ''].join('\n'));
const files: Record<string, Uint8Array> = { 'replicas.yaml': SMP, 'args.yaml': JSON_PATCH };
const read: ReadText = (file) => files[file];

describe('reading a kustomization twice from the same bytes', () => {
  test('gives each reader its own patch values', () => {
    const first = readKustomization('kustomization.yaml', KUSTOMIZATION, read).kustomization;
    const [smp, json] = first.patches;
    if (smp?.type !== 'strategic-merge' || json?.type !== 'json6902') throw new Error(`unexpected patches: ${JSON.stringify(first.patches)}`);
    (smp.body.spec as { replicas: number }).replicas = 9;
    (json.ops[0] as { value: unknown }).value = '--quiet';

    const second = readKustomization('kustomization.yaml', KUSTOMIZATION, read).kustomization;
    expect(second.patches).toEqual([
      { type: 'strategic-merge', body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2 } }, field: 'patches[0]', file: 'replicas.yaml' },
      {
        type: 'json6902',
        ops: [{ op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--verbose' }],
        target: { kind: 'Deployment', name: 'web' },
        field: 'patches[1]',
        options: { optional: true },
        file: 'args.yaml',
      },
    ]);
  });

  test('reports a broken patch file on every read', () => {
    const broken: Record<string, Uint8Array> = { ...files, 'replicas.yaml': bytes('kind: Deployment\nkind: Service\n') };
    const readBroken: ReadText = (file) => broken[file];
    for (let i = 0; i < 2; i++) {
      const { findings } = readKustomization('kustomization.yaml', KUSTOMIZATION, readBroken);
      expect(findings.map((f) => [f.code, f.source?.file])).toEqual([['import/duplicate-key', 'replicas.yaml']]);
    }
  });
});
