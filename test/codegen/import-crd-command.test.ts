import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { dedent, writeProject } from '../helpers/project.ts';
import { runImportCrd } from './run-import-crd.ts';

const crd = (apiVersion: string, version: string) =>
  dedent(`
  apiVersion: ${apiVersion}
  kind: CustomResourceDefinition
  metadata:
    name: widgets.example.com
  spec:
    group: example.com
    names:
      kind: Widget
      plural: widgets
    scope: Namespaced
    ${version}
`);
const v1 = `versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object`;

/** Runs import-crd in a temp project holding `files`; checks that nothing was written. */
async function importFails(files: Record<string, string>, argv: string[] = ['crds']) {
  const dir = writeProject(files);
  const r = await runImportCrd([...argv, '--out', 'imports'], dir);
  expect(existsSync(path.join(dir, 'imports'))).toBe(false);
  return r;
}

describe('kasane import-crd on bad input', () => {
  test('rejects a v1beta1 CRD naming the file, line and document, with exit 2', async () => {
    const r = await importFails({ 'crds/widget.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\n${crd('apiextensions.k8s.io/v1beta1', 'version: v1')}` });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      [
        "note: crds/widget.yaml:1 (document 1): skipped v1 Namespace 'a', not a CustomResourceDefinition",
        "error: CustomResourceDefinition/widgets.example.com › apiVersion: expected apiVersion 'apiextensions.k8s.io/v1', found 'apiextensions.k8s.io/v1beta1' in document 2 (crds/widget.yaml:6)",
        '  fix: v1beta1 CRDs were removed in Kubernetes 1.22: take the v1 CRD from a newer release of the operator, or `kubectl get crd <name> -o yaml` from a cluster',
        '  code: crd/unsupported-version',
        '1 error',
        'nothing written: fix the errors above and run again',
        '',
      ].join('\n'),
    );
  });

  test('rejects a served version without a schema, with the field path', async () => {
    const r = await importFails({ 'crds/widget.yaml': crd('apiextensions.k8s.io/v1', 'versions:\n    - name: v1\n      served: true\n      storage: true') });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      "error: CustomResourceDefinition/widgets.example.com › spec.versions[0].schema.openAPIV3Schema: expected spec.versions[0].schema.openAPIV3Schema for served version 'v1', found none in document 1 (crds/widget.yaml:1)",
    );
    expect(r.stderr).toContain('  code: crd/missing-schema\n');
  });

  test('reports unreadable YAML with the file, line and document', async () => {
    const r = await importFails({ 'crds/ok.yaml': crd('apiextensions.k8s.io/v1', v1), 'crds/broken.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\nkind: [unclosed\n' });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(0, 4)).toEqual([
      "note: crds/broken.yaml:1 (document 1): skipped v1 Namespace 'a', not a CustomResourceDefinition",
      'error: cannot read document 2: Flow sequence in block collection must be sufficiently indented and end with a ] (crds/broken.yaml:7)',
      '  fix: fix the YAML syntax',
      '  code: crd/invalid-yaml',
    ]);
  });

  test('rejects a document that is not a Kubernetes object', async () => {
    const r = await importFails({ 'crds/list.yaml': '- a\n- b\n' });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('error: CustomResourceDefinition/: expected a CustomResourceDefinition, found ["a","b"] in document 1 (crds/list.yaml:1)');
    expect(r.stderr).toContain('  code: crd/not-a-crd\n');
  });

  test('fails with crd/none-found naming what a folder holds when it has no CRD', async () => {
    const r = await importFails({ 'crds/app.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n' });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').slice(0, 4)).toEqual([
      "note: crds/app.yaml:1 (document 1): skipped apps/v1 Deployment 'web', not a CustomResourceDefinition",
      "error: expected a CustomResourceDefinition in 'crds', found apps/v1 Deployment 'web'",
      "  fix: pass the files that define the CRDs: an operator's CRD bundle, a chart folder (its crds/ is read), or `helm template --include-crds` output",
      '  code: crd/none-found',
    ]);
  });

  test('fails with crd/file-missing when a path does not exist', async () => {
    const r = await importFails({ 'crds/ok.yaml': crd('apiextensions.k8s.io/v1', v1) }, ['crds', 'nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("error: expected a YAML file, folder or Helm chart at 'nope.yaml', found nothing");
  });

  test('rejects an unknown --import-extension with exit 2', async () => {
    const r = await importFails({ 'crds/ok.yaml': crd('apiextensions.k8s.io/v1', v1) }, ['crds', '--import-extension', '.mjs']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: expected --import-extension .ts or .js, found ".mjs"\n');
  });
});

describe('kasane import-crd', () => {
  test('writes one file per CRD and index.ts when given a single file', async () => {
    const dir = writeProject({ 'widget.yaml': crd('apiextensions.k8s.io/v1', v1) });
    const r = await runImportCrd(['widget.yaml'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('example.com/Widget v1 → imports/example.com/widget.ts (widget, widgetCrd)\nimported 1 CRD into imports: 2 files written, 0 unchanged\n');
    expect(existsSync(path.join(dir, 'imports/index.ts'))).toBe(true);
  });

  test("reads the CRDs of a Helm chart's crds/ folder when given the chart", async () => {
    const chart = path.resolve(import.meta.dirname, '../fixtures/helm-charts/external-dns/chart');
    const r = await runImportCrd([chart], writeProject({}));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('externaldns.k8s.io/DNSEndpoint v1alpha1 → imports/externaldns.k8s.io/dns-endpoint.ts (dnsEndpoint, dnsEndpointCrd)');
  });

  test('shows examples in --help', async () => {
    const r = await runImportCrd(['--help'], process.cwd());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('$ kasane import-crd crds/');
  });
});
