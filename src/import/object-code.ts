/**
 * One Kubernetes object as code: a builder call where a builder reproduces the object exactly
 * (checked by running the builder on the props and comparing), otherwise a typed literal through
 * `resource<T>()`.
 */
import { configMap, container, deployment } from '../builders/index.ts';
import type { KObject } from '../k8s/object.ts';
import { isPlainObject, setOwn } from '../util/plain-object.ts';
import { sameJson } from '../util/same-json.ts';
import { call, FIELD_COMMENTS, type CodeNode } from './code.ts';
import type { Imports } from './imports.ts';

/** apiVersion + kind → the module of kasane's Kubernetes types (`kasane/api/...`) and type name. */
const TYPES: Record<string, [string, string]> = {};
const MODULES: [string, string, string[]][] = [
  ['v1', 'core/v1', ['ConfigMap', 'Endpoints', 'LimitRange', 'Namespace', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount']],
  ['apps/v1', 'apps/v1', ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet']],
  ['batch/v1', 'batch/v1', ['CronJob', 'Job']],
  ['autoscaling/v2', 'autoscaling/v2', ['HorizontalPodAutoscaler']],
  ['networking.k8s.io/v1', 'networking/v1', ['Ingress', 'IngressClass', 'NetworkPolicy']],
  ['policy/v1', 'policy/v1', ['PodDisruptionBudget']],
  ['rbac.authorization.k8s.io/v1', 'rbac/v1', ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']],
  ['scheduling.k8s.io/v1', 'scheduling/v1', ['PriorityClass']],
  ['storage.k8s.io/v1', 'storage/v1', ['StorageClass']],
  ['apiextensions.k8s.io/v1', 'apiextensions/v1', ['CustomResourceDefinition']],
  ['admissionregistration.k8s.io/v1', 'admissionregistration/v1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']],
];
for (const [apiVersion, module, kinds] of MODULES) for (const kind of kinds) TYPES[`${apiVersion} ${kind}`] = [`kasane/api/${module}`, kind];

/** Values of a component that replace fields of its object (`values.replicas`, ...). */
export interface Lifted {
  replicas?: CodeNode;
  image?: CodeNode;
}

type Props = Record<string, unknown>;

function commentsOf(value: unknown): Record<string, string> {
  return (isPlainObject(value) ? (value as { [FIELD_COMMENTS]?: Record<string, string> })[FIELD_COMMENTS] : undefined) ?? {};
}

function withComments<T extends Props>(props: T, notes: Record<string, string>): T {
  const kept = Object.fromEntries(Object.entries(notes).filter(([k]) => k in props));
  if (Object.keys(kept).length) Object.defineProperty(props, FIELD_COMMENTS, { value: kept, enumerable: true, configurable: true });
  return props;
}

function without(obj: Record<string, unknown> | undefined, keys: readonly string[]): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(obj ?? {})) if (!keys.includes(k)) setOwn(out, k, v);
  return out;
}

function metaProps(meta: Record<string, unknown>, podLabels?: Record<string, string>): Props {
  const props: Props = { name: meta.name };
  if (meta.namespace !== undefined) props.namespace = meta.namespace;
  const labels = without(
    meta.labels as Props | undefined,
    Object.keys(podLabels ?? {}).filter((k) => podLabels![k] === (meta.labels as Props | undefined)?.[k]),
  );
  if (Object.keys(labels).length) props.labels = labels;
  if (meta.annotations !== undefined) props.annotations = meta.annotations;
  const rest = without(meta, ['name', 'namespace', 'labels', 'annotations']);
  if (Object.keys(rest).length) props.metadata = rest;
  return withComments(props, commentsOf(meta));
}

function containerProps(c: Record<string, unknown>): Props {
  const props: Props = { ...c };
  const ports = c.ports;
  if (Array.isArray(ports) && ports.length && ports.every((p) => isPlainObject(p) && Object.keys(p).length === 2 && typeof p.name === 'string' && typeof p.containerPort === 'number')) {
    const names = ports.map((p) => (p as Props).name as string);
    if (new Set(names).size === names.length) props.ports = Object.fromEntries(ports.map((p) => [(p as Props).name, (p as Props).containerPort]));
  }
  const env = c.env;
  if (Array.isArray(env) && env.length && env.every((e) => isPlainObject(e) && Object.keys(e).length === 2 && typeof e.value === 'string' && typeof e.name === 'string')) {
    const names = env.map((e) => (e as Props).name as string);
    if (new Set(names).size === names.length) props.env = Object.fromEntries(env.map((e) => [(e as Props).name, (e as Props).value]));
  }
  return props;
}

/** Deployment → deployment() props, with containers as container() props; undefined when it cannot map. */
function deploymentProps(d: KObject): { props: Props; containers: Props[] } | undefined {
  const spec = d.spec as Props | undefined;
  const template = spec?.template as Props | undefined;
  const podMeta = (template?.metadata ?? {}) as Props;
  const podSpec = template?.spec as Props | undefined;
  if (d.status !== undefined || !podSpec || !Array.isArray(podSpec.containers) || podSpec.containers.length === 0) return undefined;
  if (Object.keys(without(podMeta, ['labels', 'annotations'])).length || Object.keys(without(template, ['metadata', 'spec'])).length) return undefined;
  if (Object.keys(without(d as unknown as Props, ['apiVersion', 'kind', 'metadata', 'spec'])).length) return undefined;
  const podLabels = podMeta.labels as Record<string, string> | undefined;
  const props = metaProps(d.metadata as unknown as Props, podLabels);
  if (spec!.replicas !== undefined) props.replicas = spec!.replicas;
  if (podLabels && !sameJson(podLabels, { 'app.kubernetes.io/name': d.metadata.name })) props.podLabels = podLabels;
  if (!sameJson(spec!.selector, { matchLabels: podLabels })) props.selector = spec!.selector;
  if (podMeta.annotations !== undefined) props.podAnnotations = podMeta.annotations;
  for (const key of ['strategy', 'revisionHistoryLimit'] as const) if (spec![key] !== undefined) props[key] = spec![key];
  const restSpec = without(spec, ['replicas', 'selector', 'template', 'strategy', 'revisionHistoryLimit']);
  if (Object.keys(restSpec).length) props.spec = restSpec;
  const containers = (podSpec.containers as Props[]).map(containerProps);
  if (podSpec.initContainers !== undefined) props.initContainers = podSpec.initContainers;
  if (podSpec.volumes !== undefined) props.volumes = podSpec.volumes;
  if (typeof podSpec.serviceAccountName === 'string') props.serviceAccount = podSpec.serviceAccountName;
  for (const key of ['tolerations', 'nodeSelector'] as const) if (podSpec[key] !== undefined) props[key] = podSpec[key];
  const restPod = without(podSpec, ['containers', 'initContainers', 'volumes', 'serviceAccountName', 'tolerations', 'nodeSelector']);
  if (Object.keys(restPod).length) props.podSpec = restPod;
  withComments(props, { ...commentsOf(spec), ...commentsOf(podSpec), ...commentsOf(d.metadata) });
  return { props, containers };
}

function builds(make: () => unknown, original: KObject): boolean {
  try {
    return sameJson(make(), original);
  } catch {
    return false;
  }
}

/** The code of one object, adding what it needs to `imports`. */
export function objectCode(object: KObject, imports: Imports, lifted: Lifted = {}): unknown {
  if (object.apiVersion === 'apps/v1' && object.kind === 'Deployment') {
    const mapped = deploymentProps(object);
    if (mapped && builds(() => deployment({ ...mapped.props, containers: mapped.containers.map((c) => container(c as never)) } as never), object)) {
      imports.kasane.add('deployment').add('container');
      const props: Props = { ...mapped.props };
      if (lifted.replicas && props.replicas !== undefined) props.replicas = lifted.replicas;
      const containers = mapped.containers.map((c, i) => call('container', i === 0 && lifted.image ? { ...c, image: lifted.image } : c));
      return call('deployment', { ...props, containers });
    }
  }
  if (object.apiVersion === 'v1' && object.kind === 'ConfigMap') {
    const props = { ...metaProps(object.metadata as unknown as Props), ...without(object as unknown as Props, ['apiVersion', 'kind', 'metadata']) };
    const only = Object.keys(props).every((k) => ['name', 'namespace', 'labels', 'annotations', 'metadata', 'data', 'binaryData', 'immutable'].includes(k));
    if (only && builds(() => configMap(props as never), object)) {
      imports.kasane.add('configMap');
      return call('configMap', withComments(props, { ...commentsOf(object.metadata as unknown), ...commentsOf(object) }));
    }
  }
  imports.kasane.add('resource');
  const type = TYPES[`${object.apiVersion} ${object.kind}`];
  if (!type) return call('resource', object);
  imports.addType(type[0], type[1]);
  return call(`resource<${type[1]}>`, object);
}

/** The image of a Deployment's only container, when `objectCode` would write it in a builder. */
export function liftableOf(object: KObject): { replicas?: number; image?: string } {
  if (object.kind !== 'Deployment') return {};
  const spec = object.spec as Props | undefined;
  const containers = ((spec?.template as Props | undefined)?.spec as Props | undefined)?.containers;
  const out: { replicas?: number; image?: string } = {};
  if (typeof spec?.replicas === 'number') out.replicas = spec.replicas;
  if (Array.isArray(containers) && containers.length === 1 && typeof (containers[0] as Props).image === 'string') out.image = (containers[0] as Props).image as string;
  return out;
}
