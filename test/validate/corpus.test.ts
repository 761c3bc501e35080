/**
 * `kasane validate -f` on manifests that run in production: the `kubectl kustomize` output of
 * every tree of the real-world Kustomize corpus and the `helm template` output of the Helm chart
 * corpus. The API server accepts all of them (one made-up example type aside), so no finding may
 * be an error except the few pinned below with their reason; the warnings are pinned by code and
 * count, each code with the reason a reviewer would agree with it.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, writeProject } from '../helpers/project.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');

/** Why each remaining warning is right. */
export const WARNING_REASONS: Record<string, string> = {
  'schema/unknown-kind': 'a custom resource whose CRD is not in the output (cert-manager, Istio, Flux, Prometheus Operator): not checked, and said so',
  'reference/secret-not-found': 'a Secret that something outside the output makes at run time (an init Job, an operator, a secret manager): check that it will exist',
  'reference/service-not-found': "a StatefulSet's serviceName without its Service (Argo CD's application controller): accepted, only the pods' DNS names are missing",
  'reference/configmap-not-found': "a ConfigMap the manifests expect from an overlay or the user (metal3's Ironic settings, which its example overlays generate): check that it will exist",
  'reference/service-not-headless': "a StatefulSet's serviceName naming a Service with a cluster IP (the CSI snapshotter sidecar): accepted, but the pods get no DNS names of their own",
  'reference/service-account-not-found': 'a ServiceAccount the manifests expect from elsewhere (test data of kustomize-controller, podinfo with serviceAccount.create off)',
  'policy/image-tag': 'an image without a tag or tagged latest',
  'policy/resource-requests': 'a container without cpu and memory requests',
  'policy/resource-limits': 'a container without a memory limit',
  'policy/liveness-probe': 'a long-running container without a liveness probe',
  'policy/readiness-probe': 'a long-running container without a readiness probe',
  'policy/host-path': 'a hostPath volume (node agents need them; worth a look)',
  'policy/host-network': "a pod on the node's network",
  'policy/privileged': 'a privileged container (Cluster API Docker runs docker in docker, the CSI host path driver mounts the node)',
  'policy/plaintext-secret': 'a Secret with its values in the manifests',
  'policy/run-as-non-root': 'a container that may run as root (no runAsNonRoot, no non-zero runAsUser)',
};

/** Errors the API server would also raise, with the reason. */
const KNOWN_ERRORS: Record<string, string> = {
  // The Kustomize documentation's transformer-config example uses a made-up kind.
  'kustomize-example-transformerconfigs-crd schema/unknown-kind Bee/test-bee kind': "apiVersion 'v1beta1' (core group) has no kind Bee",
  // Helm 3.18 prints the chart's Ingress port name as a number; the API server refuses a number for a string field.
  'argo-rollouts/expected/override.helm-3.18.yaml schema/invalid-type Ingress/platform-argo-rollouts-dashboard spec.rules[0].http.paths[0].backend.service.port.name': 'port.name 3100 is a number',
  'argo-workflows/expected/override.helm-3.18.yaml schema/invalid-type Ingress/platform-argo-workflows-server spec.rules[0].http.paths[0].backend.service.port.name': 'port.name 2746 is a number',
};

interface JsonFinding {
  severity: string;
  code: string;
  object?: { kind: string; name: string };
  path?: string;
}

/** Findings of `validate -f` on each file, with the default policies (no project around). */
async function validateAll(files: { name: string; file: string }[]): Promise<{ errors: string[]; warnings: Record<string, number> }> {
  const cwd = writeProject({});
  const errors: string[] = [];
  const warnings: Record<string, number> = {};
  for (const { name, file } of files) {
    const r = await runCli(['validate', '-f', file, '--json'], cwd);
    expect(r.code === 2, `${name}: ${r.stderr}`).toBe(false);
    for (const f of JSON.parse(r.stdout || '[]') as JsonFinding[]) {
      if (f.severity === 'error') errors.push(`${name} ${f.code} ${f.object?.kind}/${f.object?.name} ${f.path ?? ''}`);
      else warnings[f.code] = (warnings[f.code] ?? 0) + 1;
    }
  }
  return { errors, warnings: Object.fromEntries(Object.entries(warnings).sort(([a], [b]) => (a < b ? -1 : 1))) };
}

function kustomizeOutputs(): { name: string; file: string }[] {
  const root = path.join(fixtures, 'kustomize-corpus');
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && readdirSync(path.join(root, e.name)).includes('expected.yaml'))
    .map((e) => ({ name: e.name, file: path.join(root, e.name, 'expected.yaml') }));
}

function helmOutputs(): { name: string; file: string }[] {
  const root = path.join(fixtures, 'helm-charts');
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) =>
      readdirSync(path.join(root, e.name, 'expected'))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => ({ name: `${e.name}/expected/${f}`, file: path.join(root, e.name, 'expected', f) })),
    );
}

describe('validate -f on real manifests', () => {
  test('kubectl kustomize output of the 74 offline trees: no error the API server would not raise', async () => {
    const files = kustomizeOutputs();
    expect(files.length).toBe(74);
    const { errors, warnings } = await validateAll(files);
    expect(errors.filter((e) => !KNOWN_ERRORS[e])).toEqual([]);
    expect(errors).toEqual(Object.keys(KNOWN_ERRORS).filter((k) => k.startsWith('kustomize-')));
    expect(warnings).toEqual({
      'policy/host-network': 1,
      'policy/host-path': 10,
      'policy/image-tag': 52,
      'policy/liveness-probe': 53,
      'policy/plaintext-secret': 14,
      'policy/privileged': 2,
      'policy/readiness-probe': 56,
      'policy/resource-limits': 109,
      'policy/resource-requests': 101,
      'policy/run-as-non-root': 49,
      'reference/configmap-not-found': 5,
      'reference/secret-not-found': 28,
      'reference/service-account-not-found': 2,
      'reference/service-not-found': 3,
      'reference/service-not-headless': 1,
      'schema/unknown-kind': 85,
    });
    for (const code of Object.keys(warnings)) expect(WARNING_REASONS[code], code).toBeDefined();
  }, 120_000);

  test('helm template output of the chart corpus: no error the API server would not raise', async () => {
    const { errors, warnings } = await validateAll(helmOutputs());
    expect(errors).toEqual(Object.keys(KNOWN_ERRORS).filter((k) => !k.startsWith('kustomize-')));
    expect(warnings).toEqual({
      'policy/host-network': 3,
      'policy/host-path': 9,
      'policy/image-tag': 2,
      'policy/liveness-probe': 52,
      'policy/plaintext-secret': 11,
      'policy/readiness-probe': 48,
      'policy/resource-limits': 99,
      'policy/resource-requests': 80,
      'policy/run-as-non-root': 12,
      'reference/secret-not-found': 31,
      'reference/service-account-not-found': 1,
      'reference/service-not-found': 3,
      'schema/unknown-kind': 44,
    });
    for (const code of Object.keys(warnings)) expect(WARNING_REASONS[code], code).toBeDefined();
  }, 120_000);
});
