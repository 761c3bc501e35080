/**
 * `kasane validate -f` with `--kubernetes-version`, `--upgrade-to` and `--crds`: CRDs from a
 * file, a multi-document stream, a folder or a Helm chart's crds/ check the custom resources
 * they define; input that is not a usable CRD, and unsupported versions, stop with exit 2.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, writeProject } from '../helpers/project.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');

const pod = `
  apiVersion: v1
  kind: Pod
  metadata:
    name: p
  spec:
    hostnameOverride: h
    containers:
    - name: c
      image: nginx:1.27.0
`;

const serviceMonitor = `
  apiVersion: monitoring.coreos.com/v1
  kind: ServiceMonitor
  metadata:
    name: api
  spec:
    selector:
      matchLabels: { app: api }
    endpoints:
    - port: http
      intervall: 30s
`;

const dnsEndpoint = `
  apiVersion: externaldns.k8s.io/v1alpha1
  kind: DNSEndpoint
  metadata:
    name: www
  spec:
    endpoints:
    - dnsName: www.example.com
      recordTTL: "300"
`;

function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('error:'));
}

describe('validate -f --kubernetes-version and --upgrade-to', () => {
  test('checks the files against the minor given instead of the newest', async () => {
    const dir = writeProject({ 'pod.yaml': pod });
    expect((await runCli(['validate', '-f', 'pod.yaml'], dir)).code).toBe(0);
    const r = await runCli(['validate', '-f', 'pod.yaml', '--kubernetes-version', 'v1.33.1'], dir);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual(["error: Pod/p › spec.hostnameOverride: unknown field 'hostnameOverride' (pod.yaml:1)"]);
  });

  test.each(['1.28', '1.x', 'newest'])('refuses --kubernetes-version %j with exit 2 and the supported minors', async (version) => {
    const r = await runCli(['validate', '-f', 'pod.yaml', '--kubernetes-version', version], writeProject({ 'pod.yaml': pod }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --kubernetes-version: expected a Kubernetes version/);
    expect(r.stderr).toContain("fix: pass --kubernetes-version one of '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', or leave it out for '1.36'");
  });

  test('--upgrade-to lists what the target minor reports and the current one does not', async () => {
    const dir = writeProject({
      'pod.yaml': pod,
      'fs.yaml': 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: f\nspec:\n  priorityLevelConfiguration: { name: global-default }\n',
    });
    const r = await runCli(['validate', '-f', 'fs.yaml', '-f', 'pod.yaml', '--kubernetes-version', '1.34', '--upgrade-to', '1.31'], dir);
    // Going down: hostnameOverride is new in 1.34, flowcontrol v1beta3 comes back deprecated.
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => /^(error|warning):/.test(l))).toEqual([
      'warning: FlowSchema/f › apiVersion: flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is deprecated since Kubernetes 1.29 and removed in 1.32: use flowcontrol.apiserver.k8s.io/v1 FlowSchema (fs.yaml:1)',
      "error: Pod/p › spec.hostnameOverride: unknown field 'hostnameOverride' (pod.yaml:1)",
    ]);
    expect(r.stderr).toContain('upgrade to Kubernetes 1.31 (fs.yaml, pod.yaml 1.34 → 1.31): the upgrade breaks what is listed above');
  });
});

describe('validate -f --crds', () => {
  test('warns about a custom resource without its CRD, and checks it against the CRD of a multi-document stream', async () => {
    const dir = writeProject({ 'sm.yaml': serviceMonitor });
    const bare = await runCli(['validate', '-f', 'sm.yaml'], dir);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toContain('code: schema/unknown-kind');
    const r = await runCli(['validate', '-f', 'sm.yaml', '--crds', path.join(fixtures, 'crds/prometheus-operator/bundle.yaml')], dir);
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual(["error: ServiceMonitor/api › spec.endpoints[0].intervall: unknown field 'intervall' (did you mean 'interval'?) (sm.yaml:1)"]);
    expect(r.stderr).toContain("skipped v1 Namespace 'monitoring', not a CustomResourceDefinition");
  });

  test("reads a Helm chart's crds/ folder (not its templates), and the charts in a folder", async () => {
    const dir = writeProject({ 'dns.yaml': dnsEndpoint, 'charts/dns/Chart.yaml': 'apiVersion: v2\nname: dns\nversion: 1.0.0\n', 'charts/dns/templates/x.yaml': '{{ .Values.x }}: [\n' });
    mkdirSync(path.join(dir, 'charts/dns/crds'));
    copyFileSync(path.join(fixtures, 'helm-charts/external-dns/chart/crds/dnsendpoints.externaldns.k8s.io.yaml'), path.join(dir, 'charts/dns/crds/dns.yaml'));
    for (const crds of [path.join(fixtures, 'helm-charts/external-dns/chart'), 'charts']) {
      const r = await runCli(['validate', '-f', 'dns.yaml', '--crds', crds], dir);
      expect(r.code, crds).toBe(1);
      expect(errorLines(r.stderr), crds).toEqual(['error: DNSEndpoint/www › spec.endpoints[0].recordTTL: expected integer, found string "300" (dns.yaml:1)']);
    }
  });

  test('notes a packed sub-chart, whose crds/ it cannot read', async () => {
    const dir = writeProject({ 'dns.yaml': dnsEndpoint.replace('"300"', '300') });
    const chart = path.join(dir, 'chart');
    mkdirSync(path.join(chart, 'crds'), { recursive: true });
    mkdirSync(path.join(chart, 'charts'));
    writeFileSync(path.join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: c\nversion: 1.0.0\n');
    writeFileSync(path.join(chart, 'charts', 'dep-1.0.0.tgz'), '');
    copyFileSync(path.join(fixtures, 'helm-charts/external-dns/chart/crds/dnsendpoints.externaldns.k8s.io.yaml'), path.join(chart, 'crds', 'dns.yaml'));
    const r = await runCli(['validate', '-f', 'dns.yaml', '--crds', 'chart'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: chart/charts/dep-1.0.0.tgz: skipped a packed chart: unpack it (tar xzf) to read its crds/\n');
  });

  test.each([
    [
      'a file that holds no CRD',
      { 'crd.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' },
      "error: expected a CustomResourceDefinition in 'crd.yaml', found v1 ConfigMap 'c'",
      'crd/none-found',
    ],
    [
      'a CRD whose served version has no schema',
      {
        'crd.yaml':
          'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names: { kind: Widget, plural: widgets }\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n',
      },
      "error: CustomResourceDefinition/widgets.example.com › spec.versions[0].schema.openAPIV3Schema: expected spec.versions[0].schema.openAPIV3Schema for served version 'v1', found none in document 1 (crd.yaml:1)",
      'crd/missing-schema',
    ],
    [
      'a v1beta1 CRD',
      { 'crd.yaml': 'apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n' },
      "error: CustomResourceDefinition/widgets.example.com › apiVersion: expected apiVersion 'apiextensions.k8s.io/v1', found 'apiextensions.k8s.io/v1beta1' in document 1 (crd.yaml:1)",
      'crd/unsupported-version',
    ],
    ['a file that is not YAML', { 'crd.yaml': 'a: [1\n' }, undefined, 'crd/invalid-yaml'],
    ['a path that does not exist', {}, "error: expected a YAML file, folder or Helm chart at 'crd.yaml', found nothing", 'crd/file-missing'],
  ])('stops with exit 2 on %s, naming the file', async (_what, files, first, code) => {
    const dir = writeProject({ 'sm.yaml': serviceMonitor, ...files });
    const r = await runCli(['validate', '-f', 'sm.yaml', '--crds', 'crd.yaml'], dir);
    expect(r.code).toBe(2);
    if (first) expect(errorLines(r.stderr)[0]).toBe(first);
    expect(r.stderr).toContain(`code: ${code}\n`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('--crds without -f is a usage error', async () => {
    const r = await runCli(['validate', '--crds', 'crd.yaml'], writeProject({}));
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('error: --crds works with -f: a project lists its CRDs in kasane.config.ts (crds)');
  });
});
