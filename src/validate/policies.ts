/**
 * Policies: good-practice rules whose severity the project chooses, per rule, per object
 * (overrides) or on the object itself (annotation `kasane.dev/policy.<rule>: off|warning|error`).
 *
 * | rule | default | reports |
 * |---|---|---|
 * | `image-tag` | warning | a container image without a tag, or tagged `latest` (digests are fine) |
 * | `resource-requests` | warning | a container without `resources.requests` for cpu and memory |
 * | `resource-limits` | warning | a container without `resources.limits.memory` |
 * | `liveness-probe` | warning | a container without `livenessProbe` (not for Jobs and CronJobs) |
 * | `readiness-probe` | warning | a container without `readinessProbe` (not for Jobs and CronJobs) |
 * | `privileged` | warning | a container with `securityContext.privileged: true` |
 * | `host-path` | warning | a `hostPath` volume |
 * | `host-network` | warning | a pod with `hostNetwork: true` |
 * | `run-as-non-root` | warning | a container with neither `runAsNonRoot: true` nor a non-zero `runAsUser` (pod or container) |
 * | `plaintext-secret` | warning | a Secret with `data` or `stringData` in the rendered output, which is committed to git (unless annotated `kasane.dev/commit-plaintext: "true"`) |
 *
 * Every rule is a warning by default: none of them is something the API server rejects (a
 * privileged pod is refused only where its namespace enforces a Pod Security level); a project
 * makes the ones it cares about errors.
 * Init containers are checked for everything but probes.
 */
import type { FieldPath, Finding } from '../errors.ts';
import type { KObject } from '../k8s/object.ts';
import { allowsPlaintextCommit } from '../k8s/annotations.ts';
import { parseApiVersion } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { Resource } from '../k8s/resource.ts';
import type { PolicyRule } from '../project/policy.ts';
import type { PolicyOptions } from './policy-config.ts';
import { checkPolicyAnnotations, checkPolicyConfig, policyBase, severityFor } from './policy-config.ts';
import { containersOf, isBatchWorkload, podTemplateOf } from './workloads.ts';

type Report = (rule: PolicyRule, message: string, hint: string, path: FieldPath) => void;

function hasTagOrDigest(image: string): 'ok' | 'latest' | 'missing' {
  if (image.includes('@')) return 'ok';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return 'missing';
  return image.slice(colon + 1) === 'latest' ? 'latest' : 'ok';
}

function securityValue(pod: Record<string, unknown>, container: Record<string, unknown>, field: string): unknown {
  const own = isPlainObject(container.securityContext) ? container.securityContext[field] : undefined;
  if (own !== undefined) return own;
  return isPlainObject(pod.securityContext) ? pod.securityContext[field] : undefined;
}

function checkContainer(report: Report, pod: Record<string, unknown>, container: Record<string, unknown>, path: FieldPath, probes: boolean): void {
  const image = container.image;
  if (typeof image === 'string') {
    const tag = hasTagOrDigest(image);
    if (tag !== 'ok') {
      const found = tag === 'latest' ? `tag 'latest' in ${JSON.stringify(image)}` : `no tag in ${JSON.stringify(image)} (pulls 'latest')`;
      report('image-tag', `expected a pinned image tag or digest, found ${found}`, "pin a version tag or a digest ('@sha256:...') so every render deploys the same image", [...path, 'image']);
    }
  }
  const resources = isPlainObject(container.resources) ? container.resources : {};
  const requests = isPlainObject(resources.requests) ? resources.requests : {};
  const missing = ['cpu', 'memory'].filter((r) => requests[r] === undefined);
  if (missing.length > 0) {
    report('resource-requests', `expected resources.requests for ${missing.join(' and ')}, found none`, `set resources.requests.${missing[0]} so the scheduler can place the pod`, [
      ...path,
      'resources',
    ]);
  }
  const limits = isPlainObject(resources.limits) ? resources.limits : {};
  if (limits.memory === undefined) {
    report('resource-limits', 'expected resources.limits.memory, found none', 'set resources.limits.memory so one container cannot exhaust the node', [...path, 'resources']);
  }
  if (probes) {
    for (const [rule, field] of [
      ['liveness-probe', 'livenessProbe'],
      ['readiness-probe', 'readinessProbe'],
    ] as const) {
      if (container[field] === undefined) report(rule, `expected a ${field}, found none`, `add ${field} (httpGet, tcpSocket, grpc or exec)`, [...path, field]);
    }
  }
  if (securityValue({}, container, 'privileged') === true) {
    report(
      'privileged',
      'expected an unprivileged container, found securityContext.privileged: true',
      'remove privileged and grant only the capabilities it needs (securityContext.capabilities.add)',
      [...path, 'securityContext', 'privileged'],
    );
  }
  const runAsUser = securityValue(pod, container, 'runAsUser');
  if (securityValue(pod, container, 'runAsNonRoot') !== true && !(typeof runAsUser === 'number' && runAsUser > 0)) {
    report(
      'run-as-non-root',
      'expected securityContext.runAsNonRoot: true on the pod or container, found none',
      'set securityContext.runAsNonRoot: true (and a non-root runAsUser if the image has no USER)',
      [...path, 'securityContext'],
    );
  }
}

function checkPod(report: Report, obj: KObject): void {
  const template = podTemplateOf(obj);
  if (!template) return;
  const { spec, specPath } = template;
  const probes = !isBatchWorkload(obj);
  for (const { container, path, init } of containersOf(spec)) checkContainer(report, spec, container, [...specPath, ...path], probes && !init);
  if (spec.hostNetwork === true) {
    report('host-network', 'expected the pod network, found hostNetwork: true', 'remove hostNetwork unless the pod must see the node network', [...specPath, 'hostNetwork']);
  }
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.forEach((v, i) => {
    if (isPlainObject(v) && v.hostPath !== undefined) {
      report('host-path', `expected no hostPath volumes, found hostPath in volume '${String(v.name)}'`, 'use a PersistentVolumeClaim, emptyDir, ConfigMap or Secret volume instead', [
        ...specPath,
        'volumes',
        i,
        'hostPath',
      ]);
    }
  });
}

function checkSecret(report: Report, obj: KObject): void {
  // The annotation records the decision to commit the values: nothing left to warn about.
  if (obj.kind !== 'Secret' || parseApiVersion(obj.apiVersion).group !== '' || allowsPlaintextCommit(obj)) return;
  for (const field of ['data', 'stringData']) {
    const map = obj[field];
    if (!isPlainObject(map) || Object.keys(map).length === 0) continue;
    report(
      'plaintext-secret',
      `expected no Secret values in the rendered output (it is committed to git), found ${Object.keys(map).length} key(s) in ${field}`,
      "use sealedSecret (values from secretValue, sealed at render time) or externalSecret (values in your secret store) instead, see docs/secrets.md; to commit the values on purpose, set the annotation kasane.dev/commit-plaintext: 'true' on it",
      [field],
    );
  }
}

/**
 * Checks the policy rules (see the table above) on each object.
 * @returns findings at each rule's configured severity; rules set to `off` report nothing.
 */
export function validatePolicies(resources: readonly Resource[], options: PolicyOptions = {}): Finding[] {
  const findings: Finding[] = checkPolicyConfig(options);
  for (const { object, component, source } of resources) {
    const base = policyBase(object, component, source);
    findings.push(...checkPolicyAnnotations(object, base));
    const report: Report = (rule, message, hint, path) => {
      const severity = severityFor(rule, object, options);
      if (severity !== 'off') findings.push({ ...base, severity, code: `policy/${rule}`, message, hint, path });
    };
    checkPod(report, object);
    checkSecret(report, object);
  }
  return findings;
}
