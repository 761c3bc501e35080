#!/usr/bin/env node
/**
 * Regenerates test/oracle/emit/: Kubernetes objects written as JSON resource files of a
 * Kustomize tree, and expected.yaml, what `kubectl kustomize` prints for them. The emitter's
 * test compares its own output for the same objects with expected.yaml byte for byte.
 *
 * Strings left out of the tree, each for a reason:
 * - kubectl cannot read them back faithfully: C0 controls other than tab/LF/CR, DEL, NEL,
 *   U+2028, U+2029, U+FFFF, unpaired surrogates;
 * - kasane quotes them on purpose where kubectl does not (YAML 1.1 reads them as a float, a
 *   merge key, a value key or a timestamp), or escapes only the BOM where kubectl escapes the
 *   rest of a string after a leading BOM: `.`, `<<`, `=`, `2001-12-14 21:59:43.10 -5`, `\uFEFF...`;
 * - kubectl folds them at 80 columns and kasane does not: strings over 70 characters with spaces.
 *
 * Usage: node scripts/oracle-emit.mjs   (needs kubectl on the PATH)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(repo, 'test', 'oracle', 'emit');

async function loadHazards() {
  const out = await build({ entryPoints: [join(repo, 'test/render/yaml-hazards.ts')], bundle: true, write: false, format: 'esm' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return mod.ALL_HAZARDS;
}

const DELIBERATE = new Set(['.', '<<', '=', '2001-12-14 21:59:43.10 -5']);
function kubectlCanCompare(s) {
  if (DELIBERATE.has(s) || s.startsWith('\uFEFF')) return false;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029\uffff]/.test(s)) return false;
  if (/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) return false;
  return !(s.length > 70 && s.includes(' '));
}

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'api', tier: 'backend' } },
  spec: {
    replicas: 3,
    revisionHistoryLimit: 0,
    selector: { matchLabels: { 'app.kubernetes.io/name': 'api' } },
    strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 }, type: 'RollingUpdate' },
    template: {
      metadata: { labels: { 'app.kubernetes.io/name': 'api', tier: 'backend' } },
      spec: {
        containers: [
          {
            name: 'api',
            image: 'registry.example.com/shop/api:1.0.3',
            args: ['--port', '8080', '--verbose', 'true', '--ratio=0.5'],
            env: [
              { name: 'LOG_LEVEL', value: 'info' },
              { name: 'ENABLED', value: 'yes' },
              { name: 'EMPTY', value: '' },
            ],
            ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
            readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
            resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: 0.25, memory: '128Mi' } },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsUser: 1000 },
          },
        ],
        nodeSelector: null,
        tolerations: [],
        volumes: [{ name: 'tmp', emptyDir: {} }],
      },
    },
  },
};

const numbers = {
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name: 'numbers', namespace: 'shop' },
  spec: {
    ints: [0, -1, 42, 1000000, 9007199254740991, -9007199254740991, 2 ** 60],
    floats: [1.5, -2.5, 0.1, 0.25, 123456.5, 1234567.5, 0.0001, 0.00001, 1.5e-7, 1e21, 1.5e300, 5e-324, 2 ** 70],
    flags: [true, false, null],
    nested: [[1, [2, [3, []]]], [{}], [{ a: { b: { c: [] } } }], [[{ x: 1, y: [{ z: {} }] }]]],
    keys: { _: 1, 1: 2, 9: 3, 10: 4, A: 5, B: 6, a: 7, 'a-b': 8, 'a.b': 9, a9: 10, a10: 11, DB_HOST: 12, DBA: 13, é: 14 },
    empty: { map: {}, list: [], str: '' },
    ['k'.repeat(129)]: { long: 'key' },
    ['first\nsecond']: ['multi-line', 'key'],
  },
};

const hazards = (await loadHazards()).filter(kubectlCanCompare);
const values = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hazard-values', namespace: 'shop' }, data: {} };
hazards.forEach((s, i) => (values.data[`v${String(i).padStart(3, '0')}`] = s));
// One key per map: go-yaml's key order is not transitive for some of these mixes, and kubectl's
// order for them then changes from run to run.
const keys = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'hazard-keys', namespace: 'shop' }, spec: {} };
keys.spec.keys = hazards.filter((s) => s !== '').map((s, i) => ({ [s]: i }));

const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'api', namespace: 'shop' },
  spec: { ports: [{ name: 'http', port: 80, targetPort: 'http' }], selector: { 'app.kubernetes.io/name': 'api' }, type: 'ClusterIP' },
};

/** JSON that kubectl reads exactly: every character outside printable ASCII escaped. */
function asciiJson(value) {
  return `${JSON.stringify(value, null, 2).replace(/[\u007f-\uffff]/g, (c) => (/[\ud800-\udfff]/.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}\n`;
}

const files = { 'numbers.json': numbers, 'hazard-values.json': values, 'deployment.json': deployment, 'hazard-keys.json': keys, 'service.json': service };
rmSync(join(root, 'input'), { recursive: true, force: true });
mkdirSync(join(root, 'input'), { recursive: true });
for (const [file, value] of Object.entries(files)) writeFileSync(join(root, 'input', file), asciiJson(value));
writeFileSync(
  join(root, 'input', 'kustomization.yaml'),
  `resources:\n${Object.keys(files)
    .map((f) => `- ${f}\n`)
    .join('')}`,
);

const expected = execFileSync('kubectl', ['kustomize', join(root, 'input')], { encoding: 'utf8' });
writeFileSync(join(root, 'expected.yaml'), expected);
process.stdout.write(`wrote ${join(root, 'expected.yaml')} (${hazards.length} hazardous strings)\n`);
