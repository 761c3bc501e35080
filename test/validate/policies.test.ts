import { describe, expect, test } from 'vitest';
import { formatObjectRef } from '../../src/errors.ts';
import type { Finding } from '../../src/errors.ts';
import type { PolicyOptions } from '../../src/validate/policy-config.ts';
import { validatePolicies } from '../../src/validate/policies.ts';
import { clone, deployment, resources, secret } from '../fixtures/validate/objects.ts';

function brief(f: Finding) {
  return { severity: f.severity, code: f.code, object: f.object ? formatObjectRef(f.object) : undefined, path: f.path, message: f.message };
}

function check(objects: object[], options: PolicyOptions = {}) {
  return validatePolicies(resources(...objects), options).map(brief);
}

const podSpec = ['spec', 'template', 'spec'];
const container = [...podSpec, 'containers', 0];

function withContainer(change: (c: any, spec: any) => void): any {
  const d = clone(deployment()) as any;
  change(d.spec.template.spec.containers[0], d.spec.template.spec);
  return d;
}

describe('validatePolicies', () => {
  test('reports nothing when the workload follows every rule', () => {
    expect(check([deployment(), secret()])).toEqual([]);
  });

  test('warns about an image tagged latest', () => {
    expect(check([withContainer((c) => (c.image = 'nginx:latest'))])).toEqual([
      {
        severity: 'warning',
        code: 'policy/image-tag',
        object: 'Deployment/api',
        path: [...container, 'image'],
        message: 'expected a pinned image tag or digest, found tag \'latest\' in "nginx:latest"',
      },
    ]);
  });

  test('warns about an image without a tag, also behind a registry port', () => {
    expect(check([withContainer((c) => (c.image = 'localhost:5000/api'))]).map((f) => f.message)).toEqual([
      'expected a pinned image tag or digest, found no tag in "localhost:5000/api" (pulls \'latest\')',
    ]);
    expect(check([withContainer((c) => (c.image = 'nginx@sha256:0123'))])).toEqual([]);
  });

  test('warns about missing resource requests', () => {
    expect(check([withContainer((c) => delete c.resources.requests)])).toEqual([
      { severity: 'warning', code: 'policy/resource-requests', object: 'Deployment/api', path: [...container, 'resources'], message: 'expected resources.requests for cpu and memory, found none' },
    ]);
  });

  test('warns about a missing memory limit', () => {
    expect(check([withContainer((c) => delete c.resources.limits)])).toEqual([
      { severity: 'warning', code: 'policy/resource-limits', object: 'Deployment/api', path: [...container, 'resources'], message: 'expected resources.limits.memory, found none' },
    ]);
  });

  test('warns about missing probes', () => {
    expect(check([withContainer((c) => (delete c.livenessProbe, delete c.readinessProbe))])).toEqual([
      { severity: 'warning', code: 'policy/liveness-probe', object: 'Deployment/api', path: [...container, 'livenessProbe'], message: 'expected a livenessProbe, found none' },
      { severity: 'warning', code: 'policy/readiness-probe', object: 'Deployment/api', path: [...container, 'readinessProbe'], message: 'expected a readinessProbe, found none' },
    ]);
  });

  test('does not ask Jobs, CronJobs or init containers for probes', () => {
    const d = withContainer((c, spec) => {
      delete c.livenessProbe;
      delete c.readinessProbe;
      spec.initContainers = [{ ...c, name: 'init' }];
    });
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { template: d.spec.template } };
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: d.spec.template } } } };
    expect(check([job, cron])).toEqual([]);
    expect(check([d]).map((f) => f.path?.[3])).toEqual(['containers', 'containers']);
  });

  test('warns about a privileged container, which the API server accepts without a Pod Security level', () => {
    expect(check([withContainer((c) => (c.securityContext = { privileged: true }))])).toEqual([
      {
        severity: 'warning',
        code: 'policy/privileged',
        object: 'Deployment/api',
        path: [...container, 'securityContext', 'privileged'],
        message: 'expected an unprivileged container, found securityContext.privileged: true',
      },
    ]);
  });

  test('warns about hostPath volumes and hostNetwork', () => {
    const d = withContainer((_c, spec) => {
      spec.hostNetwork = true;
      spec.volumes = [{ name: 'logs', hostPath: { path: '/var/log' } }];
    });
    expect(check([d])).toEqual([
      { severity: 'warning', code: 'policy/host-network', object: 'Deployment/api', path: [...podSpec, 'hostNetwork'], message: 'expected the pod network, found hostNetwork: true' },
      {
        severity: 'warning',
        code: 'policy/host-path',
        object: 'Deployment/api',
        path: [...podSpec, 'volumes', 0, 'hostPath'],
        message: "expected no hostPath volumes, found hostPath in volume 'logs'",
      },
    ]);
  });

  test('warns about a missing runAsNonRoot, unless a non-root runAsUser is set', () => {
    expect(check([withContainer((_c, spec) => delete spec.securityContext)])).toEqual([
      {
        severity: 'warning',
        code: 'policy/run-as-non-root',
        object: 'Deployment/api',
        path: [...container, 'securityContext'],
        message: 'expected securityContext.runAsNonRoot: true on the pod or container, found none',
      },
    ]);
    expect(check([withContainer((c, spec) => (delete spec.securityContext, (c.securityContext = { runAsUser: 1000 })))])).toEqual([]);
  });

  test('warns about a Secret with values in the rendered output', () => {
    const s = { ...secret(), metadata: { name: 'db' }, stringData: { password: 'x' } };
    expect(check([s])).toEqual([
      {
        severity: 'warning',
        code: 'policy/plaintext-secret',
        object: 'Secret/db',
        path: ['data'],
        message: 'expected no Secret values in the rendered output (it is committed to git), found 1 key(s) in data',
      },
      {
        severity: 'warning',
        code: 'policy/plaintext-secret',
        object: 'Secret/db',
        path: ['stringData'],
        message: 'expected no Secret values in the rendered output (it is committed to git), found 1 key(s) in stringData',
      },
    ]);
  });

  test('turns a rule off or up for the whole project', () => {
    const d = withContainer((c) => (c.image = 'nginx'));
    expect(check([d], { rules: { 'image-tag': 'off' } })).toEqual([]);
    expect(check([d], { rules: { 'image-tag': 'error' } }).map((f) => f.severity)).toEqual(['error']);
  });

  test('applies the last matching override for one object', () => {
    const d = withContainer((c) => (c.image = 'nginx'));
    const other = { ...clone(d), metadata: { name: 'web' } };
    const options: PolicyOptions = {
      rules: { 'image-tag': 'error' },
      overrides: [
        { rule: 'image-tag', severity: 'warning', match: { kind: 'Deployment', name: 'a*' } },
        { rule: 'image-tag', severity: 'off', match: { name: 'api', namespace: 'other' } },
      ],
    };
    expect(check([d, other], options).map((f) => [f.object, f.severity])).toEqual([
      ['Deployment/api', 'warning'],
      ['Deployment/web', 'error'],
    ]);
  });

  test('lets the object annotation win over project settings', () => {
    const d = withContainer((c) => (c.securityContext = { privileged: true }));
    d.metadata.annotations = { 'kasane.dev/policy.privileged': 'warning' };
    expect(check([d], { overrides: [{ rule: 'privileged', severity: 'error' }] }).map((f) => [f.code, f.severity])).toEqual([['policy/privileged', 'warning']]);
  });

  test('warns about policy annotations and settings it does not understand', () => {
    const d = clone(deployment()) as any;
    d.metadata.annotations = { 'kasane.dev/policy.image-tags': 'off', 'kasane.dev/policy.privileged': 'no' };
    expect(check([d], { rules: { 'liveness-probes': 'off' } })).toEqual([
      { severity: 'warning', code: 'policy/unknown-rule', object: undefined, path: ['policies', 'liveness-probes'], message: "unknown policy rule 'liveness-probes' (did you mean 'liveness-probe'?)" },
      {
        severity: 'warning',
        code: 'policy/unknown-rule',
        object: 'Deployment/api',
        path: ['metadata', 'annotations', 'kasane.dev/policy.image-tags'],
        message: "unknown policy rule 'image-tags' (did you mean 'image-tag'?)",
      },
      {
        severity: 'warning',
        code: 'policy/invalid-severity',
        object: 'Deployment/api',
        path: ['metadata', 'annotations', 'kasane.dev/policy.privileged'],
        message: 'expected error, warning or off, found "no"',
      },
    ]);
  });
});
