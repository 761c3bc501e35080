import { describe, expect, test } from 'vitest';
import { formatObjectRef } from '../../src/errors.ts';
import type { Finding } from '../../src/errors.ts';
import { isKasaneError } from '../../src/errors.ts';
import { validateSchema } from '../../src/validate/schema.ts';
import { clone, configMap, deployment, resources, secret, service } from '../fixtures/validate/objects.ts';

/** The parts of a finding each case pins: severity, code, object, path, message. */
function brief(f: Finding) {
  return { severity: f.severity, code: f.code, object: f.object ? formatObjectRef(f.object) : undefined, path: f.path, message: f.message };
}

function check(...objects: object[]) {
  return validateSchema(resources(...objects)).map(brief);
}

const podSpec = ['spec', 'template', 'spec'];

describe('validateSchema', () => {
  test('reports nothing when the objects are valid', () => {
    expect(check(deployment(), service(), configMap(), secret())).toEqual([]);
  });

  test('reports an unknown field with a suggestion when a pod spec field is misspelled', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.contianers = d.spec.template.spec.containers;
    const findings = validateSchema(resources(d));
    expect(findings).toEqual([
      {
        severity: 'error',
        code: 'schema/unknown-field',
        message: "unknown field 'contianers' (did you mean 'containers'?)",
        hint: "rename it to 'containers'",
        object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
        component: 'app',
        source: { file: 'components/app.ts', line: 1 },
        path: [...podSpec, 'contianers'],
      },
    ]);
  });

  test('reports an unknown field when a Deployment has replica', () => {
    const d = clone(deployment()) as any;
    d.spec.replica = 3;
    expect(check(d)).toEqual([{ severity: 'error', code: 'schema/unknown-field', object: 'Deployment/api', path: ['spec', 'replica'], message: "unknown field 'replica' (did you mean 'replicas'?)" }]);
  });

  test('lists the known fields in the hint when nothing is close', () => {
    const cm = { ...configMap(), spec: { x: 1 } };
    const [f] = validateSchema(resources(cm));
    expect(f?.message).toBe("unknown field 'spec'");
    expect(f?.hint).toBe('remove it; ConfigMap has apiVersion, binaryData, data, immutable, kind, metadata');
    expect(f?.path).toEqual(['spec']);
  });

  test('reports a wrong type when replicas is a quoted number', () => {
    const d = clone(deployment()) as any;
    d.spec.replicas = '3';
    const findings = validateSchema(resources(d));
    expect(findings.map(brief)).toEqual([{ severity: 'error', code: 'schema/invalid-type', object: 'Deployment/api', path: ['spec', 'replicas'], message: 'expected integer, found string "3"' }]);
    expect(findings[0]?.hint).toBe('write 3 without quotes');
  });

  test('suggests quotes when a string field holds a number', () => {
    const cm = clone(configMap()) as any;
    cm.data.PORT = 8080;
    const findings = validateSchema(resources(cm));
    expect(findings.map(brief)).toEqual([{ severity: 'error', code: 'schema/invalid-type', object: 'ConfigMap/api-config', path: ['data', 'PORT'], message: 'expected string, found number 8080' }]);
    expect(findings[0]?.hint).toBe('quote the value: "8080"');
  });

  test('reports a wrong type when a list is written as an object', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.containers = { name: 'api', image: 'x:1' };
    expect(check(d)).toEqual([{ severity: 'error', code: 'schema/invalid-type', object: 'Deployment/api', path: [...podSpec, 'containers'], message: 'expected array, found object' }]);
  });

  test('reports a missing required field when a container has no name', () => {
    const d = clone(deployment()) as any;
    delete d.spec.template.spec.containers[0].name;
    expect(check(d)).toEqual([{ severity: 'error', code: 'schema/missing-field', object: 'Deployment/api', path: [...podSpec, 'containers', 0, 'name'], message: "missing required field 'name'" }]);
  });

  test('reports a missing required field when a Deployment has no template', () => {
    const d = clone(deployment()) as any;
    delete d.spec.template;
    expect(check(d)).toEqual([{ severity: 'error', code: 'schema/missing-field', object: 'Deployment/api', path: ['spec', 'template'], message: "missing required field 'template'" }]);
  });

  test('reports a fractional int-or-string when targetPort is 1.5', () => {
    const s = clone(service()) as any;
    s.spec.ports[0].targetPort = 1.5;
    expect(check(s)).toEqual([
      { severity: 'error', code: 'schema/invalid-type', object: 'Service/api', path: ['spec', 'ports', 0, 'targetPort'], message: 'expected integer or string, found number 1.5' },
    ]);
  });

  test('reports a boolean int-or-string when targetPort is true', () => {
    const s = clone(service()) as any;
    s.spec.ports[0].targetPort = true;
    expect(check(s)).toEqual([
      { severity: 'error', code: 'schema/invalid-type', object: 'Service/api', path: ['spec', 'ports', 0, 'targetPort'], message: 'expected integer or string, found boolean true' },
    ]);
  });

  test('reports an invalid quantity when cpu is 100mi', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.containers[0].resources.requests.cpu = '100mi';
    expect(check(d)).toEqual([
      {
        severity: 'error',
        code: 'schema/invalid-quantity',
        object: 'Deployment/api',
        path: [...podSpec, 'containers', 0, 'resources', 'requests', 'cpu'],
        message: 'expected a quantity such as "500m", "2" or "1Gi", found string "100mi"',
      },
    ]);
  });

  test('accepts quantities in every form of the grammar', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.containers[0].resources = {
      requests: { cpu: 0.5, memory: '1.5Gi', 'ephemeral-storage': '1e3', a: '+1', b: '.5', c: '2k', d: '5E-2', e: '3E' },
      limits: { memory: '1Ei' },
    };
    expect(check(d)).toEqual([]);
  });

  test('reports an invalid name when a Deployment name has uppercase and underscores', () => {
    const d = clone(deployment()) as any;
    d.metadata.name = 'My_App';
    const findings = validateSchema(resources(d));
    expect(findings.map(brief)).toEqual([
      {
        severity: 'error',
        code: 'schema/invalid-name',
        object: 'Deployment/My_App',
        path: ['metadata', 'name'],
        message: "expected Deployment name to be a DNS-1123 subdomain (at most 253 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit), found \"My_App\"",
      },
    ]);
    expect(findings[0]?.hint).toBe('rename it to "my-app"');
  });

  test('reports an invalid name when a Service name starts with a digit', () => {
    const s = clone(service()) as any;
    s.metadata.name = '1api';
    expect(check(s)).toEqual([
      {
        severity: 'error',
        code: 'schema/invalid-name',
        object: 'Service/1api',
        path: ['metadata', 'name'],
        message: 'expected Service name to be a DNS-1035 label (at most 63 lowercase letters, digits or \'-\', starting with a letter and ending with a letter or digit), found "1api"',
      },
    ]);
  });

  test('reports an invalid name when a Namespace name has a dot', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } };
    expect(check(ns)).toEqual([
      {
        severity: 'error',
        code: 'schema/invalid-name',
        object: 'Namespace/team.a',
        path: ['metadata', 'name'],
        message: 'expected Namespace name to be a DNS-1123 label (at most 63 lowercase letters, digits or \'-\', starting and ending with a letter or digit), found "team.a"',
      },
    ]);
  });

  test('reports an invalid name when a CronJob name is longer than 52 characters', () => {
    const name = 'a'.repeat(53);
    const cj = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'c:1' }] } } } } },
    };
    expect(check(cj).map((f) => [f.code, f.path])).toEqual([['schema/invalid-name', ['metadata', 'name']]]);
  });

  test('accepts RBAC names with colons', () => {
    const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:kasane-reader' }, rules: [] };
    expect(check(role)).toEqual([]);
  });

  test('reports an invalid namespace when metadata.namespace has uppercase', () => {
    const cm = clone(configMap()) as any;
    cm.metadata.namespace = 'Prod';
    expect(check(cm)).toEqual([
      {
        severity: 'error',
        code: 'schema/invalid-name',
        object: 'ConfigMap/Prod/api-config',
        path: ['metadata', 'namespace'],
        message: 'expected namespace to be a DNS-1123 label (at most 63 lowercase letters, digits or \'-\', starting and ending with a letter or digit), found "Prod"',
      },
    ]);
  });

  test('reports a missing name when metadata has neither name nor generateName', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { labels: { a: 'b' } } };
    expect(check(cm)).toEqual([{ severity: 'error', code: 'schema/missing-field', object: 'ConfigMap/undefined', path: ['metadata', 'name'], message: "missing required field 'name'" }]);
  });

  test('reports an invalid label key when it has a space', () => {
    const cm = clone(configMap()) as any;
    cm.metadata.labels = { 'team name': 'a' };
    expect(check(cm)).toEqual([
      {
        severity: 'error',
        code: 'schema/invalid-label',
        object: 'ConfigMap/api-config',
        path: ['metadata', 'labels', 'team name'],
        message: "invalid label key \"team name\": the name part must consist of letters, digits, '-', '_' or '.' and start and end with a letter or digit",
      },
    ]);
  });

  test('reports an invalid label key prefix when it is uppercase', () => {
    const cm = clone(configMap()) as any;
    cm.metadata.labels = { 'Example.com/team': 'a' };
    expect(check(cm).map((f) => f.message)).toEqual(['invalid label key "Example.com/team": prefix "Example.com" must be a DNS-1123 subdomain (lowercase letters, digits, \'-\' and \'.\')']);
  });

  test('reports an invalid label value when it is longer than 63 characters', () => {
    const cm = clone(configMap()) as any;
    cm.metadata.labels = { team: 'a'.repeat(64) };
    expect(check(cm)).toEqual([
      {
        severity: 'error',
        code: 'schema/invalid-label',
        object: 'ConfigMap/api-config',
        path: ['metadata', 'labels', 'team'],
        message: `invalid label value "${'a'.repeat(64)}": a label value must be at most 63 characters, found 64`,
      },
    ]);
  });

  test('reports an invalid label value in a pod template and a selector', () => {
    const d = clone(deployment()) as any;
    d.spec.selector.matchLabels.app = 'api!';
    d.spec.template.metadata.labels.app = 'api!';
    expect(check(d).map((f) => [f.code, f.path])).toEqual([
      ['schema/invalid-label', ['spec', 'selector', 'matchLabels', 'app']],
      ['schema/invalid-label', ['spec', 'template', 'metadata', 'labels', 'app']],
    ]);
  });

  test('reports an invalid annotation key when it has two slashes', () => {
    const cm = clone(configMap()) as any;
    cm.metadata.annotations = { 'a/b/c': 'x' };
    expect(check(cm)).toEqual([
      {
        severity: 'error',
        code: 'schema/invalid-annotation',
        object: 'ConfigMap/api-config',
        path: ['metadata', 'annotations', 'a/b/c'],
        message: "invalid annotation key \"a/b/c\": the name part must consist of letters, digits, '-', '_' or '.' and start and end with a letter or digit",
      },
    ]);
  });

  test('reports too-large annotations when they exceed 256 KiB', () => {
    const cm = clone(configMap()) as any;
    cm.metadata.annotations = { big: 'x'.repeat(256 * 1024) };
    expect(check(cm)).toEqual([
      {
        severity: 'error',
        code: 'schema/too-large',
        object: 'ConfigMap/api-config',
        path: ['metadata', 'annotations'],
        message: 'expected annotations of at most 262144 bytes in total, found 262147',
      },
    ]);
  });

  test('reports a too-large ConfigMap when its data exceeds 1 MiB', () => {
    const cm = { ...configMap(), data: { a: 'x'.repeat(1024 * 1024), b: 'y' } };
    expect(check(cm)).toEqual([
      { severity: 'error', code: 'schema/too-large', object: 'ConfigMap/api-config', path: ['data'], message: 'expected at most 1048576 bytes of data in total, found 1048577' },
    ]);
  });

  test('accepts a ConfigMap of exactly 1 MiB', () => {
    expect(check({ ...configMap(), data: { a: 'x'.repeat(1024 * 1024) } })).toEqual([]);
  });

  test('reports a too-large Secret counting stringData over data', () => {
    const s = { ...secret(), data: { a: 'eHg=' }, stringData: { b: 'x'.repeat(1024 * 1024 - 1) } };
    expect(check(s)).toEqual([{ severity: 'error', code: 'schema/too-large', object: 'Secret/api-secret', path: ['data'], message: 'expected at most 1048576 bytes of data in total, found 1048577' }]);
  });

  test('reports invalid base64 in Secret data without showing the value', () => {
    const s = { ...secret(), data: { token: 'hunter2!' } };
    const findings = validateSchema(resources(s));
    expect(findings.map(brief)).toEqual([
      {
        severity: 'error',
        code: 'schema/invalid-base64',
        object: 'Secret/api-secret',
        path: ['data', 'token'],
        message: 'expected standard padded base64, found a value that is not valid base64 (value not shown)',
      },
    ]);
    expect(JSON.stringify(findings)).not.toContain('hunter2');
  });

  test('reports unpadded base64 in ConfigMap binaryData', () => {
    const cm = { ...configMap(), binaryData: { 'logo.png': 'iVBORw0KGgo' } };
    expect(check(cm)).toEqual([
      { severity: 'error', code: 'schema/invalid-base64', object: 'ConfigMap/api-config', path: ['binaryData', 'logo.png'], message: 'expected standard padded base64, found "iVBORw0KGgo"' },
    ]);
  });

  test('reports an invalid data key when it has a slash', () => {
    const cm = { ...configMap(), data: { 'conf/app.yaml': 'a: 1' } };
    expect(check(cm)).toEqual([
      {
        severity: 'error',
        code: 'schema/invalid-key',
        object: 'ConfigMap/api-config',
        path: ['data', 'conf/app.yaml'],
        message: "expected a key of letters, digits, '-', '_' or '.' (at most 253 characters), found \"conf/app.yaml\"",
      },
    ]);
  });

  test('reports an unknown api version when the group serves the kind under another version', () => {
    const d = { ...deployment(), apiVersion: 'apps/v2' };
    expect(check(d)).toEqual([
      {
        severity: 'error',
        code: 'schema/unknown-api-version',
        object: 'Deployment/api',
        path: ['apiVersion'],
        message: 'expected apiVersion \'apps/v1\' for Deployment in Kubernetes 1.36, found "apps/v2"',
      },
    ]);
  });

  test('reports a removed api version with its replacement instead of an unknown one', () => {
    const d = { ...deployment(), apiVersion: 'apps/v1beta1' };
    expect(check(d)).toEqual([
      {
        severity: 'error',
        code: 'schema/removed-api',
        object: 'Deployment/api',
        path: ['apiVersion'],
        message: 'Kubernetes 1.36 no longer serves apps/v1beta1 Deployment (deprecated in 1.8, removed in 1.16): use apps/v1 Deployment',
      },
    ]);
  });

  test('reports an unknown built-in kind with a suggestion when it is misspelled', () => {
    const d = { ...deployment(), kind: 'Deploymnet' };
    expect(check(d)).toEqual([
      { severity: 'error', code: 'schema/unknown-kind', object: 'Deploymnet/api', path: ['kind'], message: "unknown kind 'Deploymnet' in apps/v1 for Kubernetes 1.36 (did you mean 'Deployment'?)" },
    ]);
  });

  test('says which versions the group serves, and how to write a custom kind, when the version is not served at all', () => {
    const bee = { apiVersion: 'v1beta1', kind: 'Bee', metadata: { name: 'b' } };
    const findings = validateSchema(resources(bee));
    expect(findings.map(brief)).toEqual([
      {
        severity: 'error',
        code: 'schema/unknown-kind',
        object: 'Bee/b',
        path: ['kind'],
        message: "unknown kind 'Bee' in v1beta1 for Kubernetes 1.36: the core group has no version v1beta1 (it serves v1)",
      },
    ]);
    expect(findings[0]?.hint).toBe(
      'if Bee is a custom resource, write its API group in apiVersion (<group>/v1beta1) and add its CustomResourceDefinition; otherwise use a version the core group serves',
    );
    const scale = check({ ...deployment(), apiVersion: 'apps/v9', kind: 'Gizmo' });
    expect(scale.map((f) => f.message)).toEqual(["unknown kind 'Gizmo' in apps/v9 for Kubernetes 1.36: API group apps has no version v9 (it serves v1)"]);
  });

  test('warns about a custom resource whose CRD is not registered', () => {
    const cr = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { anything: 1 } };
    const findings = validateSchema(resources(cr));
    expect(findings.map(brief)).toEqual([
      {
        severity: 'warning',
        code: 'schema/unknown-kind',
        object: 'Gadget/g',
        path: ['kind'],
        message: "unknown kind 'Gadget' of example.com/v1: no CustomResourceDefinition registers it, so it was not validated",
      },
    ]);
    expect(findings[0]?.hint).toBe("add the CRD to the project's objects or list it in 'crds' of kasane.config.ts (kasane import-crd writes a crds list)");
  });

  test('treats null as unset when an optional field is null', () => {
    const d = clone(deployment()) as any;
    d.spec.strategy = null;
    d.metadata.annotations = null;
    expect(check(d)).toEqual([]);
  });

  test('accepts v1.30 and 1.30.2 as the version and throws for one without schema data', () => {
    expect(validateSchema(resources(configMap()), { kubernetesVersion: 'v1.30.2' })).toEqual([]);
    let error: unknown;
    try {
      validateSchema(resources(configMap()), { kubernetesVersion: '1.19' });
    } catch (e) {
      error = e;
    }
    expect(isKasaneError(error) && error.code).toBe('config/unsupported-kubernetes-version');
    expect(isKasaneError(error) && error.message).toBe('expected a Kubernetes version kasane has schema data for (1.29 to 1.36), found "1.19"');
  });
});
