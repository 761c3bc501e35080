import { describe, expect, test } from 'vitest';
import { formatObjectRef } from '../../src/errors.ts';
import type { Finding } from '../../src/errors.ts';
import { validateSchema } from '../../src/validate/schema.ts';
import { clone, deployment, resources, service } from '../fixtures/validate/objects.ts';

// The allowed values and integer sizes below were checked by hand against the Kubernetes API
// reference (core/v1 Container, PodSpec, ContainerPort, ServiceSpec, PersistentVolumeClaimSpec,
// batch/v1 CronJobSpec, certificates/v1 CertificateSigningRequestSpec).

/** The parts of a finding each case pins: code, object, path, message, hint. */
function brief(f: Finding) {
  return { code: f.code, object: f.object ? formatObjectRef(f.object) : undefined, path: f.path, message: f.message, hint: f.hint };
}

function check(...objects: object[]) {
  return validateSchema(resources(...objects)).map(brief);
}

const container = ['spec', 'template', 'spec', 'containers', 0];

function withContainer(change: (c: any) => void): object {
  const d = clone(deployment()) as any;
  change(d.spec.template.spec.containers[0]);
  return d;
}

function cronJob(concurrencyPolicy: string): object {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'report' },
    spec: {
      schedule: '0 3 * * *',
      concurrencyPolicy,
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'report', image: 'report:1.0.0' }] } } } },
    },
  };
}

function claim(accessModes: string[]): object {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes, resources: { requests: { storage: '1Gi' } } } };
}

describe('walkValue on enum fields', () => {
  test('reports an invalid enum with a suggestion when imagePullPolicy is misspelled in a Deployment template', () => {
    expect(check(withContainer((c) => (c.imagePullPolicy = 'Allways')))).toEqual([
      {
        code: 'schema/invalid-enum',
        object: 'Deployment/api',
        path: [...container, 'imagePullPolicy'],
        message: `expected one of "Always", "IfNotPresent", "Never", found "Allways" (did you mean 'Always'?)`,
        hint: 'change it to "Always"',
      },
    ]);
  });

  test('says values are case-sensitive when imagePullPolicy differs only in case', () => {
    const [f] = check(withContainer((c) => (c.imagePullPolicy = 'ifnotpresent')));
    expect(f?.message).toBe(`expected one of "Always", "IfNotPresent", "Never", found "ifnotpresent" (did you mean 'IfNotPresent'?)`);
    expect(f?.hint).toBe('change it to "IfNotPresent" (values are case-sensitive)');
  });

  test('lists the allowed values when a pod restartPolicy is nothing like them', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.restartPolicy = 'Sometimes';
    expect(check(d)).toEqual([
      {
        code: 'schema/invalid-enum',
        object: 'Deployment/api',
        path: ['spec', 'template', 'spec', 'restartPolicy'],
        message: 'expected one of "Always", "Never", "OnFailure", found "Sometimes"',
        hint: 'use one of "Always", "Never", "OnFailure"',
      },
    ]);
  });

  test('reports an invalid enum when a container port protocol is lowercase', () => {
    expect(check(withContainer((c) => (c.ports[0].protocol = 'tcp')))).toEqual([
      {
        code: 'schema/invalid-enum',
        object: 'Deployment/api',
        path: [...container, 'ports', 0, 'protocol'],
        message: `expected one of "SCTP", "TCP", "UDP", found "tcp" (did you mean 'TCP'?)`,
        hint: 'change it to "TCP" (values are case-sensitive)',
      },
    ]);
  });

  test('reports an invalid enum when a Service type is Loadbalancer', () => {
    const s = clone(service()) as any;
    s.spec.type = 'Loadbalancer';
    expect(check(s)).toEqual([
      {
        code: 'schema/invalid-enum',
        object: 'Service/api',
        path: ['spec', 'type'],
        message: `expected one of "ClusterIP", "ExternalName", "LoadBalancer", "NodePort", found "Loadbalancer" (did you mean 'LoadBalancer'?)`,
        hint: 'change it to "LoadBalancer" (values are case-sensitive)',
      },
    ]);
  });

  test('reports an invalid enum when a CronJob concurrencyPolicy is Forbidden', () => {
    expect(check(cronJob('Forbidden'))).toEqual([
      {
        code: 'schema/invalid-enum',
        object: 'CronJob/report',
        path: ['spec', 'concurrencyPolicy'],
        message: `expected one of "Allow", "Forbid", "Replace", found "Forbidden" (did you mean 'Forbid'?)`,
        hint: 'change it to "Forbid"',
      },
    ]);
  });

  test('reports the list item when a PVC access mode is ReadWriteAll', () => {
    expect(check(claim(['ReadWriteOnce', 'ReadWriteAll']))).toEqual([
      {
        code: 'schema/invalid-enum',
        object: 'PersistentVolumeClaim/data',
        path: ['spec', 'accessModes', 1],
        message: `expected one of "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod", found "ReadWriteAll" (did you mean 'ReadWriteMany' or 'ReadWriteOnce'?)`,
        hint: 'change it to "ReadWriteMany"',
      },
    ]);
  });

  test('reports the map key when a map value is outside its enum', () => {
    const pvc = { ...claim(['ReadWriteOnce']), status: { allocatedResourceStatuses: { storage: 'Resizing' } } };
    const [f] = check(pvc);
    expect(f?.code).toBe('schema/invalid-enum');
    expect(f?.path).toEqual(['status', 'allocatedResourceStatuses', 'storage']);
  });

  test('reads values with spaces when a CertificateSigningRequest lists usages', () => {
    const csr = (usages: string[]) => ({
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { name: 'node' },
      spec: { request: 'LS0tLS1CRUdJTg==', signerName: 'kubernetes.io/kube-apiserver-client', usages },
    });
    expect(check(csr(['digital signature', 'key encipherment', 'client auth']))).toEqual([]);
    const [f] = check(csr(['client-auth']));
    expect(f?.path).toEqual(['spec', 'usages', 0]);
    expect(f?.hint).toBe('change it to "client auth"');
  });

  test('reports a wrong type when an enum field holds a number', () => {
    expect(check(withContainer((c) => (c.ports[0].protocol = 6)))).toEqual([
      { code: 'schema/invalid-type', object: 'Deployment/api', path: [...container, 'ports', 0, 'protocol'], message: 'expected string, found number 6', hint: 'quote the value: "6"' },
    ]);
  });

  test('accepts every allowed value and the empty string when enum fields are set correctly', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.restartPolicy = 'Always';
    d.spec.template.spec.dnsPolicy = 'ClusterFirstWithHostNet';
    const c = d.spec.template.spec.containers[0];
    c.imagePullPolicy = 'IfNotPresent';
    c.terminationMessagePolicy = 'FallbackToLogsOnError';
    c.ports[0].protocol = 'SCTP';
    const s = clone(service()) as any;
    s.spec.type = 'LoadBalancer';
    s.spec.externalTrafficPolicy = 'Local';
    s.spec.ports[0].protocol = 'UDP';
    const emptyPolicy = withContainer((x) => (x.imagePullPolicy = ''));
    expect(check(d, s, cronJob('Replace'), claim(['ReadWriteOncePod', 'ReadOnlyMany']), emptyPolicy)).toEqual([]);
  });
});

describe('walkValue on integer fields', () => {
  test('reports a wrong type with the nearest whole numbers when replicas is 1.5', () => {
    const d = clone(deployment()) as any;
    d.spec.replicas = 1.5;
    expect(check(d)).toEqual([
      { code: 'schema/invalid-type', object: 'Deployment/api', path: ['spec', 'replicas'], message: 'expected integer, found number 1.5', hint: 'use a whole number such as 1 or 2' },
    ]);
  });

  test('reports out of range when containerPort does not fit in 32 bits', () => {
    expect(check(withContainer((c) => (c.ports[0].containerPort = 3000000000)))).toEqual([
      {
        code: 'schema/out-of-range',
        object: 'Deployment/api',
        path: [...container, 'ports', 0, 'containerPort'],
        message: 'expected a 32-bit integer (-2147483648 to 2147483647), found number 3000000000',
        hint: 'use a value from -2147483648 to 2147483647',
      },
    ]);
  });

  test('accepts a containerPort of 70000 because it is a 32-bit integer', () => {
    expect(check(withContainer((c) => (c.ports[0].containerPort = 70000)))).toEqual([]);
  });

  test('accepts the int32 limits when replicas is 0 or 2147483647', () => {
    const d = clone(deployment()) as any;
    d.spec.replicas = 2147483647;
    const zero = clone(deployment()) as any;
    zero.spec.replicas = 0;
    expect(check(d, zero)).toEqual([]);
    d.spec.replicas = 2147483648;
    expect(check(d).map((f) => f.code)).toEqual(['schema/out-of-range']);
  });

  test('accepts 2^40 when an int64 field is set beyond 32 bits', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.activeDeadlineSeconds = 2 ** 40;
    d.spec.template.spec.securityContext.runAsUser = 2 ** 40;
    expect(check(d)).toEqual([]);
  });

  test('reports out of range when an int64 field is beyond 64 bits', () => {
    const d = clone(deployment()) as any;
    d.spec.template.spec.terminationGracePeriodSeconds = 1e30;
    expect(check(d)).toEqual([
      {
        code: 'schema/out-of-range',
        object: 'Deployment/api',
        path: ['spec', 'template', 'spec', 'terminationGracePeriodSeconds'],
        message: 'expected a 64-bit integer (-9223372036854775808 to 9223372036854775807), found number 1e+30',
        hint: 'use a value from -9223372036854775808 to 9223372036854775807',
      },
    ]);
  });

  test('reports the list item when an int32 list holds a fraction', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'once' },
      spec: {
        podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [1, 2.5] } }] },
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'once', image: 'once:1.0.0' }] } },
      },
    };
    expect(check(job)).toEqual([
      {
        code: 'schema/invalid-type',
        object: 'Job/once',
        path: ['spec', 'podFailurePolicy', 'rules', 0, 'onExitCodes', 'values', 1],
        message: 'expected integer, found number 2.5',
        hint: 'use a whole number such as 2 or 3',
      },
    ]);
  });
});
