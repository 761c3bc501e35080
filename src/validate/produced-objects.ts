/**
 * Secrets that controllers create at run time from objects in the validated set, so that a
 * pod that mounts one is not reported as referring to nothing:
 *
 * | object | creates |
 * |---|---|
 * | cert-manager `Certificate` (cert-manager.io) | the Secret `spec.secretName` |
 * | an Ingress with a `cert-manager.io/issuer` or `cert-manager.io/cluster-issuer` annotation | each `spec.tls[].secretName` (cert-manager's ingress-shim makes a Certificate for it) |
 * | `ExternalSecret` (external-secrets.io) | the Secret `spec.target.name`, default its own name, unless `creationPolicy` is `None` or `Merge` |
 * | `SealedSecret` (bitnami.com) | the Secret of its own name |
 *
 * Each in the namespace of the object that asks for it.
 */
import { parseApiVersion, type KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import type { Resource } from '../k8s/resource.ts';

type Producer = (obj: KObject) => string[];

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const certificate: Producer = (obj) => {
  const name = isPlainObject(obj.spec) ? str(obj.spec.secretName) : undefined;
  return name ? [name] : [];
};

const ingressShim: Producer = (obj) => {
  const annotations = obj.metadata.annotations ?? {};
  if (!str(annotations['cert-manager.io/issuer']) && !str(annotations['cert-manager.io/cluster-issuer'])) return [];
  const tls = isPlainObject(obj.spec) && Array.isArray(obj.spec.tls) ? obj.spec.tls : [];
  return tls.flatMap((t) => (isPlainObject(t) && str(t.secretName) ? [t.secretName as string] : []));
};

const externalSecret: Producer = (obj) => {
  const target = isPlainObject(obj.spec) && isPlainObject(obj.spec.target) ? obj.spec.target : {};
  if (target.creationPolicy === 'None' || target.creationPolicy === 'Merge') return [];
  return [str(target.name) ?? obj.metadata.name];
};

const sealedSecret: Producer = (obj) => [obj.metadata.name];

/** `group/Kind` → the names of the Secrets an object of it makes. */
const PRODUCERS: Record<string, Producer> = {
  'cert-manager.io/Certificate': certificate,
  'networking.k8s.io/Ingress': ingressShim,
  'external-secrets.io/ExternalSecret': externalSecret,
  'bitnami.com/SealedSecret': sealedSecret,
};

/** `namespace/name` of every Secret a controller creates from `resources` (see the table above). */
export function producedSecrets(resources: readonly Resource[]): Set<string> {
  const out = new Set<string>();
  for (const { object } of resources) {
    const producer = PRODUCERS[`${parseApiVersion(object.apiVersion).group}/${object.kind}`];
    if (!producer) continue;
    for (const name of producer(object)) out.add(`${object.metadata.namespace ?? ''}/${name}`);
  }
  return out;
}
