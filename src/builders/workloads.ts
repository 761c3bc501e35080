/**
 * Workload builders (apps/v1 and the core Pod): the pod labels default to
 * `{ 'app.kubernetes.io/name': name }`, the selector equals them, and the workload's own labels
 * are the pod labels plus `labels`.
 */
import type {
  DaemonSet,
  DaemonSetSpec,
  DaemonSetUpdateStrategy,
  Deployment,
  DeploymentSpec,
  DeploymentStrategy,
  ReplicaSet,
  ReplicaSetSpec,
  StatefulSet,
  StatefulSetSpec,
  StatefulSetUpdateStrategy,
} from '../k8s/api/apps/v1.ts';
import type { PersistentVolumeClaim, Pod, Service } from '../k8s/api/core/v1.ts';
import type { LabelSelector } from '../k8s/api/meta/v1.ts';
import { freshCopy } from './fresh-copy.ts';
import { metaShape, objectMeta } from './object-meta.ts';
import type { MetaProps } from './object-meta.ts';
import { buildPodSpec, buildPodTemplate, podLabelsFor, podTemplateShape } from './pod-template.ts';
import type { PodTemplateProps } from './pod-template.ts';
import { checkProps, propShape } from './prop-check.ts';
import type { PropShape } from './prop-check.ts';
import { claimTemplate, claimTemplateShape, isClaimTemplate } from './storage.ts';
import type { ClaimTemplateProps } from './storage.ts';

/** Props every workload with a selector shares. */
export interface WorkloadProps extends MetaProps, PodTemplateProps {
  /**
   * The label selector.
   * @default `{ matchLabels: <pod labels> }`
   */
  selector?: LabelSelector;
}

const workloadShape = propShape<WorkloadProps>('WorkloadProps', ['selector'], {}, [metaShape, podTemplateShape]);

/** Props of {@link pod}. */
export interface PodProps extends MetaProps, PodTemplateProps {
  /**
   * `Always`, `OnFailure` or `Never`.
   * @default unset (the API server uses `Always`)
   */
  restartPolicy?: string;
}

/**
 * A bare Pod; its labels are the pod labels plus `labels`.
 * @example
 * const debug = pod({ name: 'debug', image: 'busybox:1.36', command: ['sleep', '3600'] });
 */
export function pod(props: PodProps): Pod {
  check(props, podShape, 'pod', 'v1', 'Pod');
  const target = { apiVersion: 'v1', kind: 'Pod', name: props.name };
  const metadata = objectMeta({ ...props, annotations: { ...props.podAnnotations, ...props.annotations } }, podLabelsFor(props.name, props));
  return freshCopy({ apiVersion: 'v1', kind: 'Pod', metadata, spec: buildPodSpec(target, props, props.restartPolicy) });
}

/** The props {@link pod} takes. */
export const podShape = propShape<PodProps>('PodProps', ['restartPolicy'], {}, [metaShape, podTemplateShape]);

/** `{ maxSurge, maxUnavailable }` shorthand for a RollingUpdate strategy. */
export interface RollingUpdateShorthand {
  /**
   * Extra pods during a rollout: a number or a percentage.
   * @default unset (25%)
   */
  maxSurge?: number | string;
  /**
   * Pods that may be unavailable during a rollout: a number or a percentage.
   * @default unset (25%)
   */
  maxUnavailable?: number | string;
}

/** Props of {@link deployment}. */
export interface DeploymentProps extends WorkloadProps {
  /**
   * Number of pods.
   * @default unset (the API server uses 1; leaves room for an HPA)
   */
  replicas?: number;
  /**
   * `'Recreate'`, `'RollingUpdate'`, `{ maxSurge, maxUnavailable }` (a RollingUpdate) or a `DeploymentStrategy`.
   * @default unset (RollingUpdate with 25% / 25%)
   */
  strategy?: 'Recreate' | 'RollingUpdate' | RollingUpdateShorthand | DeploymentStrategy;
  /**
   * Old ReplicaSets to keep.
   * @default unset (10)
   */
  revisionHistoryLimit?: number;
  /**
   * Any other `DeploymentSpec` fields; they win over the props above.
   * @default unset
   */
  spec?: Partial<DeploymentSpec>;
}

const rollingUpdateShape = propShape<RollingUpdateShorthand>('RollingUpdateShorthand', ['maxSurge', 'maxUnavailable']);

/** True when a Deployment's `strategy` is the `{ maxSurge, maxUnavailable }` shorthand. */
function isRollingUpdateShorthand(strategy: object): boolean {
  return !('type' in strategy || 'rollingUpdate' in strategy);
}

/** The props {@link deployment} takes. */
export const deploymentShape = propShape<DeploymentProps>(
  'DeploymentProps',
  ['replicas', 'strategy', 'revisionHistoryLimit', 'spec'],
  { nested: { strategy: { shape: rollingUpdateShape, when: isRollingUpdateShorthand } } },
  [workloadShape],
);

/**
 * A Deployment.
 * @throws KasaneError `builder/unknown-prop`, `builder/invalid-relation`, `builder/no-containers`,
 *   `builder/conflicting-props`, `builder/volume-conflict`.
 * @example
 * const nginx = deployment({ name: 'nginx-deployment', replicas: 3, strategy: { maxSurge: 1 },
 *   containers: [container({ name: 'nginx', image: 'nginx:1.14.2', ports: { http: 80 } })] });
 */
export function deployment(props: DeploymentProps): Deployment {
  check(props, deploymentShape, 'deployment', 'apps/v1', 'Deployment');
  const parts = workloadParts('apps/v1', 'Deployment', props);
  const spec: DeploymentSpec = { selector: parts.selector, template: parts.template };
  if (props.replicas !== undefined) spec.replicas = props.replicas;
  if (props.strategy !== undefined) spec.strategy = deploymentStrategy(props.strategy);
  if (props.revisionHistoryLimit !== undefined) spec.revisionHistoryLimit = props.revisionHistoryLimit;
  return freshCopy({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: parts.metadata, spec: { ...spec, ...props.spec } });
}

/** Props of {@link statefulSet}. */
export interface StatefulSetProps extends WorkloadProps {
  /** The governing (usually headless) Service, or its name. */
  serviceName: Service | string;
  /**
   * Number of pods.
   * @default unset (1)
   */
  replicas?: number;
  /**
   * One PVC per pod: `{ name, storage, accessModes?, storageClassName? }` or PVC objects.
   * Mount them by name (`volumeMounts: [{ name, mountPath }]`).
   * @default unset
   */
  volumeClaimTemplates?: (ClaimTemplateProps | PersistentVolumeClaim)[];
  /**
   * `OrderedReady` or `Parallel`.
   * @default unset (OrderedReady)
   */
  podManagementPolicy?: 'OrderedReady' | 'Parallel';
  /**
   * Update strategy.
   * @default unset (RollingUpdate)
   */
  updateStrategy?: StatefulSetUpdateStrategy;
  /**
   * Any other `StatefulSetSpec` fields; they win over the props above.
   * @default unset
   */
  spec?: Partial<StatefulSetSpec>;
}

/** The props {@link statefulSet} takes. */
export const statefulSetShape = propShape<StatefulSetProps>(
  'StatefulSetProps',
  ['serviceName', 'replicas', 'volumeClaimTemplates', 'podManagementPolicy', 'updateStrategy', 'spec'],
  {
    nested: { volumeClaimTemplates: { shape: claimTemplateShape, list: true, when: isClaimTemplate } },
    relations: {
      serviceName: { kinds: ['Service'], literals: true },
      volumeClaimTemplates: { kinds: ['PersistentVolumeClaim'], literals: true, list: true, hint: 'give { name, storage } or PersistentVolumeClaim objects' },
    },
  },
  [workloadShape],
);

/**
 * A StatefulSet. A `mount()` of a PVC whose name matches a claim template adds no pod volume.
 * @example
 * const db = statefulSet({ name: 'mysql', serviceName: mysqlHeadless, image: 'mysql:8.4',
 *   volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql' }],
 *   volumeClaimTemplates: [{ name: 'data', storage: '10Gi' }] });
 */
export function statefulSet(props: StatefulSetProps): StatefulSet {
  check(props, statefulSetShape, 'statefulSet', 'apps/v1', 'StatefulSet');
  const parts = workloadParts('apps/v1', 'StatefulSet', props);
  const serviceName = typeof props.serviceName === 'string' ? props.serviceName : (props.serviceName.metadata?.name ?? '');
  const spec: StatefulSetSpec = { serviceName, selector: parts.selector, template: parts.template };
  if (props.replicas !== undefined) spec.replicas = props.replicas;
  if (props.podManagementPolicy !== undefined) spec.podManagementPolicy = props.podManagementPolicy;
  if (props.updateStrategy !== undefined) spec.updateStrategy = props.updateStrategy;
  if (props.volumeClaimTemplates !== undefined) {
    const templates = props.volumeClaimTemplates.map((t) => (isClaimTemplate(t) ? claimTemplate(t as ClaimTemplateProps) : (t as PersistentVolumeClaim)));
    const claimNames = new Set(templates.map((t) => t.metadata?.name));
    const podSpec = spec.template.spec!;
    const volumes = (podSpec.volumes ?? []).filter((v) => !(v.persistentVolumeClaim && claimNames.has(v.name)));
    if (volumes.length) podSpec.volumes = volumes;
    else delete podSpec.volumes;
    spec.volumeClaimTemplates = templates;
  }
  return freshCopy({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: parts.metadata, spec: { ...spec, ...props.spec } });
}

/** Props of {@link daemonSet}. */
export interface DaemonSetProps extends WorkloadProps {
  /**
   * Update strategy.
   * @default unset (RollingUpdate, maxUnavailable 1)
   */
  updateStrategy?: DaemonSetUpdateStrategy;
  /**
   * Any other `DaemonSetSpec` fields; they win over the props above.
   * @default unset
   */
  spec?: Partial<DaemonSetSpec>;
}

/** The props {@link daemonSet} takes. */
export const daemonSetShape = propShape<DaemonSetProps>('DaemonSetProps', ['updateStrategy', 'spec'], {}, [workloadShape]);

/**
 * A DaemonSet: one pod per node (tolerations come from `tolerations`).
 * @example
 * const agent = daemonSet({ name: 'fluentd', image: 'fluent/fluentd:v1.17',
 *   tolerations: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
 */
export function daemonSet(props: DaemonSetProps): DaemonSet {
  check(props, daemonSetShape, 'daemonSet', 'apps/v1', 'DaemonSet');
  const parts = workloadParts('apps/v1', 'DaemonSet', props);
  const spec: DaemonSetSpec = { selector: parts.selector, template: parts.template };
  if (props.updateStrategy !== undefined) spec.updateStrategy = props.updateStrategy;
  return freshCopy({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: parts.metadata, spec: { ...spec, ...props.spec } });
}

/** Props of {@link replicaSet}. */
export interface ReplicaSetProps extends WorkloadProps {
  /**
   * Number of pods.
   * @default unset (1)
   */
  replicas?: number;
  /**
   * Any other `ReplicaSetSpec` fields; they win over the props above.
   * @default unset
   */
  spec?: Partial<ReplicaSetSpec>;
}

/** The props {@link replicaSet} takes. */
export const replicaSetShape = propShape<ReplicaSetProps>('ReplicaSetProps', ['replicas', 'spec'], {}, [workloadShape]);

/**
 * A ReplicaSet (usually a Deployment manages these for you).
 * @example
 * const rs = replicaSet({ name: 'echo', replicas: 2, image: 'gihyodocker/echo:latest' });
 */
export function replicaSet(props: ReplicaSetProps): ReplicaSet {
  check(props, replicaSetShape, 'replicaSet', 'apps/v1', 'ReplicaSet');
  const parts = workloadParts('apps/v1', 'ReplicaSet', props);
  const spec: ReplicaSetSpec = { selector: parts.selector, template: parts.template };
  if (props.replicas !== undefined) spec.replicas = props.replicas;
  return freshCopy({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: parts.metadata, spec: { ...spec, ...props.spec } });
}

function check(props: unknown, shape: PropShape, builder: string, apiVersion: string, kind: string): void {
  checkProps(props, shape, { builder, object: { apiVersion, kind } });
}

function workloadParts(apiVersion: string, kind: string, props: WorkloadProps) {
  const labels = podLabelsFor(props.name, props);
  const template = buildPodTemplate({ apiVersion, kind, name: props.name }, props);
  return { metadata: objectMeta(props, labels), selector: props.selector ?? { matchLabels: labels }, template };
}

function deploymentStrategy(strategy: NonNullable<DeploymentProps['strategy']>): DeploymentStrategy {
  if (typeof strategy === 'string') return { type: strategy };
  if (!isRollingUpdateShorthand(strategy)) return strategy as DeploymentStrategy;
  return { type: 'RollingUpdate', rollingUpdate: { ...(strategy as RollingUpdateShorthand) } };
}
