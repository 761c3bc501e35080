import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KObject } from '../../src/k8s/object.ts';
import type { Resource } from '../../src/k8s/resource.ts';
import { emitDocument, emitDocuments } from '../../src/render/emit.ts';
import { validateSchema } from '../../src/validate/schema.ts';
import { certificate, certificateCrd, type CertificateProps } from './expected/cert-manager.io/certificate.ts';
import { serviceMonitor, serviceMonitorCrd } from './expected/monitoring.coreos.com/service-monitor.ts';
import { applicationV1beta1 } from './expected/argoproj.io/application.ts';
import { dedent } from '../helpers/project.ts';

const repo = path.resolve(import.meta.dirname, '../..');
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl) console.warn('skipping the kubectl kustomize comparison: kubectl not found');

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const props: CertificateProps = deepFreeze({
  metadata: { name: 'web', namespace: 'shop' },
  spec: { secretName: 'web-tls', issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' }, dnsNames: ['shop.example.com'], duration: undefined },
});

const asResource = (object: object): Resource => ({ object: object as KObject, component: 'tls' });

describe('generated builders', () => {
  test('return a copy that shares nothing with frozen props and leaves out undefined fields', () => {
    const cert = certificate(props);
    expect(cert).toEqual({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { secretName: 'web-tls', issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' }, dnsNames: ['shop.example.com'] },
    });
    expect('duration' in cert.spec).toBe(false);
    cert.spec.dnsNames!.push('other.example.com');
    expect(props.spec.dnsNames).toEqual(['shop.example.com']);
  });

  test('render through emitDocument in kubectl kustomize style when given a Certificate', () => {
    expect(emitDocument(certificate(props))).toBe(
      dedent(`
      apiVersion: cert-manager.io/v1
      kind: Certificate
      metadata:
        name: web
        namespace: shop
      spec:
        dnsNames:
        - shop.example.com
        issuerRef:
          kind: ClusterIssuer
          name: letsencrypt
        secretName: web-tls
    `),
    );
  });

  test('render int-or-string ports as a number and as a name when given a ServiceMonitor', () => {
    const monitor = serviceMonitor({ metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, endpoints: [{ targetPort: 8080 }, { targetPort: 'metrics', interval: '30s' }] } });
    expect(emitDocument(monitor)).toBe(
      dedent(`
      apiVersion: monitoring.coreos.com/v1
      kind: ServiceMonitor
      metadata:
        name: web
      spec:
        endpoints:
        - targetPort: 8080
        - interval: 30s
          targetPort: metrics
        selector:
          matchLabels:
            app: web
    `),
    );
  });

  test.skipIf(!hasKubectl)('render byte-equal to kubectl kustomize when given builder output', () => {
    const app = applicationV1beta1({
      metadata: { name: 'shop' },
      spec: {
        project: 'default',
        destination: { namespace: 'shop' },
        sources: [{ repoURL: 'https://git.example.com/shop.git', helm: { valuesObject: { replicas: 3, image: { tag: '1.2.3' }, debug: 'on' } } }],
      },
    });
    const objects = [certificate(props), app];
    const dir = mkdtempSync(path.join(tmpdir(), 'kasane-crd-kustomize-'));
    writeFileSync(path.join(dir, 'objects.yaml'), emitDocuments(objects));
    writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources:\n- objects.yaml\n');
    const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    // kubectl kustomize orders custom kinds by group/version/kind: argoproj.io before cert-manager.io.
    expect(r.stdout).toBe(emitDocuments([app, certificate(props)]));
  });
});

describe('generated CRD constants', () => {
  test('equal the fixture CRD without status and server-set metadata', () => {
    const docs = parseAllDocuments(readFileSync(path.join(repo, 'test/fixtures/crds/cert-manager/certificate.yaml'), 'utf8')).map((d) => d.toJS());
    const { status: _status, ...crd } = docs[0];
    crd.metadata = { name: crd.metadata.name, labels: crd.metadata.labels };
    expect(certificateCrd).toEqual(crd);
  });

  test('make the validator accept valid custom resources when rendered with them', () => {
    const monitor = serviceMonitor({ metadata: { name: 'web' }, spec: { selector: {}, endpoints: [{ targetPort: 'metrics' }] } });
    expect(validateSchema([asResource(serviceMonitorCrd), asResource(certificate(props)), asResource(certificateCrd), asResource(monitor)])).toEqual([]);
  });

  test('make the validator report a wrong enum when registered through the crds option', () => {
    const bad = certificate({ ...props, spec: { ...props.spec, privateKey: { algorithm: 'DSA' as never } } });
    const findings = validateSchema([asResource(bad)], { crds: [certificateCrd] });
    expect(findings.map((f) => [f.code, f.path, f.message])).toEqual([['schema/invalid-enum', ['spec', 'privateKey', 'algorithm'], 'expected one of "RSA", "ECDSA", "Ed25519", found "DSA"']]);
  });
});
