/**
 * Reference checks of Services (selector and target ports) and Ingresses (backend Services
 * and their ports).
 */
import type { FieldPath, Finding } from '../errors.ts';
import type { KObject } from '../k8s/object.ts';
import { isPlainObject } from '../util/plain-object.ts';
import { mapSelector, matchesSelector } from '../k8s/label-selector.ts';
import type { Resource } from '../k8s/resource.ts';
import type { ReferenceIndex } from './reference-index.ts';
import { namespaceOf, referenceFinding, requireObject, workloadsSelecting } from './reference-index.ts';
import { addsLabel, isControllerLabel } from './controller-labels.ts';
import { containersOf, podTemplateOf } from './workloads.ts';

interface ContainerPort {
  name?: string;
  containerPort?: number;
}

function containerPorts(workloads: readonly KObject[]): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const w of workloads) {
    const template = podTemplateOf(w);
    if (!template) continue;
    for (const { container } of containersOf(template.spec)) {
      if (Array.isArray(container.ports)) for (const p of container.ports) if (isPlainObject(p)) out.push(p as ContainerPort);
    }
  }
  return out;
}

function checkTargetPorts(resource: Resource, spec: Record<string, unknown>, selected: readonly KObject[], findings: Finding[]): void {
  const ports = containerPorts(selected);
  const names = selected.map((w) => `${w.kind} '${w.metadata.name}'`).join(', ');
  const list = Array.isArray(spec.ports) ? spec.ports : [];
  list.forEach((p, i) => {
    if (!isPlainObject(p)) return;
    const target = p.targetPort ?? p.port;
    const path: FieldPath = ['spec', 'ports', i, p.targetPort === undefined ? 'port' : 'targetPort'];
    if (typeof target === 'string' && !ports.some((cp) => cp.name === target)) {
      const message = `expected a container port named '${target}' in ${names}, found none`;
      findings.push(referenceFinding(resource, 'error', 'reference/target-port-not-found', message, `name a container port '${target}' or use a port number`, path));
    }
    // A number needs no declared containerPort: the list is informational, and a process may
    // listen on any port (kubebuilder's metrics endpoint binds 8443 from a flag).
  });
}

/**
 * The workloads whose pods a Service selector selects: the template labels must match, except
 * for labels the workload's controller adds to each pod (./controller-labels.ts).
 */
function selectedWorkloads(index: ReferenceIndex, service: KObject, selector: Record<string, unknown>): KObject[] {
  const plain: Record<string, unknown> = {};
  const added: [string, unknown][] = [];
  for (const [k, v] of Object.entries(selector)) {
    if (isControllerLabel(k)) added.push([k, v]);
    else plain[k] = v;
  }
  const first = Object.entries(plain)[0];
  const requirements = mapSelector(plain);
  const candidates = workloadsSelecting(index, namespaceOf(service), (labels) => matchesSelector(requirements, labels), first ? `${first[0]}=${String(first[1])}` : undefined);
  if (added.length === 0) return candidates;
  return candidates.filter((w) => {
    const labels = podTemplateOf(w)?.labels ?? {};
    return added.every(([k, v]) => labels[k] === v || addsLabel(w, k, v));
  });
}

function checkService(index: ReferenceIndex, resource: Resource, findings: Finding[]): void {
  const spec = resource.object.spec;
  if (!isPlainObject(spec) || spec.type === 'ExternalName' || !isPlainObject(spec.selector)) return;
  const selector = spec.selector;
  if (Object.keys(selector).length === 0) return;
  const selected = selectedWorkloads(index, resource.object, selector);
  if (selected.length === 0) {
    const shown = Object.entries(selector)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(',');
    const message = `expected selector ${shown} to match the pod labels of a workload, found none`;
    findings.push(referenceFinding(resource, 'warning', 'reference/service-selector-no-match', message, "make the selector match a workload's pod template labels", ['spec', 'selector']));
    return;
  }
  checkTargetPorts(resource, spec, selected, findings);
}

function checkBackend(index: ReferenceIndex, resource: Resource, backend: unknown, path: FieldPath, findings: Finding[]): void {
  const service = isPlainObject(backend) ? backend.service : undefined;
  if (!isPlainObject(service) || typeof service.name !== 'string') return;
  const hint = "add the Service, fix the backend's service name, or list it in 'external' of kasane.config.ts";
  const target = { gk: '/Service', name: service.name, namespace: namespaceOf(resource.object) };
  const found = requireObject(index, findings, resource, target, [...path, 'service', 'name'], 'reference/service-not-found', hint);
  const port = service.port;
  if (!found || !isPlainObject(port) || !isPlainObject(found.spec)) return;
  const ports = (Array.isArray(found.spec.ports) ? found.spec.ports : []).filter(isPlainObject);
  const wanted = typeof port.number === 'number' ? port.number : typeof port.name === 'string' ? port.name : undefined;
  if (wanted === undefined) return;
  const field = typeof wanted === 'number' ? 'number' : 'name';
  const ok = ports.some((p) => (field === 'number' ? p.port === wanted : p.name === wanted));
  if (ok) return;
  const declared = ports.map((p) => (field === 'number' ? String(p.port) : `'${String(p.name ?? '')}'`)).join(', ') || 'none';
  const shown = typeof wanted === 'number' ? String(wanted) : `'${wanted}'`;
  const message = `expected Service '${service.name}' to have a port ${field === 'number' ? '' : 'named '}${shown}, found ${declared}`;
  findings.push(referenceFinding(resource, 'error', 'reference/service-port-not-found', message, `use one of the Service's ports or add port ${shown} to it`, [...path, 'service', 'port', field]));
}

function checkIngress(index: ReferenceIndex, resource: Resource, findings: Finding[]): void {
  const spec = resource.object.spec;
  if (!isPlainObject(spec)) return;
  checkBackend(index, resource, spec.defaultBackend, ['spec', 'defaultBackend'], findings);
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  rules.forEach((rule, i) => {
    const paths = isPlainObject(rule) && isPlainObject(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
    paths.forEach((p, j) => {
      if (isPlainObject(p)) checkBackend(index, resource, p.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend'], findings);
    });
  });
}

/** Checks a Service's selector and target ports, or an Ingress's backends. */
export function checkServiceReferences(index: ReferenceIndex, resource: Resource, findings: Finding[]): void {
  if (resource.object.kind === 'Service') checkService(index, resource, findings);
  else checkIngress(index, resource, findings);
}
