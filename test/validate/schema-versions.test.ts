/**
 * Schema validation at each supported Kubernetes minor, with fields, enum values and kinds that
 * exist only from or only until a minor. Every fact below was checked by hand in the OpenAPI
 * document of both minors (gen-apidocs/config/v1_<minor>/swagger.json of the reference-docs
 * commit the data names) and, for enums, in core/v1/types.go of k8s.io/api at both tags.
 */
import { describe, expect, test } from 'vitest';
import type { Finding } from '../../src/errors.ts';
import { isKasaneError } from '../../src/errors.ts';
import { validateSchema } from '../../src/validate/schema.ts';
import { resources } from '../fixtures/validate/objects.ts';

function pod(spec: Record<string, unknown>, container: Record<string, unknown> = {}): object {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i', ...container }], ...spec } };
}

function codesAt(minor: string, object: object): string[] {
  return validateSchema(resources(object), { kubernetesVersion: minor }).map((f: Finding) => `${f.code} ${(f.path ?? []).join('.')}`);
}

interface Case {
  what: string;
  object: object;
  /** Minors where the object is valid. */
  valid: string[];
  /** Minors where it is not, with the one finding expected there. */
  invalid: string[];
  finding: string;
}

const cases: Case[] = [
  // 1.29: LifecycleHandler.sleep (KEP-3960) is in the 1.29 document, absent from 1.28's.
  { what: 'preStop sleep (new in 1.29)', object: pod({}, { lifecycle: { preStop: { sleep: { seconds: 5 } } } }), valid: ['1.29', '1.36'], invalid: [], finding: '' },
  // 1.30: VolumeMount.recursiveReadOnly is absent from 1.29.
  {
    what: 'recursiveReadOnly (new in 1.30)',
    object: pod({ volumes: [{ name: 'v', emptyDir: {} }] }, { volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true, recursiveReadOnly: 'Enabled' }] }),
    valid: ['1.30', '1.36'],
    invalid: ['1.29'],
    finding: 'schema/unknown-field spec.containers.0.volumeMounts.0.recursiveReadOnly',
  },
  // 1.30 is the last minor with PodResourceClaim.source (1.31 moved its two fields up a level).
  {
    what: 'resourceClaims[].source (until 1.30)',
    object: pod({ resourceClaims: [{ name: 'gpu', source: { resourceClaimName: 'gpu' } }] }),
    valid: ['1.29', '1.30'],
    invalid: ['1.31', '1.36'],
    finding: 'schema/unknown-field spec.resourceClaims.0.source',
  },
  // 1.31: image volumes (Volume.image).
  {
    what: 'image volume (new in 1.31)',
    object: pod({ volumes: [{ name: 'v', image: { reference: 'r:1' } }] }),
    valid: ['1.31', '1.36'],
    invalid: ['1.30'],
    finding: 'schema/unknown-field spec.volumes.0.image',
  },
  // 1.32: pod-level resources (PodSpec.resources).
  { what: 'pod-level resources (new in 1.32)', object: pod({ resources: { limits: { cpu: '1' } } }), valid: ['1.32', '1.36'], invalid: ['1.31'], finding: 'schema/unknown-field spec.resources' },
  // 1.33: Lifecycle.stopSignal.
  {
    what: 'stopSignal (new in 1.33)',
    object: pod({}, { lifecycle: { stopSignal: 'SIGUSR1' } }),
    valid: ['1.33', '1.36'],
    invalid: ['1.32'],
    finding: 'schema/unknown-field spec.containers.0.lifecycle.stopSignal',
  },
  // 1.34: PodSpec.hostnameOverride.
  { what: 'hostnameOverride (new in 1.34)', object: pod({ hostnameOverride: 'h' }), valid: ['1.34', '1.36'], invalid: ['1.33'], finding: 'schema/unknown-field spec.hostnameOverride' },
  // 1.35 only: PodSpec.workloadRef, gone again from the 1.36 document.
  { what: 'workloadRef (1.35 only)', object: pod({ workloadRef: { name: 'w', podGroup: 'g' } }), valid: ['1.35'], invalid: ['1.34', '1.36'], finding: 'schema/unknown-field spec.workloadRef' },
  // 1.36: PodSpec.schedulingGroup.
  { what: 'schedulingGroup (new in 1.36)', object: pod({ schedulingGroup: { podGroupName: 'g' } }), valid: ['1.36'], invalid: ['1.35'], finding: 'schema/unknown-field spec.schedulingGroup' },
  // Enum values: Toleration operators Gt and Lt are constants from 1.35 on.
  {
    what: "toleration operator 'Gt' (new in 1.35)",
    object: pod({ tolerations: [{ key: 'k', operator: 'Gt', value: '3' }] }),
    valid: ['1.35', '1.36'],
    invalid: ['1.29', '1.34'],
    finding: 'schema/invalid-enum spec.tolerations.0.operator',
  },
  // ResourceQuotaScope VolumeAttributesClass is a constant from 1.33 on.
  {
    what: "quota scope 'VolumeAttributesClass' (new in 1.33)",
    object: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { scopes: ['VolumeAttributesClass'] } },
    valid: ['1.33', '1.36'],
    invalid: ['1.32'],
    finding: 'schema/invalid-enum spec.scopes.0',
  },
  // 1.31 renamed the ClaimResourceStatus value ControllerResizeFailed to ControllerResizeInfeasible.
  {
    what: "PVC resize status 'ControllerResizeFailed' (until 1.30)",
    object: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: {}, status: { allocatedResourceStatuses: { storage: 'ControllerResizeFailed' } } },
    valid: ['1.29', '1.30'],
    invalid: ['1.31', '1.36'],
    finding: 'schema/invalid-enum status.allocatedResourceStatuses.storage',
  },
  // Kinds: resource.k8s.io/v1 is served from 1.34 on (the 1.33 document has v1beta1 and v1beta2 only).
  {
    what: 'resource.k8s.io/v1 DeviceClass (new in 1.34)',
    object: { apiVersion: 'resource.k8s.io/v1', kind: 'DeviceClass', metadata: { name: 'd' }, spec: {} },
    valid: ['1.34', '1.36'],
    invalid: ['1.33'],
    finding: 'schema/unknown-api-version apiVersion',
  },
  // admissionregistration.k8s.io/v1 MutatingAdmissionPolicy is GA in 1.36.
  {
    what: 'MutatingAdmissionPolicy v1 (new in 1.36)',
    object: { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingAdmissionPolicyBinding', metadata: { name: 'b' }, spec: { policyName: 'p' } },
    valid: ['1.36'],
    invalid: ['1.35'],
    finding: 'schema/unknown-api-version apiVersion',
  },
];

/** Kinds and fields of real manifests that every supported minor has (kubebuilder webhooks, metrics-server's APIService). */
const everywhere = [
  {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: 'w' },
    webhooks: [
      {
        name: 'v.example.com',
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
        clientConfig: { service: { name: 's', namespace: 'n', path: '/validate' } },
        rules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'], scope: 'Namespaced' }],
      },
    ],
  },
  {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: 'v1beta1.metrics.k8s.io' },
    spec: { group: 'metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100, service: { name: 'metrics-server', namespace: 'kube-system' } },
  },
];

describe('validateSchema at each Kubernetes minor', () => {
  test.each(everywhere.map((o) => [o.kind, o] as const))('accepts a %s at every minor', (_kind, object) => {
    for (const minor of ['1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']) expect(codesAt(minor, object), minor).toEqual([]);
  });

  test.each(cases)('accepts and rejects $what where the minor has it', ({ object, valid, invalid, finding }) => {
    for (const minor of valid) expect(codesAt(minor, object), minor).toEqual([]);
    for (const minor of invalid) expect(codesAt(minor, object), minor).toEqual([finding]);
  });

  test('names the target minor and the minor that first serves an API not served yet', () => {
    const object = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingAdmissionPolicy', metadata: { name: 'm' }, spec: {} };
    expect(validateSchema(resources(object), { kubernetesVersion: '1.33' }).map((f) => f.message)).toEqual([
      `expected apiVersion 'admissionregistration.k8s.io/v1alpha1' for MutatingAdmissionPolicy in Kubernetes 1.33, found "admissionregistration.k8s.io/v1" (served from Kubernetes 1.36 on)`,
    ]);
  });

  test.each([
    ['1.37', 'expected a Kubernetes version kasane has schema data for (1.29 to 1.36), found "1.37"'],
    ['1.28.3', 'expected a Kubernetes version kasane has schema data for (1.29 to 1.36), found "1.28.3"'],
    ['latest', `expected a Kubernetes version such as '1.36', found "latest"`],
    ['', `expected a Kubernetes version such as '1.36', found ""`],
  ])('throws config/unsupported-kubernetes-version listing the minors when given %j', (version, message) => {
    let error: unknown;
    try {
      validateSchema(resources(pod({})), { kubernetesVersion: version });
    } catch (e) {
      error = e;
    }
    expect(isKasaneError(error) && { code: error.code, message: error.message, hint: error.findings[0]?.hint }).toEqual({
      code: 'config/unsupported-kubernetes-version',
      message,
      hint: "set kubernetesVersion to one of '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', or leave it out for '1.36'",
    });
  });
});
