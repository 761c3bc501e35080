// Builder output against what `kubectl create <kind> --dry-run=client` generates (no cluster
// needed for these generators). Without kubectl these are skipped; the literals in the other
// builder tests were checked against the same commands and keep running.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { job } from '../../src/builders/batch.ts';
import { dockerConfigSecret } from '../../src/builders/config.ts';
import { container } from '../../src/builders/container.ts';
import { ingress } from '../../src/builders/ingress.ts';
import { service } from '../../src/builders/networking.ts';
import { podDisruptionBudget } from '../../src/builders/policy.ts';
import { role, roleBinding, serviceAccount } from '../../src/builders/rbac.ts';
import { deployment } from '../../src/builders/workloads.ts';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl) console.warn('skipping kubectl oracle tests for builders: kubectl not found');

/** Runs `kubectl create ... --dry-run=client -o yaml` and drops the fields the server would fill. */
function kubectlCreate(args: string[]): unknown {
  const result = spawnSync('kubectl', ['create', '--dry-run=client', '-o', 'yaml', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return strip(parse(result.stdout));
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'creationTimestamp' || k === 'status') continue;
    if ((k === 'resources' || k === 'strategy') && v !== null && typeof v === 'object' && Object.keys(v).length === 0) continue;
    out[k] = strip(v);
  }
  return out;
}

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe.skipIf(!hasKubectl)('builders against kubectl create', () => {
  test('deployment matches kubectl create deployment when given its labels', () => {
    const d = deployment({ name: 'd', replicas: 2, podLabels: { app: 'd' }, containers: [container({ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] })] });
    expect(plain(d)).toStrictEqual(kubectlCreate(['deployment', 'd', '--image=nginx', '--port=80', '--replicas=2']));
  });

  test('job matches kubectl create job when pod labels are empty', () => {
    const j = job({ name: 'j', podLabels: {}, containers: [{ name: 'j', image: 'busybox', command: ['echo', 'hi'] }] });
    expect(plain(j)).toStrictEqual(kubectlCreate(['job', 'j', '--image=busybox', '--', 'echo', 'hi']));
  });

  test('ingress matches kubectl create ingress for named and numbered ports', () => {
    const echo = service({ name: 'echo', selector: { app: 'echo' }, ports: [{ name: 'http', port: 80 }] });
    const photo = service({ name: 'photo-view', selector: { app: 'photo' }, ports: [{ port: 9000 }] });
    const built = ingress({
      name: 'edge',
      ingressClassName: 'nginx',
      defaultBackend: { service: echo, port: 80 },
      rules: [
        { host: 'echo.example.com', service: echo, port: 'http' },
        { host: 'photo.example.com', path: '/admin', pathType: 'Exact', service: photo, port: 9000 },
      ],
      tls: [{ hosts: ['echo.example.com'], secret: 'echo-tls' }],
    });
    const expected = kubectlCreate([
      'ingress',
      'edge',
      '--class=nginx',
      '--rule=echo.example.com/*=echo:http,tls=echo-tls',
      '--rule=photo.example.com/admin=photo-view:9000',
      '--default-backend=echo:80',
    ]);
    expect(plain(built)).toStrictEqual(expected);
  });

  test('roleBinding matches kubectl create rolebinding for a namespaced ServiceAccount', () => {
    const b = roleBinding({ name: 'b', role: role({ name: 'pod-reader', rules: [] }), subjects: [serviceAccount({ name: 'collector', namespace: 'logging' })] });
    expect(plain(b)).toStrictEqual(kubectlCreate(['rolebinding', 'b', '--role=pod-reader', '--serviceaccount=logging:collector']));
  });

  test('podDisruptionBudget matches kubectl create pdb when given a selector', () => {
    const pdb = podDisruptionBudget({ name: 'echo', selector: { matchLabels: { app: 'echo' } }, minAvailable: 2 });
    expect(plain(pdb)).toStrictEqual(kubectlCreate(['pdb', 'echo', '--selector=app=echo', '--min-available=2']));
  });

  test('dockerConfigSecret matches kubectl create secret docker-registry', () => {
    const s = dockerConfigSecret({ name: 'r', registry: 'registry.example.com', username: 'ci', password: 'p@ss:word', email: 'ci@example.com' });
    const expected = kubectlCreate(['secret', 'docker-registry', 'r', '--docker-server=registry.example.com', '--docker-username=ci', '--docker-password=p@ss:word', '--docker-email=ci@example.com']);
    expect(plain(s)).toStrictEqual(expected);
  });
});
