/**
 * The Ingress builder (networking.k8s.io/v1): flat routes grouped into rules by host, backends
 * that take Service objects and check their ports.
 */
import type { Secret, Service } from '../k8s/api/core/v1.ts';
import type { HTTPIngressPath, Ingress, IngressBackend, IngressRule, IngressSpec, IngressTLS } from '../k8s/api/networking/v1.ts';
import { didYouMean } from '../errors.ts';
import { builderError, quoteList } from './builder-error.ts';
import type { BuilderErrorContext } from './builder-error.ts';
import { freshCopy } from './fresh-copy.ts';
import { metaShape, objectMeta } from './object-meta.ts';
import type { MetaProps } from './object-meta.ts';
import { checkProps, propShape } from './prop-check.ts';
import type { RelationSpec } from './prop-check.ts';

/** A backend: a Service (object or name) and one of its ports (number or name). */
export interface IngressBackendProps {
  /** The Service object (its ports are checked) or its name. */
  service: Service | string;
  /**
   * Service port number or name.
   * @default the Service object's only port; required for a name or a Service with several ports
   */
  port?: number | string;
}

/** One route: requests for `host` + `path` go to the backend. */
export interface IngressRouteProps extends IngressBackendProps {
  /**
   * Host name.
   * @default unset (any host)
   */
  host?: string;
  /**
   * URL path.
   * @default '/'
   */
  path?: string;
  /**
   * `Prefix`, `Exact` or `ImplementationSpecific`.
   * @default 'Prefix'
   */
  pathType?: 'Prefix' | 'Exact' | 'ImplementationSpecific';
}

/** One TLS entry of an Ingress. */
export interface IngressTlsProps {
  /**
   * Hosts the certificate covers.
   * @default unset (the controller's default)
   */
  hosts?: string[];
  /** The TLS Secret object or its name. */
  secret: Secret | string;
}

/** Props of {@link ingress}. */
export interface IngressProps extends MetaProps {
  /**
   * Routes; rules are made per host in order of first appearance, paths in input order.
   * @default unset
   */
  rules?: IngressRouteProps[];
  /**
   * TLS: hosts and the Secret (object or name) holding their certificate.
   * @default unset
   */
  tls?: IngressTlsProps[];
  /**
   * Ingress class.
   * @default unset (the cluster's default class)
   */
  ingressClassName?: string;
  /**
   * Where requests matching no rule go.
   * @default unset
   */
  defaultBackend?: IngressBackendProps;
  /**
   * Any other `IngressSpec` fields; they win over the props above.
   * @default unset
   */
  spec?: Partial<IngressSpec>;
}

const serviceRelation: RelationSpec = { kinds: ['Service'], literals: true };
const backendShape = propShape<IngressBackendProps>('IngressBackendProps', ['service', 'port'], { relations: { service: serviceRelation } });
const routeShape = propShape<IngressRouteProps>('IngressRouteProps', ['host', 'path', 'pathType'], {}, [backendShape]);
const tlsShape = propShape<IngressTlsProps>('IngressTlsProps', ['hosts', 'secret'], { relations: { secret: { kinds: ['Secret'], literals: true } } });

/** The props {@link ingress} takes. */
export const ingressShape = propShape<IngressProps>(
  'IngressProps',
  ['rules', 'tls', 'ingressClassName', 'defaultBackend', 'spec'],
  { nested: { rules: { shape: routeShape, list: true }, tls: { shape: tlsShape, list: true }, defaultBackend: { shape: backendShape } } },
  [metaShape],
);

/**
 * An Ingress.
 * @throws KasaneError `builder/unknown-prop`, `builder/invalid-relation`; `builder/unknown-service-port` when a Service object has no such port;
 * `builder/missing-port` when the port cannot be chosen.
 * @example
 * const edge = ingress({ name: 'edge', rules: [
 *   { host: 'echo.example.com', service: echoService, port: 'http' },
 *   { host: 'photos.example.com', service: photoService, port: 80 }] });
 */
export function ingress(props: IngressProps): Ingress {
  checkProps(props, ingressShape, { builder: 'ingress', object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' } });
  const ctx = (path: (string | number)[]): BuilderErrorContext => ({ object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: props.name }, path, hint: '' });
  const spec: IngressSpec = {};
  if (props.ingressClassName !== undefined) spec.ingressClassName = props.ingressClassName;
  if (props.defaultBackend !== undefined) spec.defaultBackend = backend(props.defaultBackend, ctx(['spec', 'defaultBackend', 'service', 'port']));
  if (props.rules !== undefined) spec.rules = groupRules(props.rules, ctx);
  if (props.tls !== undefined) spec.tls = props.tls.map(tlsEntry);
  return freshCopy({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: objectMeta(props), spec: { ...spec, ...props.spec } });
}

function groupRules(routes: IngressRouteProps[], ctx: (path: (string | number)[]) => BuilderErrorContext): IngressRule[] {
  const byHost = new Map<string | undefined, HTTPIngressPath[]>();
  for (const route of routes) {
    const paths = byHost.get(route.host) ?? [];
    const ruleIndex = [...byHost.keys()].indexOf(route.host);
    const at = ['spec', 'rules', ruleIndex < 0 ? byHost.size : ruleIndex, 'http', 'paths', paths.length, 'backend', 'service', 'port'];
    const path: HTTPIngressPath = { path: route.path ?? '/', pathType: route.pathType ?? 'Prefix', backend: backend(route, ctx(at)) };
    paths.push(path);
    byHost.set(route.host, paths);
  }
  return [...byHost].map(([host, paths]) => (host === undefined ? { http: { paths } } : { host, http: { paths } }));
}

function tlsEntry(entry: IngressTlsProps): IngressTLS {
  const secretName = typeof entry.secret === 'string' ? entry.secret : (entry.secret.metadata?.name ?? '');
  return entry.hosts === undefined ? { secretName } : { hosts: entry.hosts, secretName };
}

function backend(props: IngressBackendProps, ctx: BuilderErrorContext): IngressBackend {
  if (typeof props.service === 'string') {
    if (props.port === undefined) throw missingPort(props.service, ctx);
    return { service: { name: props.service, port: portRef(props.port) } };
  }
  const name = props.service.metadata?.name ?? '';
  const ports = props.service.spec?.ports ?? [];
  if (props.port === undefined) {
    if (ports.length !== 1) throw missingPort(name, ctx);
    return { service: { name, port: { number: ports[0]!.port } } };
  }
  const wanted = props.port;
  if (!ports.some((p) => (typeof wanted === 'string' ? p.name === wanted : p.port === wanted))) {
    const known = ports.map((p) => (typeof wanted === 'string' ? (p.name ?? '') : String(p.port))).filter((n) => n !== '');
    throw builderError('builder/unknown-service-port', `expected a port of Service '${name}', received ${JSON.stringify(wanted)}${didYouMean(String(wanted), known)}`, {
      ...ctx,
      hint: `use one of ${quoteList(known)}, or add the port to the Service`,
    });
  }
  return { service: { name, port: portRef(wanted) } };
}

function portRef(port: number | string): { number: number } | { name: string } {
  return typeof port === 'number' ? { number: port } : { name: port };
}

function missingPort(service: string, ctx: BuilderErrorContext) {
  return builderError('builder/missing-port', `expected a port for Service '${service}', received none`, {
    ...ctx,
    hint: 'give port: <number or name>',
  });
}
