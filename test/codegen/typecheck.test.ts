import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { dedent } from '../helpers/project.ts';
import { runImportCrd } from './run-import-crd.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');

/** Valid objects for every generated kind, and `@ts-expect-error` on objects the schemas forbid. */
const usage = (ext: string) =>
  dedent(`
  import type { CustomResourceDefinition } from 'kasane/api/apiextensions/v1';
  import {
    applicationV1alpha1, applicationV1beta1, certificate, crds, certificateCrd, import_, serviceMonitor,
    type ApplicationV1beta1, type Certificate, type CertificateSpec, type ImportSpec, type ServiceMonitorSpecEndpoints,
  } from './imports/index${ext}';

  const cert: Certificate = certificate({
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      secretName: 'web-tls',
      issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
      dnsNames: ['shop.example.com'],
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      usages: ['server auth', 'digital signature'],
      secretTemplate: { labels: { team: 'web' } },
    },
  });
  const renewal: string | null | undefined = cert.status?.renewalTime;
  const apiVersion: 'cert-manager.io/v1' = cert.apiVersion;

  // @ts-expect-error secretName is required
  const noSecret: CertificateSpec = { issuerRef: { name: 'x' } };
  // @ts-expect-error 'DSA' is not one of the algorithms
  const badAlgorithm: CertificateSpec = { secretName: 's', issuerRef: { name: 'x' }, privateKey: { algorithm: 'DSA' } };
  // @ts-expect-error metadata.name is required by the builder
  certificate({ metadata: { namespace: 'shop' }, spec: { secretName: 's', issuerRef: { name: 'x' } } });
  // @ts-expect-error the builder takes no status
  certificate({ metadata: { name: 'a' }, spec: { secretName: 's', issuerRef: { name: 'x' } }, status: {} });
  // @ts-expect-error unknown field
  const unknownField: CertificateSpec = { secretName: 's', issuerRef: { name: 'x' }, secret: 'y' };

  const byNumber: ServiceMonitorSpecEndpoints = { port: 'http', targetPort: 8080, scheme: 'https', relabelings: [{ action: 'labeldrop', regex: 'tmp_.*' }] };
  const byName: ServiceMonitorSpecEndpoints = { targetPort: 'metrics', params: { module: ['http_2xx'] } };
  // @ts-expect-error targetPort is an integer or a string
  const byBoolean: ServiceMonitorSpecEndpoints = { targetPort: true };
  // @ts-expect-error params values are lists of strings
  const badParams: ServiceMonitorSpecEndpoints = { params: { module: 'http_2xx' } };
  serviceMonitor({ metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, endpoints: [byNumber, byName] } });
  // @ts-expect-error selector is required
  serviceMonitor({ metadata: { name: 'web' }, spec: { endpoints: [] } });

  const app: ApplicationV1beta1 = applicationV1beta1({
    metadata: { name: 'shop' },
    spec: {
      project: 'default',
      destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
      sources: [{ repoURL: 'https://git.example.com/shop.git', helm: { valuesObject: { replicas: 3, image: { tag: '1.2.3' } } } }],
      syncPolicy: { automated: { prune: true, selfHeal: true }, retry: { limit: 5 } },
    },
  });
  const extraStatus: unknown = app.status?.['operationState'];
  const syncStatus: 'Synced' | 'OutOfSync' | 'Unknown' | undefined = app.status?.sync?.status;
  applicationV1alpha1({ metadata: { name: 'old' }, spec: { project: 'p', destination: {}, source: { repoURL: 'r' } } });
  // @ts-expect-error v1alpha1 has no sources
  applicationV1alpha1({ metadata: { name: 'old' }, spec: { project: 'p', destination: {}, source: { repoURL: 'r' }, sources: [] } });
  // @ts-expect-error v1beta1 requires spec.project
  applicationV1beta1({ metadata: { name: 'x' }, spec: { destination: {} } });

  const edge: ImportSpec = {
    class: 'gold', 'my-field': 'x', '2fa': { enabled: true }, anything: [1, 'two'], choice: 3, port: 443, tags: null,
    extra: { any: { thing: 1 } }, empty: {}, template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} },
    matrix: [[1, 2.5]], fooBar: { x: 'a' }, 'foo-bar': { label: 'b' }, target: { selector: { app: 'a' } },
  };
  import_({ metadata: { name: 'edge' }, spec: edge });
  // @ts-expect-error 8080 is not one of the ports
  const badPort: ImportSpec = { class: 'c', port: 8080 };
  // @ts-expect-error an object that declares no fields keeps none
  const notEmpty: ImportSpec = { class: 'c', empty: { a: 1 } };
  // @ts-expect-error choice is a string or a number
  const badChoice: ImportSpec = { class: 'c', choice: false };

  const asCrd: CustomResourceDefinition = certificateCrd;
  const registered: readonly { apiVersion: string; kind: string; metadata: { name: string } }[] = crds;

  export { apiVersion, asCrd, badAlgorithm, badChoice, badParams, badPort, byBoolean, extraStatus, noSecret, notEmpty, registered, renewal, syncStatus, unknownField };
`);

function typecheck(dir: string, compilerOptions: Record<string, unknown>): { status: number | null; output: string } {
  const tsconfig = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      noUncheckedIndexedAccess: true,
      noUnusedLocals: true,
      target: 'ES2022',
      lib: ['ES2022'],
      types: [],
      skipLibCheck: false,
      // The Kubernetes types as the package ships them: the declarations `npm run build` writes.
      paths: { 'kasane/api/*': [path.join(repo, 'dist/k8s/api/*.d.ts')] },
      ...compilerOptions,
    },
    include: ['**/*.ts'],
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', dir], { encoding: 'utf8' });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe('generated custom resource types', () => {
  test('type-check with tsc and reject invalid objects when imported with .ts extensions (bundler resolution)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kasane-crd-tsc-'));
    expect((await runImportCrd([path.join(repo, 'test/fixtures/crds'), '--out', 'imports'], dir)).code).toBe(0);
    writeFileSync(path.join(dir, 'usage.ts'), usage('.ts'));
    const r = typecheck(dir, { module: 'preserve', moduleResolution: 'bundler', allowImportingTsExtensions: true, verbatimModuleSyntax: true });
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  test('type-check with tsc when generated with --import-extension .js (NodeNext resolution)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kasane-crd-tsc-'));
    expect((await runImportCrd([path.join(repo, 'test/fixtures/crds'), '--out', 'imports', '--import-extension', '.js'], dir)).code).toBe(0);
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(path.join(dir, 'usage.ts'), usage('.js'));
    const r = typecheck(dir, { module: 'NodeNext', moduleResolution: 'NodeNext', exactOptionalPropertyTypes: true });
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  test('fail to type-check when an expected error is missing, so the checks above are real', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kasane-crd-tsc-'));
    expect((await runImportCrd([path.join(repo, 'test/fixtures/crds'), '--out', 'imports'], dir)).code).toBe(0);
    writeFileSync(
      path.join(dir, 'usage.ts'),
      dedent(`
      import { certificate } from './imports/index.ts';
      // @ts-expect-error a valid call: the directive itself is unused
      certificate({ metadata: { name: 'a' }, spec: { secretName: 's', issuerRef: { name: 'x' } } });
    `),
    );
    const r = typecheck(dir, { module: 'preserve', moduleResolution: 'bundler', allowImportingTsExtensions: true });
    expect(r.status).not.toBe(0);
    expect(r.output).toContain("TS2578: Unused '@ts-expect-error' directive.");
  });
});
