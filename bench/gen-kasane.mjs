#!/usr/bin/env node
// Writes the reference workload (../shared/bench/WORKLOAD.md: N components x dev, staging, prod)
// as a kasane project, the way a user would write it:
//
//   DIR/kasane.config.ts              output folder
//   DIR/components/catalog.ts         the N services as data (name, size, config, secret)
//   DIR/components/shop-service.ts    shopService(entry): one component definition, used N times
//   DIR/components/index.ts           SHOP_SERVICES = CATALOG.map(shopService)
//   DIR/environments/base.ts          abstract: every service
//   DIR/environments/{dev,staging,prod}.ts   namespace, labels, annotations, images, replicas,
//                                     ConfigMap merge generators, a JSON patch (tracing env var)
//                                     and one strategic-merge patch per service (resources)
//
// Why one component module and a catalog rather than N component files: the services differ
// only in data, and in TypeScript repetition is a function over data. Each catalog entry still
// becomes its own component (its own output folder, its own findings), which is what the N
// component files would give, without N copies of the same code.
//
// The project imports from 'kasane' (the loader resolves it to the running library), so it
// needs no node_modules. Render with `kasane render -C DIR [env] [--stdout]`.
//
//   node bench/gen-kasane.mjs N DIR [--force]
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ENV_NAMES, ENVIRONMENTS, components } from '../../shared/bench/workload.mjs';

const USAGE = 'usage: node bench/gen-kasane.mjs N DIR [--force]';

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const json = (v) => JSON.stringify(v);

function catalogModule(comps) {
  const rows = comps.map(({ index, name, image, size, config, secret }) => `  ${json({ index, name, image, size, config, secret })},`);
  return `// The shop's services (written by bench/gen-kasane.mjs).
export type Size = 'small' | 'medium' | 'large';

export interface ServiceEntry {
  index: number;
  name: string;
  /** Image repository, without tag. */
  image: string;
  size: Size;
  /** Base ConfigMap literals, in order. */
  config: Record<string, string>;
  /** Secret entries as plain text (base64-encoded when built). */
  secret: Record<string, string>;
}

export const CATALOG: ServiceEntry[] = [
${rows.join('\n')}
];
`;
}

const SHOP_SERVICE = `// One shop service: its Deployment, Service, Secret and generated ConfigMap.
import { configMap, defineComponent, z, type ObjectOfKind } from 'kasane';
import type { ServiceEntry } from './catalog.ts';

const BASE_TAG = '1.0.0';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export function shopService(entry: ServiceEntry) {
  const { name } = entry;
  return defineComponent({
    name,
    values: z.object({ replicas: z.number().int().min(1).default(1) }),
    build(values) {
      const labels = () => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'shop' });
      const selector = () => ({ 'app.kubernetes.io/name': name });
      const config = configMap({ name: \`\${name}-config\`, data: { ...entry.config }, hashSuffix: true });
      const secret: ObjectOfKind<'Secret'> = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: \`\${name}-secret\`, labels: labels() },
        type: 'Opaque',
        data: Object.fromEntries(Object.entries(entry.secret).map(([k, v]) => [k, base64(v)])),
      };
      const service: ObjectOfKind<'Service'> = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, labels: labels() },
        spec: {
          type: 'ClusterIP',
          selector: selector(),
          ports: [
            { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
            { name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' },
          ],
        },
      };
      const deployment: ObjectOfKind<'Deployment'> = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, labels: labels() },
        spec: {
          replicas: values.replicas,
          revisionHistoryLimit: 5,
          selector: { matchLabels: selector() },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
          template: {
            metadata: { labels: labels() },
            spec: {
              containers: [
                {
                  name,
                  image: \`\${entry.image}:\${BASE_TAG}\`,
                  imagePullPolicy: 'IfNotPresent',
                  ports: [
                    { name: 'http', containerPort: 8080, protocol: 'TCP' },
                    { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
                  ],
                  env: [
                    { name: 'COMPONENT', value: name },
                    { name: 'PORT', value: '8080' },
                    { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: secret.metadata!.name!, key: 'db-password' } } },
                  ],
                  envFrom: [{ configMapRef: { name: config.metadata!.name! } }],
                  livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 10, periodSeconds: 10 },
                  readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5, failureThreshold: 3 },
                  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
                },
              ],
            },
          },
        },
      };
      return [config, secret, service, deployment];
    },
  });
}
`;

const COMPONENTS_INDEX = `// Every shop service as a component.
import { CATALOG } from './catalog.ts';
import { shopService } from './shop-service.ts';

export const SHOP_SERVICES = CATALOG.map(shopService);
`;

const BASE_ENV = `// What every environment shares: all shop services.
import { defineEnvironment } from 'kasane';
import { SHOP_SERVICES } from '../components/index.ts';

export default defineEnvironment({
  name: 'base',
  abstract: true,
  components: SHOP_SERVICES,
});
`;

const SHOP_OVERLAY = `// The overlay every shop environment applies, from that environment's settings.
import { configMapGenerator, jsonPatch, strategicMerge, type EnvironmentProps } from 'kasane';
import { CATALOG, type Size } from '../components/catalog.ts';

export interface ShopSettings {
  name: string;
  namespace: string;
  annotations: Record<string, string>;
  imageTag: string;
  replicas: (index: number) => number;
  tracingSampleRate: string;
  config: Record<string, string>;
  resources: Record<Size, { requests: { cpu: string; memory: string }; limits: { memory: string } }>;
}

export function shopOverlay(s: ShopSettings): Omit<EnvironmentProps, 'name' | 'extends'> {
  return {
    namespace: s.namespace,
    labels: { env: s.name },
    annotations: s.annotations,
    images: CATALOG.map((c) => ({ name: c.image, newTag: s.imageTag })),
    replicas: CATALOG.map((c) => ({ name: c.name, count: s.replicas(c.index) })),
    generators: CATALOG.map((c) => configMapGenerator({ name: \`\${c.name}-config\`, behavior: 'merge', literals: s.config })),
    patches: [
      jsonPatch({ group: 'apps', version: 'v1', kind: 'Deployment' }, [
        { op: 'add', path: '/spec/template/spec/containers/0/env/-', value: { name: 'TRACING_SAMPLE_RATE', value: s.tracingSampleRate } },
      ]),
      ...CATALOG.map((c) =>
        strategicMerge({ kind: 'Deployment', name: c.name }, { spec: { template: { spec: { containers: [{ name: c.name, resources: s.resources[c.size] }] } } } }),
      ),
    ],
  };
}
`;

// How each environment's replica count follows the service index (WORKLOAD.md §3).
const REPLICAS = { dev: '() => 1', staging: '() => 2', prod: '(i) => 2 + (i % 3)' };

// The edited variant's prod: one Deployment (service 1) gets another replica count, a one-line
// change that alters one rendered file, for timing a render over the unedited output.
const EDITED_PROD_REPLICAS = '(i) => (i === 1 ? 9 : 2 + (i % 3))';

function environmentModule(env, edited) {
  const replicas = edited && env.name === 'prod' ? EDITED_PROD_REPLICAS : REPLICAS[env.name];
  const settings = [
    `  name: ${json(env.name)},`,
    `  namespace: ${json(env.namespace)},`,
    `  annotations: ${json(env.annotations)},`,
    `  imageTag: ${json(env.imageTag)},`,
    `  replicas: ${replicas},`,
    `  tracingSampleRate: ${json(env.tracingSampleRate)},`,
    `  config: ${json(env.config)},`,
    `  resources: ${json(env.resources)},`,
  ];
  return `// ${env.name}: namespace ${env.namespace}, image tag ${env.imageTag}.
import { defineEnvironment } from 'kasane';
import base from './base.ts';
import { shopOverlay } from './_shop-overlay.ts';

export default defineEnvironment({
  name: ${json(env.name)},
  extends: base,
  ...shopOverlay({
${settings.map((l) => `  ${l}`).join('\n')}
  }),
});
`;
}

const CONFIG = `import { defineConfig } from 'kasane';

export default defineConfig({
  out: 'rendered',
  // The shop's Secrets carry their data and its pods set no securityContext (the workload fixes
  // both); the team has accepted that, so these two rules are off. Schema and reference checks
  // and the other policies still run.
  policies: { 'plaintext-secret': 'off', 'run-as-non-root': 'off' },
});
`;

/**
 * Writes the project for `n` services into `dir`; returns the number of files written. With
 * `edited`, prod gives one Deployment another replica count (see EDITED_PROD_REPLICAS).
 */
export function writeKasaneProject(n, dir, { edited = false } = {}) {
  const files = {
    'kasane.config.ts': CONFIG,
    'components/catalog.ts': catalogModule(components(n)),
    'components/shop-service.ts': SHOP_SERVICE,
    'components/index.ts': COMPONENTS_INDEX,
    'environments/base.ts': BASE_ENV,
    'environments/_shop-overlay.ts': SHOP_OVERLAY,
  };
  for (const name of ENV_NAMES) files[`environments/${name}.ts`] = environmentModule(ENVIRONMENTS[name], edited);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return Object.keys(files).length;
}

function main() {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  } catch (e) {
    fail(`${e.message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 2) fail(USAGE);
  const n = Number(positionals[0]);
  if (!Number.isInteger(n) || n < 1 || n > 99999) fail(`N must be an integer from 1 to 99999, got "${positionals[0]}"\n${USAGE}`);
  const dir = path.resolve(positionals[1]);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!values.force) fail(`${dir} exists and is not empty (pass --force to replace it)`);
    rmSync(dir, { recursive: true, force: true });
  }
  const count = writeKasaneProject(n, dir);
  process.stdout.write(`wrote ${count} files for ${n} components x ${ENV_NAMES.length} environments to ${dir}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
