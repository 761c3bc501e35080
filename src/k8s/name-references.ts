/**
 * Which fields of which kinds hold the name of another object: the table that lets a rename
 * (name prefix or suffix, content-hash suffix) follow every reference, as Kustomize's
 * `nameReference` configuration does. Facts checked against `kubectl kustomize` (v5.5.0).
 *
 * DO NOT CHANGE this table without checking the result against `kubectl kustomize`: a missing
 * entry leaves a dangling reference in users' rendered output.
 */

/** A field of a referring kind. `path` walks maps by key and arrays element by element. */
export interface NameReferrer {
  /** The referring kind; every kind when unset. */
  kind?: string;
  /** API group of the referring kind; any group when unset. */
  group?: string;
  /**
   * Path to the reference. It ends at a name string, a list of name strings, or an object with
   * `name` (and maybe `namespace`), as in RBAC `subjects` and webhook `clientConfig.service`.
   */
  path: readonly string[];
}

/** The referred kind and every field that can name an object of it. */
export interface NameReference {
  kind: string;
  /** API group of the referred kind; any group when unset (a configuration that names none). */
  group?: string;
  referrers: readonly NameReferrer[];
}

/** Where each kind keeps its pod spec. */
const POD_SPEC_AT: Readonly<Record<string, string>> = {
  Pod: 'spec',
  PodTemplate: 'template/spec',
  Deployment: 'spec/template/spec',
  ReplicaSet: 'spec/template/spec',
  DaemonSet: 'spec/template/spec',
  StatefulSet: 'spec/template/spec',
  ReplicationController: 'spec/template/spec',
  Job: 'spec/template/spec',
  CronJob: 'spec/jobTemplate/spec/template/spec',
};

function inPodSpecs(kinds: readonly string[], fields: readonly string[]): NameReferrer[] {
  return kinds.flatMap((kind) => fields.map((f) => ({ kind, path: `${POD_SPEC_AT[kind]}/${f}`.split('/') })));
}

function at(kind: string, path: string, group?: string): NameReferrer {
  return group === undefined ? { kind, path: path.split('/') } : { kind, group, path: path.split('/') };
}

/** Kinds whose pod specs take ConfigMap and Secret references (not ReplicationController). */
const CONFIG_CONSUMERS = ['Pod', 'PodTemplate', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob'];
/** Kinds whose pod specs take service account, claim and priority class references. */
const POD_OWNERS = ['Pod', 'StatefulSet', 'Deployment', 'ReplicationController', 'CronJob', 'Job', 'DaemonSet'];

/** Kustomize's name reference table (v5.5.0). */
export const NAME_REFERENCES: readonly NameReference[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({
    kind,
    group: kind === 'ReplicationController' ? '' : 'apps',
    referrers: [at('HorizontalPodAutoscaler', 'spec/scaleTargetRef/name')],
  })),
  {
    kind: 'ConfigMap',
    group: '',
    referrers: [
      ...inPodSpecs(CONFIG_CONSUMERS, [
        'volumes/configMap/name',
        'containers/env/valueFrom/configMapKeyRef/name',
        'initContainers/env/valueFrom/configMapKeyRef/name',
        'containers/envFrom/configMapRef/name',
        'initContainers/envFrom/configMapRef/name',
        'volumes/projected/sources/configMap/name',
      ]),
      at('Role', 'rules/resourceNames'),
      at('ClusterRole', 'rules/resourceNames'),
    ],
  },
  {
    kind: 'Secret',
    group: '',
    referrers: [
      ...inPodSpecs(CONFIG_CONSUMERS, [
        'volumes/secret/secretName',
        'containers/env/valueFrom/secretKeyRef/name',
        'initContainers/env/valueFrom/secretKeyRef/name',
        'containers/envFrom/secretRef/name',
        'initContainers/envFrom/secretRef/name',
        'imagePullSecrets/name',
        'volumes/projected/sources/secret/name',
      ]),
      at('Ingress', 'spec/tls/secretName'),
      at('ServiceAccount', 'imagePullSecrets/name'),
      at('StorageClass', 'parameters/secretName'),
      at('StorageClass', 'parameters/adminSecretName'),
      at('StorageClass', 'parameters/userSecretName'),
      at('StorageClass', 'parameters/secretRef'),
      at('Role', 'rules/resourceNames'),
      at('ClusterRole', 'rules/resourceNames'),
      at('PersistentVolume', 'spec/azureFile/secretName'),
    ],
  },
  {
    kind: 'Service',
    group: '',
    referrers: [
      at('StatefulSet', 'spec/serviceName', 'apps'),
      at('Ingress', 'spec/rules/http/paths/backend/serviceName'),
      at('Ingress', 'spec/backend/serviceName'),
      at('Ingress', 'spec/rules/http/paths/backend/service/name'),
      at('Ingress', 'spec/defaultBackend/service/name'),
      at('APIService', 'spec/service', 'apiregistration.k8s.io'),
      at('ValidatingWebhookConfiguration', 'webhooks/clientConfig/service', 'admissionregistration.k8s.io'),
      at('MutatingWebhookConfiguration', 'webhooks/clientConfig/service', 'admissionregistration.k8s.io'),
    ],
  },
  {
    kind: 'Role',
    group: 'rbac.authorization.k8s.io',
    referrers: [at('RoleBinding', 'roleRef/name', 'rbac.authorization.k8s.io')],
  },
  {
    kind: 'ClusterRole',
    group: 'rbac.authorization.k8s.io',
    referrers: [at('RoleBinding', 'roleRef/name', 'rbac.authorization.k8s.io'), at('ClusterRoleBinding', 'roleRef/name', 'rbac.authorization.k8s.io')],
  },
  {
    kind: 'ServiceAccount',
    group: '',
    referrers: [at('RoleBinding', 'subjects', 'rbac.authorization.k8s.io'), at('ClusterRoleBinding', 'subjects', 'rbac.authorization.k8s.io'), ...inPodSpecs(POD_OWNERS, ['serviceAccountName'])],
  },
  {
    kind: 'PersistentVolumeClaim',
    group: '',
    referrers: inPodSpecs(POD_OWNERS, ['volumes/persistentVolumeClaim/claimName']),
  },
  {
    kind: 'PersistentVolume',
    group: '',
    referrers: [at('PersistentVolumeClaim', 'spec/volumeName'), at('ClusterRole', 'rules/resourceNames')],
  },
  {
    kind: 'StorageClass',
    group: 'storage.k8s.io',
    referrers: [at('PersistentVolume', 'spec/storageClassName'), at('PersistentVolumeClaim', 'spec/storageClassName'), at('StatefulSet', 'spec/volumeClaimTemplates/spec/storageClassName')],
  },
  {
    kind: 'PriorityClass',
    group: 'scheduling.k8s.io',
    referrers: inPodSpecs(POD_OWNERS, ['priorityClassName']),
  },
];

/** The entry for a referred kind, if objects of that kind can be referenced by name. */
export function nameReferenceFor(kind: string, group: string): NameReference | undefined {
  return NAME_REFERENCES.find((r) => r.kind === kind && r.group === group);
}
