import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { formatObjectRef, formatPath } from '../../src/errors.ts';
import { validate } from '../../src/validate/index.ts';
import { clone, configMap, deployment, resources, secret, service, validSet } from '../fixtures/validate/objects.ts';

const fixture = new URL('../fixtures/validate/valid-app.yaml', import.meta.url);

describe('validate', () => {
  test('reports nothing when a Deployment, Service, ConfigMap and Secret fit together', () => {
    expect(validate(resources(...validSet()))).toEqual([]);
  });

  test('reports no errors for the valid YAML fixture, only the plaintext Secret warning', () => {
    const objects = readFileSync(fixture, 'utf8')
      .split(/^---$/m)
      .map((doc) => parse(doc));
    const findings = validate(resources(...objects));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.map((f) => f.code)).toEqual(['policy/plaintext-secret']);
  });

  test('sorts findings by object, path and code whatever the input order', () => {
    const d = clone(deployment()) as any;
    d.spec.replica = 1;
    d.spec.template.spec.containers[0].image = 'api';
    const s = clone(service()) as any;
    s.spec.ports[0].targetPort = 'web';
    const cm = { ...configMap(), data: { 'a b': 'x' } };
    const forward = validate(resources(d, s, cm, secret()));
    const backward = validate(resources(secret(), cm, s, d));
    const summary = (list: typeof forward) => list.map((f) => `${formatObjectRef(f.object!)} ${formatPath(f.path ?? [])} ${f.code}`);
    expect(summary(forward)).toEqual([
      'ConfigMap/api-config data["a b"] schema/invalid-key',
      'Deployment/api spec.replica schema/unknown-field',
      'Deployment/api spec.template.spec.containers[0].image policy/image-tag',
      'Service/api spec.ports[0].targetPort reference/target-port-not-found',
    ]);
    expect(summary(backward)).toEqual(summary(forward));
  });

  test('stamps the environment name and passes options to each check', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.containers[0].image = 'api:latest';
    d.spec.template.spec.containers[0].envFrom.push({ secretRef: { name: 'vault' } });
    const findings = validate(resources(d, service(), configMap(), secret()), { env: 'prod', external: ['Secret/vault'], policies: { 'image-tag': 'error' } });
    expect(findings.map((f) => [f.env, f.code, f.severity])).toEqual([['prod', 'policy/image-tag', 'error']]);
  });

  test('skips schema and reference checks when they are turned off', () => {
    const d = clone(deployment()) as any;
    d.spec.replica = 1;
    d.spec.template.spec.serviceAccountName = 'missing';
    expect(validate(resources(d, configMap(), secret()), { schema: false, references: false })).toEqual([]);
  });

  test('runs over 12,000 objects', () => {
    const objects: object[] = [];
    for (let i = 0; i < 3000; i++) {
      const d = clone(deployment()) as any;
      const name = `api-${i}`;
      d.metadata.name = name;
      d.spec.selector.matchLabels.app = name;
      d.spec.template.metadata.labels.app = name;
      d.spec.template.spec.containers[0].envFrom[0].configMapRef.name = `${name}-config`;
      d.spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name = `${name}-secret`;
      const s = clone(service()) as any;
      s.metadata.name = name;
      s.spec.selector.app = name;
      const cm = { ...configMap(), metadata: { name: `${name}-config` } };
      const sec = { ...secret(), metadata: { ...secret().metadata, name: `${name}-secret` } };
      objects.push(d, s, cm, sec);
    }
    const findings = validate(resources(...objects));
    expect(objects.length).toBe(12000);
    expect(findings).toEqual([]);
  });
});
