/**
 * Probe builders. A port may be a number or the name of a container port; `container()` checks
 * that a named port exists, and resolves a gRPC port name to its number (the API only takes a
 * number there).
 */
import type { HTTPGetAction, Probe } from '../k8s/api/core/v1.ts';
import { checkProps, propShape } from './prop-check.ts';

/** Probe timing and thresholds: every `Probe` field except the handler. */
export type ProbeTiming = Omit<Probe, 'httpGet' | 'tcpSocket' | 'exec' | 'grpc'>;

/** The timing props every probe builder takes. */
export const timingShape = propShape<ProbeTiming>('ProbeTiming', ['failureThreshold', 'initialDelaySeconds', 'periodSeconds', 'successThreshold', 'terminationGracePeriodSeconds', 'timeoutSeconds']);

/** Checks the timing argument of probe builder `builder`. */
function checkTiming(timing: unknown, builder: string): void {
  if (timing !== undefined) checkProps(timing, timingShape, { builder, path: ['timing'] });
}

/**
 * An HTTP GET probe: `httpGet('/healthz', 'http')` or `httpGet({ path, port, scheme, httpHeaders })`.
 * @example
 * readinessProbe: httpGet('/ready', 'http', { periodSeconds: 5 })
 */
export function httpGet(path: string, port: number | string, timing?: ProbeTiming): Probe;
export function httpGet(action: HTTPGetAction, timing?: ProbeTiming): Probe;
export function httpGet(pathOrAction: string | HTTPGetAction, portOrTiming?: number | string | ProbeTiming, timing?: ProbeTiming): Probe {
  if (typeof pathOrAction === 'string') {
    checkTiming(timing, 'httpGet');
    return { ...timing, httpGet: { path: pathOrAction, port: portOrTiming as number | string } };
  }
  checkTiming(portOrTiming, 'httpGet');
  return { ...(portOrTiming as ProbeTiming | undefined), httpGet: { ...pathOrAction } };
}

/**
 * A TCP connect probe.
 * @example
 * livenessProbe: tcpSocket(3306, { initialDelaySeconds: 30 })
 */
export function tcpSocket(port: number | string, timing?: ProbeTiming): Probe {
  checkTiming(timing, 'tcpSocket');
  return { ...timing, tcpSocket: { port } };
}

/**
 * A probe that runs a command in the container; exit status 0 is healthy.
 * @example
 * livenessProbe: exec(['mysqladmin', 'ping'])
 */
export function exec(command: string[], timing?: ProbeTiming): Probe {
  checkTiming(timing, 'exec');
  return { ...timing, exec: { command: [...command] } };
}

/** {@link ProbeTiming} plus the gRPC service name. */
export interface GrpcProbeTiming extends ProbeTiming {
  /**
   * Service name sent in the health check request.
   * @default unset (the server's overall health)
   */
  service?: string;
}

/** The timing props {@link grpc} takes. */
export const grpcTimingShape = propShape<GrpcProbeTiming>('GrpcProbeTiming', ['service'], {}, [timingShape]);

/**
 * A gRPC health-checking probe. A port name is resolved to its number by `container()`; use a
 * number when the probe goes into a literal Container.
 * @example
 * livenessProbe: grpc('grpc')
 */
export function grpc(port: number | string, timing?: GrpcProbeTiming): Probe {
  if (timing !== undefined) checkProps(timing, grpcTimingShape, { builder: 'grpc', path: ['timing'] });
  const { service, ...rest } = timing ?? {};
  const action: { port: number; service?: string } = { port: port as number };
  if (service !== undefined) action.service = service;
  return { ...rest, grpc: action };
}
