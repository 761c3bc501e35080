import { describe, expect, test } from 'vitest';
import { container } from '../../src/builders/container.ts';
import { networkPolicy, service } from '../../src/builders/networking.ts';
import { deployment, pod } from '../../src/builders/workloads.ts';
import { deepFreeze, thrown } from './deep-freeze.ts';

const echo = deepFreeze(
  deployment({
    name: 'echo',
    podLabels: { app: 'echo' },
    containers: [container({ name: 'nginx', image: 'gihyodocker/nginx-proxy:latest', ports: { http: 80 } }), container({ name: 'echo', image: 'gihyodocker/echo:latest', ports: { app: 8080 } })],
  }),
);

describe('service', () => {
  test('writes selector and ports as given when built without a workload', () => {
    expect(service(deepFreeze({ name: 'db', selector: { app: 'db' }, ports: [{ port: 5432 }] }))).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db' },
      spec: { selector: { app: 'db' }, ports: [{ port: 5432 }] },
    });
  });

  test('takes name, selector and target port from the workload when given for', () => {
    expect(service(deepFreeze({ for: echo, ports: [{ port: 80 }] }))).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'echo' },
      spec: { selector: { app: 'echo' }, ports: [{ name: 'http', port: 80, targetPort: 80 }] },
    });
  });

  test('writes every field when all props are given', () => {
    const props = deepFreeze({
      name: 'echo-public',
      namespace: 'shop',
      labels: { tier: 'edge' },
      annotations: { a: 'b' },
      for: echo,
      type: 'LoadBalancer' as const,
      ports: [
        { name: 'web', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080, appProtocol: 'http' },
        { port: 8080, targetPort: 8080 },
      ],
      spec: { externalTrafficPolicy: 'Local' },
    });
    expect(service(props)).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'echo-public', namespace: 'shop', labels: { tier: 'edge' }, annotations: { a: 'b' } },
      spec: {
        type: 'LoadBalancer',
        selector: { app: 'echo' },
        ports: [
          { name: 'web', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080, appProtocol: 'http' },
          { name: 'app', port: 8080, targetPort: 8080 },
        ],
        externalTrafficPolicy: 'Local',
      },
    });
  });

  test('defaults the target to the first container port when no container port equals port', () => {
    const api = deployment({ name: 'api', image: 'api', ports: { http: 8080 } });
    expect(service({ for: api, ports: [{ port: 80 }] }).spec!.ports).toStrictEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
  });

  test('keeps a numeric targetPort without a name when no container port has that number', () => {
    expect(service({ for: echo, ports: [{ port: 9000, targetPort: 9001 }] }).spec!.ports).toStrictEqual([{ port: 9000, targetPort: 9001 }]);
  });

  test('leaves targetPort out when the workload declares no container ports', () => {
    const bare = deployment({ name: 'bare', image: 'a' });
    expect(service({ for: bare, ports: [{ port: 80 }] }).spec!.ports).toStrictEqual([{ port: 80 }]);
  });

  test('selects a Pod by its labels when for is a Pod', () => {
    expect(service({ for: pod({ name: 'p', image: 'a', podLabels: { run: 'p' } }), ports: [{ port: 1 }] }).spec!.selector).toStrictEqual({ run: 'p' });
  });

  test('writes nodePort with the NodePort type when given', () => {
    expect(service({ for: echo, type: 'NodePort', ports: [{ port: 80, nodePort: 30001 }] }).spec).toStrictEqual({
      type: 'NodePort',
      selector: { app: 'echo' },
      ports: [{ name: 'http', port: 80, targetPort: 80, nodePort: 30001 }],
    });
  });

  test('writes clusterIP None when headless', () => {
    expect(service({ name: 'mysql', selector: { app: 'mysql' }, headless: true, ports: [{ name: 'mysql', port: 3306 }] }).spec).toStrictEqual({
      clusterIP: 'None',
      selector: { app: 'mysql' },
      ports: [{ name: 'mysql', port: 3306 }],
    });
  });

  test('writes type ExternalName and no selector when externalName is given', () => {
    expect(service(deepFreeze({ name: 'payments', externalName: 'pay.example.com' }))).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'payments' },
      spec: { type: 'ExternalName', externalName: 'pay.example.com' },
    });
  });

  test('throws builder/unknown-target-port listing the names when a named target port is missing', () => {
    const error = thrown(() => service({ for: echo, ports: [{ port: 80 }, { port: 81, targetPort: 'htp' }] }));
    expect(error.code).toBe('builder/unknown-target-port');
    expect(error.findings[0]!.path).toEqual(['spec', 'ports', 1, 'targetPort']);
    expect(error.findings[0]!.message).toBe("expected a container port name, received 'htp' (did you mean 'http'?)");
    expect(error.findings[0]!.hint).toBe("use one of 'http', 'app' or a port number, or declare the port on the container");
  });

  test('throws builder/no-pod-labels when the workload has no pod labels', () => {
    const unlabelled = deployment({ name: 'x', image: 'a', podLabels: {} });
    const error = thrown(() => service({ for: unlabelled, ports: [{ port: 80 }] }));
    expect(error.code).toBe('builder/no-pod-labels');
    expect(error.findings[0]!.path).toEqual(['spec', 'selector']);
  });

  test('throws builder/missing-name when neither name nor for is given', () => {
    const error = thrown(() => service({ selector: { a: 'b' }, ports: [{ port: 80 }] }));
    expect(error.code).toBe('builder/missing-name');
    expect(error.findings[0]!.path).toEqual(['metadata', 'name']);
  });
});

describe('networkPolicy', () => {
  test('selects every pod when given only a name', () => {
    expect(networkPolicy(deepFreeze({ name: 'deny-all' }))).toStrictEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny-all' },
      spec: { podSelector: {} },
    });
  });

  test('writes every field when all props are given', () => {
    const props = deepFreeze({
      name: 'echo',
      namespace: 'shop',
      for: echo,
      ingress: [{ from: [{ podSelector: { matchLabels: { role: 'edge' } } }], ports: [{ port: 80 }] }],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
      policyTypes: ['Ingress' as const, 'Egress' as const],
    });
    expect(networkPolicy(props)).toStrictEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'echo', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: { app: 'echo' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { role: 'edge' } } }], ports: [{ port: 80 }] }],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
        policyTypes: ['Ingress', 'Egress'],
      },
    });
  });

  test('accepts labels or a LabelSelector as podSelector', () => {
    expect(networkPolicy({ name: 'a', podSelector: { app: 'a' } }).spec!.podSelector).toStrictEqual({ matchLabels: { app: 'a' } });
    const selector = { matchExpressions: [{ key: 'app', operator: 'Exists' }] };
    expect(networkPolicy({ name: 'a', podSelector: selector }).spec!.podSelector).toStrictEqual(selector);
  });

  test('throws builder/no-pod-labels when the workload has no pod labels', () => {
    const error = thrown(() => networkPolicy({ name: 'a', for: deployment({ name: 'x', image: 'a', podLabels: {} }) }));
    expect(error.code).toBe('builder/no-pod-labels');
    expect(error.findings[0]!.path).toEqual(['spec', 'podSelector']);
  });
});
