/**
 * Reference checks inside pod specs: ConfigMaps, Secrets and their keys (env, envFrom,
 * volumes, projected volumes), PersistentVolumeClaims, volume mounts and service accounts.
 */
import { didYouMean } from '../errors.ts';
import type { FieldPath, Finding } from '../errors.ts';
import type { KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { Resource } from '../k8s/resource.ts';
import type { ReferenceIndex } from './reference-index.ts';
import { namespaceOf, referenceFinding, requireObject } from './reference-index.ts';
import { containersOf, groupKind, podTemplateOf } from './workloads.ts';

type ConfigKind = 'ConfigMap' | 'Secret';

interface PodCheck {
  index: ReferenceIndex;
  findings: Finding[];
  resource: Resource;
  namespace: string;
}

function keysOf(obj: KObject): string[] {
  const keys = new Set<string>();
  const fields = obj.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
  for (const field of fields) {
    const map = obj[field];
    if (isPlainObject(map)) for (const k of Object.keys(map)) keys.add(k);
  }
  return [...keys].sort();
}

/** Checks one ConfigMap or Secret reference (`name` at `path`) and the keys it uses. */
function checkConfigRef(c: PodCheck, kind: ConfigKind, ref: Record<string, unknown>, nameField: string, path: FieldPath, keys: { key: string; path: FieldPath }[]): void {
  const name = ref[nameField];
  if (typeof name !== 'string' || ref.optional === true) return;
  const code = kind === 'ConfigMap' ? 'reference/configmap-not-found' : 'reference/secret-not-found';
  const hint = `add the ${kind}, fix the name, set 'optional: true', or list it in 'external' of kasane.config.ts`;
  const target = requireObject(c.index, c.findings, c.resource, { gk: `/${kind}`, name, namespace: c.namespace }, [...path, nameField], code, hint);
  if (!target) return;
  const existing = keysOf(target);
  for (const { key, path: keyPath } of keys) {
    if (existing.includes(key)) continue;
    const found = existing.length ? `found keys ${existing.map((k) => `'${k}'`).join(', ')}` : 'found no keys';
    const message = `expected key '${key}' in ${kind} '${name}', ${found}${didYouMean(key, existing)}`;
    c.findings.push(referenceFinding(c.resource, 'error', 'reference/key-not-found', message, `add '${key}' to the ${kind}, fix the key, or set 'optional: true'`, keyPath));
  }
}

function itemKeys(items: unknown, path: FieldPath): { key: string; path: FieldPath }[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((item, i) => (isPlainObject(item) && typeof item.key === 'string' ? [{ key: item.key, path: [...path, 'items', i, 'key'] }] : []));
}

/** The fields of `env[].valueFrom`, `envFrom[]` and projected volume sources that name a ConfigMap or a Secret. */
const VALUE_FROM_REFS = [
  ['configMapKeyRef', 'ConfigMap'],
  ['secretKeyRef', 'Secret'],
] as const;
const ENV_FROM_REFS = [
  ['configMapRef', 'ConfigMap'],
  ['secretRef', 'Secret'],
] as const;
const PROJECTED_REFS = [
  ['configMap', 'ConfigMap'],
  ['secret', 'Secret'],
] as const;

function checkContainer(c: PodCheck, container: Record<string, unknown>, path: FieldPath): void {
  const env = Array.isArray(container.env) ? container.env : [];
  env.forEach((e, i) => {
    const from = isPlainObject(e) && isPlainObject(e.valueFrom) ? e.valueFrom : undefined;
    if (!from) return;
    for (const [field, kind] of VALUE_FROM_REFS) {
      const ref = from[field];
      if (!isPlainObject(ref)) continue;
      const refPath = [...path, 'env', i, 'valueFrom', field];
      const keys = typeof ref.key === 'string' ? [{ key: ref.key, path: [...refPath, 'key'] }] : [];
      checkConfigRef(c, kind, ref, 'name', refPath, keys);
    }
  });
  const envFrom = Array.isArray(container.envFrom) ? container.envFrom : [];
  envFrom.forEach((e, i) => {
    if (!isPlainObject(e)) return;
    for (const [field, kind] of ENV_FROM_REFS) {
      const ref = e[field];
      if (isPlainObject(ref)) checkConfigRef(c, kind, ref, 'name', [...path, 'envFrom', i, field], []);
    }
  });
}

function checkProjected(c: PodCheck, projected: Record<string, unknown>, path: FieldPath): void {
  const sources = Array.isArray(projected.sources) ? projected.sources : [];
  sources.forEach((s, i) => {
    if (!isPlainObject(s)) return;
    for (const [field, kind] of PROJECTED_REFS) {
      const ref = s[field];
      const refPath = [...path, 'sources', i, field];
      if (isPlainObject(ref)) checkConfigRef(c, kind, ref, 'name', refPath, itemKeys(ref.items, refPath));
    }
  });
}

function checkVolume(c: PodCheck, volume: Record<string, unknown>, path: FieldPath): void {
  if (isPlainObject(volume.configMap)) {
    checkConfigRef(c, 'ConfigMap', volume.configMap, 'name', [...path, 'configMap'], itemKeys(volume.configMap.items, [...path, 'configMap']));
  }
  if (isPlainObject(volume.secret)) {
    checkConfigRef(c, 'Secret', volume.secret, 'secretName', [...path, 'secret'], itemKeys(volume.secret.items, [...path, 'secret']));
  }
  if (isPlainObject(volume.projected)) checkProjected(c, volume.projected, [...path, 'projected']);
  const pvc = volume.persistentVolumeClaim;
  if (isPlainObject(pvc) && typeof pvc.claimName === 'string') {
    const hint = "add the PersistentVolumeClaim, fix 'claimName', or list it in 'external' of kasane.config.ts";
    requireObject(
      c.index,
      c.findings,
      c.resource,
      { gk: '/PersistentVolumeClaim', name: pvc.claimName, namespace: c.namespace },
      [...path, 'persistentVolumeClaim', 'claimName'],
      'reference/pvc-not-found',
      hint,
    );
  }
}

function claimTemplateNames(obj: KObject): string[] {
  if (groupKind(obj) !== 'apps/StatefulSet' || !isPlainObject(obj.spec) || !Array.isArray(obj.spec.volumeClaimTemplates)) return [];
  return obj.spec.volumeClaimTemplates.flatMap((t) => (isPlainObject(t) && isPlainObject(t.metadata) && typeof t.metadata.name === 'string' ? [t.metadata.name] : []));
}

function checkMounts(c: PodCheck, spec: Record<string, unknown>, specPath: FieldPath, volumeNames: string[]): void {
  const available = [...volumeNames, ...claimTemplateNames(c.resource.object)];
  for (const { container, path } of containersOf(spec)) {
    const mounts = Array.isArray(container.volumeMounts) ? container.volumeMounts : [];
    mounts.forEach((m, i) => {
      if (!isPlainObject(m) || typeof m.name !== 'string' || available.includes(m.name)) return;
      const message = `expected a volume or volumeClaimTemplate named '${m.name}', found none${didYouMean(m.name, available)}`;
      c.findings.push(
        referenceFinding(c.resource, 'error', 'reference/volume-not-found', message, `add a volume named '${m.name}' to the pod spec, or fix the mount's name`, [
          ...specPath,
          ...path,
          'volumeMounts',
          i,
          'name',
        ]),
      );
    });
  }
}

/** Checks the references of the pod template of one workload or Pod (no-op for other kinds). */
export function checkPodReferences(index: ReferenceIndex, resource: Resource, findings: Finding[]): void {
  const template = podTemplateOf(resource.object);
  if (!template) return;
  const { spec, specPath } = template;
  const c: PodCheck = { index, findings, resource, namespace: namespaceOf(resource.object) };
  for (const { container, path } of containersOf(spec)) checkContainer(c, container, [...specPath, ...path]);
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  const volumeNames: string[] = [];
  volumes.forEach((v, i) => {
    if (!isPlainObject(v)) return;
    if (typeof v.name === 'string') volumeNames.push(v.name);
    checkVolume(c, v, [...specPath, 'volumes', i]);
  });
  checkMounts(c, spec, specPath, volumeNames);
  const field = typeof spec.serviceAccountName === 'string' ? 'serviceAccountName' : typeof spec.serviceAccount === 'string' ? 'serviceAccount' : undefined;
  const account = field ? (spec[field] as string) : undefined;
  if (field && account && account !== 'default') {
    const hint = "add the ServiceAccount, fix the name, or list it in 'external' of kasane.config.ts";
    requireObject(index, findings, resource, { gk: '/ServiceAccount', name: account, namespace: c.namespace }, [...specPath, field], 'reference/service-account-not-found', hint);
  }
}
