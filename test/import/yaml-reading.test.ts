/**
 * Import reads its input as kubectl does and keeps that meaning through the generated code to
 * the rendered YAML: plain YAML as `kubectl apply -f` reads it (YAML 1.1), a Kustomize tree's
 * resources as `kubectl kustomize` reads them. Every expected value below is kubectl's reading
 * of the same scalar, recorded in test/oracle/yaml-read/readings.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { KObject } from '../../src/k8s/object.ts';
import { runCli, writeProject } from '../helpers/project.ts';
import { importAndRender } from './harness.ts';

const hasKubectl = spawnSync('kubectl', ['version', '--client']).status === 0;
if (!hasKubectl) console.warn('skipping the kubectl zero-diff part of the import reading test: kubectl not found');

const DEPLOYMENT = `
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    progressDeadlineSeconds: 0x258
    selector:
      matchLabels: {app: web}
    template:
      metadata:
        labels: {app: web}
      spec:
        containers:
        - name: web
          image: nginx:1.27.0
          tty: yes
          stdin: on
        volumes:
        - name: config
          configMap: {name: web, defaultMode: 0644}
`;
const WIDGET = `
  apiVersion: example.com/v1
  kind: Widget
  metadata:
    name: w
  spec:
    big: 9223372036854775807
    above: 9007199254740993
    mask: 0b101
    count: 1_000
    nothing: ~
    date: 2001-12-14
    enabled: y
    mode: 0755
`;
const PROTO = `
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: proto
  data:
    __proto__: x
    constructor: "y"
`;

function byName(objects: readonly KObject[], name: string): Record<string, unknown> {
  const found = objects.find((o) => o.metadata.name === name);
  expect(found, `object '${name}'`).toBeDefined();
  return found as unknown as Record<string, unknown>;
}

describe('import reads as kubectl reads', () => {
  test('keeps the YAML 1.1 meaning of plain YAML: octal, booleans, underscores, big integers, __proto__ keys', async () => {
    const dir = writeProject({ 'app.yaml': `${DEPLOYMENT}---${WIDGET}---${PROTO}` });
    const got = await importAndRender(['app.yaml'], dir);
    expect(got.result.findings).toEqual([]);
    const rendered = got.rendered.get('main')!;
    const web = byName(rendered, 'web') as {
      spec: { progressDeadlineSeconds: unknown; template: { spec: { containers: Record<string, unknown>[]; volumes: { configMap: Record<string, unknown> }[] } } };
    };
    expect(web.spec.progressDeadlineSeconds).toBe(600);
    expect(web.spec.template.spec.containers[0]).toMatchObject({ tty: true, stdin: true });
    expect(web.spec.template.spec.volumes[0]!.configMap.defaultMode).toBe(420);
    expect(byName(rendered, 'w').spec).toStrictEqual({ big: 9223372036854775807n, above: 9007199254740993n, mask: 5, count: 1000, nothing: null, date: '2001-12-14', enabled: true, mode: 493 });
    if (hasKubectl) {
      // The zero-diff check asks kubectl itself how it reads the input.
      const run = await runCli(['import', 'app.yaml', '--out', path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-reading-')), 'p')], dir);
      expect(run.stderr).toContain("zero diff: 'main' renders the same 3 objects as the imported YAML");
      expect(run.stderr).not.toContain('note: zero-diff check');
    }
    const data = byName(rendered, 'proto').data as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(data, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  });

  test("keeps the text of a strategic-merge patch's annotation values, and converts its labels, as kubectl kustomize does", async () => {
    // kubectl kustomize prints: annotations b: "true", octal: "0644"; labels v: 1.1.
    const patch = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: cm', '  annotations:', '    octal: 0644', '    b: true', '  labels:', '    v: 1.10'];
    const dir = writeProject({
      'app/kustomization.yaml': `resources: [cm.yaml]\npatches:\n- patch: |-\n${patch.map((l) => `    ${l}`).join('\n')}\n`,
      'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n',
    });
    const got = await importAndRender(['app'], dir);
    expect(got.result.findings).toEqual([]);
    expect(got.rendered.get('app')).toStrictEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { annotations: { b: 'true', octal: '0644' }, labels: { v: 1.1 }, name: 'cm' } }]);
  });

  test('writes big integers as bigint literals and __proto__ as a computed key in the generated code', async () => {
    const dir = writeProject({ 'app.yaml': `${WIDGET}---${PROTO}` });
    const got = await importAndRender(['app.yaml'], dir);
    const code = [...got.result.files]
      .filter(([f]) => f.startsWith('components/'))
      .map(([, c]) => String(c))
      .join('\n');
    expect(code).toContain('big: 9223372036854775807n as unknown as number,');
    expect(code).toContain("['__proto__']: 'x'");
    expect(code).not.toMatch(/(^|[^[])'?__proto__'?:/m);
  });

  test('reads the resources of a Kustomize tree as kubectl kustomize does, and zero-diffs against it', async () => {
    const dir = writeProject({
      'base/kustomization.yaml': 'resources: [widget.yaml]\n',
      'base/widget.yaml': WIDGET,
      'overlays/prod/kustomization.yaml': 'resources: [../../base]\nnamePrefix: prod-\n',
    });
    const got = await importAndRender(['.'], dir);
    expect(got.result.findings).toEqual([]);
    // kustomize reads with go-yaml v3: `y` stays text and a plain date becomes RFC 3339.
    expect(byName(got.rendered.get('prod')!, 'prod-w').spec).toStrictEqual({
      big: 9223372036854775807n,
      above: 9007199254740993n,
      mask: 5,
      count: 1000,
      nothing: null,
      date: '2001-12-14T00:00:00Z',
      enabled: 'y',
      mode: 493,
    });
    if (!hasKubectl) return;
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'kasane-import-reading-')), 'p');
    const run = await runCli(['import', '.', '--out', out], dir);
    expect(run.stderr).toContain("zero diff: 'prod' renders the same 1 object as kubectl kustomize overlays/prod");
    expect(run.code).toBe(0);
  });
});
