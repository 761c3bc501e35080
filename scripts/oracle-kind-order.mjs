#!/usr/bin/env node
/**
 * Regenerates test/oracle/kind-order/: a Kustomize tree of objects of many kinds (written in a
 * scrambled order) and expected.txt, the order in which `kubectl kustomize` writes them, one
 * `apiVersion kind namespace/name` line per object.
 *
 * Usage: node scripts/oracle-kind-order.mjs   (needs kubectl on the PATH)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'oracle', 'kind-order');

/** [apiVersion, kind, namespace or '', name] for every object of the tree. */
const OBJECTS = [
  ['v1', 'Namespace', '', 'shop'],
  ['v1', 'Namespace', '', 'billing'],
  ['v1', 'ResourceQuota', 'shop', 'quota'],
  ['storage.k8s.io/v1', 'StorageClass', '', 'fast'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', '', 'widgets.example.com'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', '', 'gadgets.zeta.io'],
  ['v1', 'ServiceAccount', 'shop', 'api'],
  ['v1', 'ServiceAccount', 'billing', 'api'],
  ['v1', 'ServiceAccount', 'shop', 'web'],
  ['policy/v1beta1', 'PodSecurityPolicy', '', 'restricted'],
  ['rbac.authorization.k8s.io/v1', 'Role', 'shop', 'reader'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', '', 'viewer'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'shop', 'reader'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', '', 'viewer'],
  ['v1', 'ConfigMap', 'shop', 'settings'],
  ['v1', 'ConfigMap', 'billing', 'settings'],
  ['v1', 'ConfigMap', 'shop', 'alpha'],
  ['v1', 'ConfigMap', '', 'global'],
  ['v1', 'Secret', 'shop', 'creds'],
  ['v1', 'Endpoints', 'shop', 'legacy'],
  ['v1', 'Service', 'shop', 'web'],
  ['v1', 'Service', 'shop', 'api'],
  ['serving.knative.dev/v1', 'Service', 'shop', 'fn'],
  ['v1', 'LimitRange', 'shop', 'limits'],
  ['scheduling.k8s.io/v1', 'PriorityClass', '', 'high'],
  ['v1', 'PersistentVolume', '', 'pv-1'],
  ['v1', 'PersistentVolumeClaim', 'shop', 'data'],
  ['apps/v1', 'Deployment', 'shop', 'web'],
  ['apps/v1', 'Deployment', 'billing', 'api'],
  ['apps/v1', 'Deployment', 'shop', 'api'],
  ['apps/v1', 'StatefulSet', 'shop', 'db'],
  ['batch/v1', 'CronJob', 'shop', 'report'],
  ['policy/v1', 'PodDisruptionBudget', 'shop', 'api'],
  ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', '', 'inject'],
  ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', '', 'check'],
  ['v1', 'Pod', 'shop', 'debug'],
  ['apps/v1', 'DaemonSet', 'shop', 'agent'],
  ['batch/v1', 'Job', 'shop', 'migrate'],
  ['networking.k8s.io/v1', 'Ingress', 'shop', 'web'],
  ['extensions/v1beta1', 'Ingress', 'shop', 'old'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', 'shop', 'api'],
  ['autoscaling/v1', 'HorizontalPodAutoscaler', 'shop', 'web'],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'shop', 'deny-all'],
  ['apps/v1', 'ReplicaSet', 'shop', 'legacy'],
  ['example.com/v1', 'Widget', 'shop', 'w1'],
  ['example.com/v1', 'Widget', 'billing', 'w1'],
  ['example.com/v1alpha1', 'Widget', 'shop', 'w0'],
  ['zeta.io/v1alpha1', 'Gadget', '', 'g1'],
  ['zeta.io/v1alpha1', 'Gadget', 'shop', 'g2'],
  ['v1', 'ServiceAccount', '', 'no-namespace'],
  ['v1', 'ConfigMap', 'default', 'aaa'],
  ['v1', 'ConfigMap', '', 'bbb'],
  ['v1', 'ConfigMap', 'default', 'ccc'],
  ['v1', 'ConfigMap', 'zz-last', 'aaa'],
  ['acme.io/v1', 'Thing', 'shop', 'a'],
  ['acme.io.eu/v1', 'Thing', 'shop', 'b'],
  ['acme.io/v1beta1', 'Thing', 'shop', 'c'],
  ['acme.io/v10', 'Thing', 'shop', 'd'],
  ['v1', 'Service', 'shop', 'api-2'],
  ['v1', 'Service', 'shop', 'api-10'],
  ['v1', 'Service', 'shop', 'API'],
  ['v1', 'ConfigMap', 'shop-2', 'alpha'],
  ['v1', 'ConfigMap', 'sho', 'zzz'],
  ['v1', 'ConfigMap', 'shop', 'alpha-1'],
];

/** A fixed scramble, so that the input order says nothing about the output order. */
function scramble(items) {
  const out = [];
  for (let step = 0; step < 7; step++) for (let i = step; i < items.length; i += 7) out.push(items[items.length - 1 - i]);
  return out;
}

const objects = scramble(OBJECTS).map(([apiVersion, kind, namespace, name]) => ({
  apiVersion,
  kind,
  metadata: namespace ? { name, namespace } : { name },
}));

rmSync(join(root, 'input'), { recursive: true, force: true });
mkdirSync(join(root, 'input'), { recursive: true });
writeFileSync(join(root, 'input', 'kustomization.yaml'), 'resources:\n- resources.yaml\n');
writeFileSync(join(root, 'input', 'resources.yaml'), objects.map((o) => `---\n${JSON.stringify(o)}\n`).join(''));

const output = execFileSync('kubectl', ['kustomize', join(root, 'input')], { encoding: 'utf8' });
const lines = parseAllDocuments(output).map((doc) => {
  const o = doc.toJS();
  return `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`;
});
if (lines.length !== objects.length) throw new Error(`expected ${objects.length} objects from kubectl, got ${lines.length}`);
writeFileSync(join(root, 'expected.txt'), `${lines.join('\n')}\n`);
process.stdout.write(`wrote ${lines.length} lines to ${join(root, 'expected.txt')}\n`);
