/**
 * Pod props shared by every workload builder, and the pod template they produce: pod labels,
 * containers (or a single-container shorthand), service account, and the volumes the
 * containers' mounts need.
 */
import type { Container, PodSpec, PodTemplateSpec, ServiceAccount, Toleration, Volume } from '../k8s/api/core/v1.ts';
import { builderError } from './builder-error.ts';
import { container, containerFieldChecks } from './container.ts';
import type { ContainerProps } from './container.ts';
import { mergeMaps } from './object-meta.ts';
import type { StringMap } from './object-meta.ts';
import { propShape } from './prop-check.ts';
import { collectVolumes } from './volumes.ts';

/** The label every workload's pods get by default: `{ 'app.kubernetes.io/name': <name> }`. */
export const NAME_LABEL = 'app.kubernetes.io/name';

/** Fields of a single container given directly on a workload; the container is named after the workload. */
export type ContainerShorthand = Partial<
  Pick<ContainerProps, 'image' | 'ports' | 'env' | 'envFrom' | 'resources' | 'command' | 'args' | 'volumeMounts' | 'livenessProbe' | 'readinessProbe' | 'startupProbe'>
>;

/** Pod props every workload builder accepts. */
export interface PodTemplateProps extends ContainerShorthand {
  /**
   * The pod's containers (literals or `container()` output). Give either `containers` or
   * `image` (the single-container shorthand).
   * @default one container from the shorthand fields, named after the workload
   */
  containers?: Container[];
  /**
   * Init containers.
   * @default unset
   */
  initContainers?: Container[];
  /**
   * Pod labels; they replace the default, and the workload's selector equals them.
   * @default `{ 'app.kubernetes.io/name': name }`
   */
  podLabels?: StringMap;
  /**
   * Pod annotations.
   * @default unset
   */
  podAnnotations?: StringMap;
  /**
   * Volumes besides those the containers' `mount()`s bring (which are added automatically).
   * @default unset
   */
  volumes?: Volume[];
  /**
   * ServiceAccount object or name, written as `serviceAccountName`.
   * @default unset (the namespace's `default` account)
   */
  serviceAccount?: ServiceAccount | string;
  /**
   * Tolerations.
   * @default unset
   */
  tolerations?: Toleration[];
  /**
   * Node selector.
   * @default unset
   */
  nodeSelector?: StringMap;
  /**
   * Any other `PodSpec` fields; the props above win over the same fields here.
   * @default unset
   */
  podSpec?: Partial<PodSpec>;
}

const shorthandKeys = ['image', 'ports', 'env', 'envFrom', 'resources', 'command', 'args', 'volumeMounts', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** The pod props of every workload builder, checked by the workload's own shape. */
export const podTemplateShape = propShape<PodTemplateProps>(
  'PodTemplateProps',
  [...shorthandKeys, 'containers', 'initContainers', 'podLabels', 'podAnnotations', 'volumes', 'serviceAccount', 'tolerations', 'nodeSelector', 'podSpec'],
  { nested: containerFieldChecks.nested, relations: { ...containerFieldChecks.relations, serviceAccount: { kinds: ['ServiceAccount'], literals: true } } },
);

/** The object a builder is making, for error findings. */
export interface BuildTarget {
  apiVersion: string;
  kind: string;
  name: string;
}

/** The pod labels of a workload named `name`: `podLabels` or the default name label. */
export function podLabelsFor(name: string, props: PodTemplateProps): StringMap {
  return { ...(props.podLabels ?? { [NAME_LABEL]: name }) };
}

/**
 * The `PodSpec` for {@link PodTemplateProps}; `restartPolicy` is written when given.
 * @throws KasaneError `builder/no-containers`, `builder/conflicting-props`, `builder/volume-conflict`.
 */
export function buildPodSpec(target: BuildTarget, props: PodTemplateProps, restartPolicy?: string): PodSpec {
  const containers = containersOf(target, props);
  const spec: PodSpec = { ...props.podSpec, containers };
  if (props.initContainers !== undefined) spec.initContainers = props.initContainers;
  const mounts = [...(spec.initContainers ?? []), ...containers].flatMap((c) => c.volumeMounts ?? []);
  const volumes = collectVolumes([...(props.podSpec?.volumes ?? []), ...(props.volumes ?? [])], mounts, target);
  if (volumes.length) spec.volumes = volumes;
  if (props.serviceAccount !== undefined) {
    spec.serviceAccountName = typeof props.serviceAccount === 'string' ? props.serviceAccount : (props.serviceAccount.metadata?.name ?? '');
  }
  if (props.tolerations !== undefined) spec.tolerations = props.tolerations;
  if (props.nodeSelector !== undefined) spec.nodeSelector = props.nodeSelector;
  if (restartPolicy !== undefined) spec.restartPolicy = restartPolicy;
  return spec;
}

/** A `PodTemplateSpec`: pod labels and annotations in its metadata, and the pod spec. */
export function buildPodTemplate(target: BuildTarget, props: PodTemplateProps, restartPolicy?: string): PodTemplateSpec {
  const metadata: PodTemplateSpec['metadata'] = {};
  const labels = mergeMaps(podLabelsFor(target.name, props));
  if (labels) metadata.labels = labels;
  const annotations = mergeMaps(props.podAnnotations);
  if (annotations) metadata.annotations = annotations;
  return { metadata, spec: buildPodSpec(target, props, restartPolicy) };
}

function containersOf(target: BuildTarget, props: PodTemplateProps): Container[] {
  const used = shorthandKeys.filter((k) => props[k] !== undefined);
  if (props.containers !== undefined) {
    if (used.length) {
      throw builderError('builder/conflicting-props', `expected either containers or the single-container shorthand, received both (${used.join(', ')})`, {
        object: target,
        path: [used[0]!],
        hint: `move ${used.join(', ')} into one of the containers`,
      });
    }
    return props.containers;
  }
  if (props.image === undefined) {
    throw builderError('builder/no-containers', 'expected containers or image, received neither', {
      object: target,
      path: ['containers'],
      hint: 'add containers: [container({ name, image })] or image: "<image>"',
    });
  }
  const shorthand: ContainerProps = { name: target.name, image: props.image };
  for (const k of used) Object.assign(shorthand, { [k]: props[k] });
  return [container(shorthand)];
}
