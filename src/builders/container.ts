/**
 * The container builder: Kubernetes `Container` fields plus shorthands for ports, env, envFrom
 * and resources, with probe ports checked against the container's own ports.
 */
import type { ConfigMap, Container, ContainerPort, EnvVar, EnvVarSource, Probe, ResourceRequirements, Secret } from '../k8s/api/core/v1.ts';
import { didYouMean } from '../errors.ts';
import { builderError, quoteList } from './builder-error.ts';
import { freshCopy } from './fresh-copy.ts';
import { checkProps, propShape } from './prop-check.ts';
import type { CallContext, NestedShape, RelationSpec } from './prop-check.ts';
import { envFromSource, fromConfigMapAt, fromSecretAt } from './refs.ts';
import type { EnvSource } from './refs.ts';

/** An env value taken from one key of a ConfigMap object. */
export interface ConfigMapKey {
  configMap: ConfigMap;
  key: string;
}

/** An env value taken from one key of a Secret object. */
export interface SecretKey {
  secret: Secret;
  key: string;
}

/** One env value: text (numbers are written as text), a `valueFrom` source, or a key of a ConfigMap or Secret object. */
export type EnvValue = string | number | EnvVarSource | ConfigMapKey | SecretKey;

/** `{ cpu, memory }` shorthand: the same quantities as requests and as limits. */
export interface ResourceShorthand {
  /**
   * CPU, e.g. `'250m'`.
   * @default unset
   */
  cpu?: string;
  /**
   * Memory, e.g. `'256Mi'`.
   * @default unset
   */
  memory?: string;
  /**
   * Local ephemeral storage, e.g. `'1Gi'`.
   * @default unset
   */
  'ephemeral-storage'?: string;
}

/** Props of {@link container}: every `Container` field, with friendlier shapes for a few. */
export interface ContainerProps extends Omit<Container, 'image' | 'ports' | 'env' | 'envFrom' | 'resources'> {
  image: string;
  /**
   * `{ http: 8080 }` (name → containerPort, in insertion order, protocol TCP) or `ContainerPort[]`.
   * @default unset
   */
  ports?: Record<string, number> | ContainerPort[];
  /**
   * `{ NAME: value }` in insertion order (not sorted, so later variables can refer to earlier
   * ones with `$(NAME)`), or `EnvVar[]`.
   * @default unset
   */
  env?: Record<string, EnvValue> | EnvVar[];
  /**
   * ConfigMap and Secret objects (or literal `EnvFromSource`s) whose keys all become variables.
   * @default unset
   */
  envFrom?: EnvSource[];
  /**
   * `ResourceRequirements`, or the shorthand `{ cpu, memory }` which sets requests and limits
   * to the same values (the Guaranteed QoS class).
   * @default unset
   */
  resources?: ResourceRequirements | ResourceShorthand;
}

const resourceShorthandShape = propShape<ResourceShorthand>('ResourceShorthand', ['cpu', 'memory', 'ephemeral-storage']);

/** True when `resources` is the `{ cpu, memory }` shorthand rather than `ResourceRequirements`. */
export function isResourceShorthand(resources: object): boolean {
  return !('requests' in resources || 'limits' in resources || 'claims' in resources);
}

const configMapKeyShape = propShape<ConfigMapKey>('ConfigMapKey', ['configMap', 'key'], { relations: { configMap: { kinds: ['ConfigMap'], literals: false } } });
const secretKeyShape = propShape<SecretKey>('SecretKey', ['secret', 'key'], { relations: { secret: { kinds: ['Secret'], literals: false } } });

/** How the shorthand fields a container and a workload share are checked. */
export const containerFieldChecks: { nested: Record<string, NestedShape[]>; relations: Record<string, RelationSpec> } = {
  nested: {
    resources: [{ shape: resourceShorthandShape, when: isResourceShorthand }],
    env: [
      { shape: configMapKeyShape, map: true, when: (v) => 'configMap' in v },
      { shape: secretKeyShape, map: true, when: (v) => 'secret' in v },
    ],
  },
  relations: { envFrom: { kinds: ['ConfigMap', 'Secret'], literals: true, list: true, hint: 'pass ConfigMap or Secret objects, or EnvFromSource literals' } },
};

/** The props {@link container} takes. */
export const containerShape = propShape<ContainerProps>(
  'ContainerProps',
  [
    'name',
    'image',
    'ports',
    'env',
    'envFrom',
    'resources',
    'args',
    'command',
    'imagePullPolicy',
    'lifecycle',
    'livenessProbe',
    'readinessProbe',
    'startupProbe',
    'resizePolicy',
    'restartPolicy',
    'restartPolicyRules',
    'securityContext',
    'stdin',
    'stdinOnce',
    'terminationMessagePath',
    'terminationMessagePolicy',
    'tty',
    'volumeDevices',
    'volumeMounts',
    'workingDir',
  ],
  containerFieldChecks,
);

/**
 * A Container.
 * @throws KasaneError `builder/unknown-prop`, `builder/invalid-relation` (see {@link checkProps});
 * `builder/unknown-probe-port` when a probe names a port the container does not declare;
 * `builder/unknown-key` when an env value names a key missing from its ConfigMap or Secret.
 * @example
 * const echo = container({ name: 'echo', image: 'gihyodocker/echo:latest', ports: { http: 8080 }, readinessProbe: httpGet('/', 'http') });
 */
export function container(props: ContainerProps): Container {
  const call: CallContext = { builder: 'container', object: { apiVersion: 'v1', kind: 'Container' } };
  checkProps(props, containerShape, call);
  const { ports, env, envFrom, resources, ...rest } = props;
  const out: Container = { ...rest };
  if (ports !== undefined) out.ports = Array.isArray(ports) ? ports : Object.entries(ports).map(([name, containerPort]) => ({ name, containerPort }));
  if (env !== undefined) out.env = Array.isArray(env) ? env : Object.entries(env).map(([name, value]) => envVarAt(name, value, { ...call, path: ['env', name] }));
  if (envFrom !== undefined) out.envFrom = envFrom.map(envFromSource);
  if (resources !== undefined) out.resources = resourceRequirements(resources);
  for (const field of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = out[field];
    if (probe) out[field] = checkProbe(probe, field, out);
  }
  return freshCopy(out);
}

/**
 * One `EnvVar` from a name and an {@link EnvValue}.
 * @throws KasaneError `builder/unknown-prop`, `builder/invalid-relation`, `builder/unknown-key`.
 */
export function envVar(name: string, value: EnvValue): EnvVar {
  return envVarAt(name, value, { builder: 'envVar' });
}

function envVarAt(name: string, value: EnvValue, call: CallContext): EnvVar {
  if (typeof value === 'string' || typeof value === 'number') return { name, value: String(value) };
  if ('configMap' in value) {
    checkProps(value, configMapKeyShape, call);
    return { name, valueFrom: fromConfigMapAt(value.configMap, value.key, {}, call) };
  }
  if ('secret' in value) {
    checkProps(value, secretKeyShape, call);
    return { name, valueFrom: fromSecretAt(value.secret, value.key, {}, call) };
  }
  return { name, valueFrom: value };
}

/**
 * `ResourceRequirements` from either form of `resources`.
 * @throws KasaneError `builder/unknown-prop` for a shorthand field other than cpu, memory and ephemeral-storage.
 */
export function resourceRequirements(resources: ResourceRequirements | ResourceShorthand): ResourceRequirements {
  if (!isResourceShorthand(resources)) return resources as ResourceRequirements;
  checkProps(resources, resourceShorthandShape, { builder: 'resourceRequirements' });
  const shorthand = resources as Record<string, string | undefined>;
  const quantities: Record<string, string> = {};
  for (const [k, v] of Object.entries(shorthand)) if (v !== undefined) quantities[k] = v;
  return { requests: { ...quantities }, limits: { ...quantities } };
}

function checkProbe(probe: Probe, field: string, c: Container): Probe {
  const names = (c.ports ?? []).flatMap((p) => (p.name === undefined ? [] : [p.name]));
  const check = (port: number | string, handler: string): void => {
    if (typeof port !== 'string' || names.includes(port)) return;
    throw builderError('builder/unknown-probe-port', `expected a port name of container '${c.name}', received '${port}'${didYouMean(port, names)}`, {
      object: { apiVersion: 'v1', kind: 'Container', name: c.name },
      path: [field, handler, 'port'],
      hint: `use one of ${quoteList(names)} or a port number, or declare the port in ports`,
    });
  };
  if (probe.httpGet) check(probe.httpGet.port, 'httpGet');
  if (probe.tcpSocket) check(probe.tcpSocket.port, 'tcpSocket');
  if (probe.grpc) {
    const port: number | string = probe.grpc.port;
    check(port, 'grpc');
    if (typeof port === 'string') {
      const number = c.ports!.find((p) => p.name === port)!.containerPort;
      return { ...probe, grpc: { ...probe.grpc, port: number } };
    }
  }
  return probe;
}
