/**
 * Service and NetworkPolicy builders. `service({ for: workload })` selects the workload's pods
 * and resolves target ports against its container ports.
 */
import type { ContainerPort, Service, ServicePort, ServiceSpec } from '../k8s/api/core/v1.ts';
import type { LabelSelector } from '../k8s/api/meta/v1.ts';
import type { NetworkPolicy, NetworkPolicyEgressRule, NetworkPolicyIngressRule, NetworkPolicySpec } from '../k8s/api/networking/v1.ts';
import { didYouMean } from '../errors.ts';
import { builderError, quoteList } from './builder-error.ts';
import { freshCopy } from './fresh-copy.ts';
import { metaShape, objectMeta } from './object-meta.ts';
import type { MetaProps, StringMap } from './object-meta.ts';
import { checkProps, propShape } from './prop-check.ts';
import { containerPortsOf, requirePodLabels, workloadRef, workloadRelation } from './workload-info.ts';
import type { Workload } from './workload-info.ts';

/** One Service port. */
export interface ServicePortProps {
  /** The Service's port. */
  port: number;
  /**
   * Container port number or name.
   * @default with `for`: the container port numbered `port`, else the first container port; without `for`: unset (= `port`)
   */
  targetPort?: number | string;
  /**
   * Port name (required by Kubernetes when there are several ports).
   * @default the name of the container port it targets, if that port has one
   */
  name?: string;
  /**
   * `TCP`, `UDP` or `SCTP`.
   * @default unset (TCP)
   */
  protocol?: string;
  /**
   * Node port for NodePort and LoadBalancer Services.
   * @default unset (allocated by the cluster)
   */
  nodePort?: number;
  /**
   * Application protocol, e.g. `http`.
   * @default unset
   */
  appProtocol?: string;
}

/** Props of {@link service}. */
export interface ServiceProps extends Partial<MetaProps> {
  /**
   * The workload whose pods the Service selects; gives the name, selector and target ports.
   * @default unset (give `selector`)
   */
  for?: Workload;
  /**
   * Pod labels to select, when there is no `for`.
   * @default the pod labels of `for`
   */
  selector?: StringMap;
  /**
   * Ports.
   * @default unset (required except for ExternalName)
   */
  ports?: ServicePortProps[];
  /**
   * `ClusterIP`, `NodePort`, `LoadBalancer` or `ExternalName`.
   * @default unset (ClusterIP); `ExternalName` when `externalName` is set
   */
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  /**
   * A headless Service (`clusterIP: None`), e.g. for a StatefulSet.
   * @default false
   */
  headless?: boolean;
  /**
   * DNS name for an ExternalName Service; it has no selector.
   * @default unset
   */
  externalName?: string;
  /**
   * Any other `ServiceSpec` fields; they win over the props above.
   * @default unset
   */
  spec?: Partial<ServiceSpec>;
}

const servicePortShape = propShape<ServicePortProps>('ServicePortProps', ['port', 'targetPort', 'name', 'protocol', 'nodePort', 'appProtocol']);

/** The props {@link service} takes. */
export const serviceShape = propShape<ServiceProps>(
  'ServiceProps',
  ['for', 'selector', 'ports', 'type', 'headless', 'externalName', 'spec'],
  { nested: { ports: { shape: servicePortShape, list: true } }, relations: { for: workloadRelation } },
  [metaShape],
);

/**
 * A Service.
 * @throws KasaneError `builder/unknown-prop`, `builder/invalid-relation`, `builder/missing-name`,
 *   `builder/no-pod-labels`, `builder/unknown-target-port`.
 * @example
 * const echoService = service({ for: echo, ports: [{ port: 80 }] });
 */
export function service(props: ServiceProps): Service {
  checkProps(props, serviceShape, { builder: 'service', object: { apiVersion: 'v1', kind: 'Service' } });
  const name = props.name ?? (props.for ? workloadRef(props.for).name : undefined);
  if (name === undefined) {
    throw builderError('builder/missing-name', 'expected name or for, received neither', {
      object: { apiVersion: 'v1', kind: 'Service', name: '' },
      path: ['metadata', 'name'],
      hint: 'give name, or for: <workload> to use its name',
    });
  }
  const target = { apiVersion: 'v1', kind: 'Service', name };
  const spec: ServiceSpec = {};
  const type = props.externalName !== undefined ? 'ExternalName' : props.type;
  if (type !== undefined) spec.type = type;
  if (props.headless) spec.clusterIP = 'None';
  if (props.externalName !== undefined) spec.externalName = props.externalName;
  else {
    const selector = props.selector ?? (props.for ? requirePodLabels(props.for, target, ['spec', 'selector']) : undefined);
    if (selector !== undefined) spec.selector = selector;
  }
  if (props.ports !== undefined) {
    const containerPorts = props.for ? containerPortsOf(props.for) : undefined;
    spec.ports = props.ports.map((p, i) => servicePort(p, containerPorts, target, i));
  }
  return freshCopy({ apiVersion: 'v1', kind: 'Service', metadata: objectMeta({ ...props, name }), spec: { ...spec, ...props.spec } });
}

function servicePort(p: ServicePortProps, containerPorts: ContainerPort[] | undefined, target: { apiVersion: string; kind: string; name: string }, index: number): ServicePort {
  const out: Partial<ServicePort> = {};
  let targetPort = p.targetPort;
  let matched: ContainerPort | undefined;
  if (containerPorts) {
    if (typeof targetPort === 'string') {
      matched = containerPorts.find((c) => c.name === targetPort);
      if (!matched) {
        const names = containerPorts.flatMap((c) => (c.name ? [c.name] : []));
        throw builderError('builder/unknown-target-port', `expected a container port name, received '${targetPort}'${didYouMean(targetPort, names)}`, {
          object: target,
          path: ['spec', 'ports', index, 'targetPort'],
          hint: `use one of ${quoteList(names)} or a port number, or declare the port on the container`,
        });
      }
    } else {
      const wanted = targetPort ?? p.port;
      matched = containerPorts.find((c) => c.containerPort === wanted) ?? (targetPort === undefined ? containerPorts[0] : undefined);
      if (targetPort === undefined && matched) targetPort = matched.containerPort;
    }
  }
  const name = p.name ?? matched?.name;
  if (name !== undefined) out.name = name;
  out.port = p.port;
  if (targetPort !== undefined) out.targetPort = targetPort;
  if (p.protocol !== undefined) out.protocol = p.protocol;
  if (p.nodePort !== undefined) out.nodePort = p.nodePort;
  if (p.appProtocol !== undefined) out.appProtocol = p.appProtocol;
  return out as ServicePort;
}

/** Props of {@link networkPolicy}. */
export interface NetworkPolicyProps extends MetaProps {
  /**
   * The workload whose pods the policy applies to.
   * @default unset (give `podSelector`)
   */
  for?: Workload;
  /**
   * Pods the policy applies to: labels or a `LabelSelector`.
   * @default the pod labels of `for`, else `{}` (every pod in the namespace)
   */
  podSelector?: StringMap | LabelSelector;
  /**
   * Allowed incoming traffic.
   * @default unset
   */
  ingress?: NetworkPolicyIngressRule[];
  /**
   * Allowed outgoing traffic.
   * @default unset
   */
  egress?: NetworkPolicyEgressRule[];
  /**
   * `Ingress`, `Egress` or both.
   * @default unset (the API server infers them from the rules)
   */
  policyTypes?: ('Ingress' | 'Egress')[];
}

/** The props {@link networkPolicy} takes. */
export const networkPolicyShape = propShape<NetworkPolicyProps>('NetworkPolicyProps', ['for', 'podSelector', 'ingress', 'egress', 'policyTypes'], { relations: { for: workloadRelation } }, [
  metaShape,
]);

/**
 * A NetworkPolicy (networking.k8s.io/v1).
 * @throws KasaneError `builder/unknown-prop`, `builder/invalid-relation`; `builder/no-pod-labels`
 *   when `for` has no pod labels.
 * @example
 * const onlyEdge = networkPolicy({ name: 'echo', for: echo, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'edge' } } }] }], policyTypes: ['Ingress'] });
 */
export function networkPolicy(props: NetworkPolicyProps): NetworkPolicy {
  checkProps(props, networkPolicyShape, { builder: 'networkPolicy', object: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' } });
  const spec: NetworkPolicySpec = { podSelector: policySelector(props) };
  if (props.ingress !== undefined) spec.ingress = props.ingress;
  if (props.egress !== undefined) spec.egress = props.egress;
  if (props.policyTypes !== undefined) spec.policyTypes = props.policyTypes;
  return freshCopy({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: objectMeta(props), spec });
}

function policySelector(props: NetworkPolicyProps): LabelSelector {
  if (props.podSelector !== undefined) {
    const s = props.podSelector as Record<string, unknown>;
    const isSelector = 'matchLabels' in s || 'matchExpressions' in s;
    return isSelector ? (props.podSelector as LabelSelector) : { matchLabels: props.podSelector as StringMap };
  }
  if (!props.for) return {};
  return { matchLabels: requirePodLabels(props.for, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', name: props.name }, ['spec', 'podSelector']) };
}
