#!/usr/bin/env node
/**
 * Micro-benchmark: kasane's emitDocument against yaml's stringify on 4,000 Deployment-sized
 * objects. Usage: node bench/emit-micro.mjs
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import YAML from 'yaml';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = await build({ entryPoints: [join(repo, 'src/render/emit.ts')], bundle: true, write: false, format: 'esm', platform: 'node' });
const { emitDocument } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);

function deployment(i) {
  const labels = { 'app.kubernetes.io/name': `svc-${i}`, 'app.kubernetes.io/part-of': 'shop', tier: i % 2 ? 'web' : 'backend' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `svc-${i}`, namespace: `team-${i % 7}`, labels, annotations: { 'kasane.dev/source': `components/svc-${i}.ts`, note: 'line one\nline two\n' } },
    spec: {
      replicas: (i % 5) + 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': `svc-${i}` } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: `svc-${i}`,
          securityContext: { runAsNonRoot: true, fsGroup: 2000 },
          containers: [
            {
              name: 'app',
              image: `registry.example.com/shop/svc-${i}:1.${i % 10}.3`,
              args: ['--port', '8080', '--log-level', 'info', '--enabled', 'true'],
              ports: [
                { name: 'http', containerPort: 8080, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9090 },
              ],
              env: [
                { name: 'PORT', value: '8080' },
                { name: 'FEATURE_X', value: 'on' },
                { name: 'DB_URL', valueFrom: { secretKeyRef: { name: `db-${i}`, key: 'url' } } },
                { name: 'RATIO', value: '0.5' },
              ],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
              readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5, periodSeconds: 10 },
              livenessProbe: { httpGet: { path: '/livez', port: 'http' }, failureThreshold: 3 },
              volumeMounts: [
                { name: 'config', mountPath: '/etc/app', readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'config', configMap: { name: `svc-${i}-config` } },
            { name: 'tmp', emptyDir: {} },
          ],
        },
      },
    },
  };
}

const objects = Array.from({ length: 4000 }, (_, i) => deployment(i));

function time(label, fn) {
  for (let i = 0; i < 2; i++) fn(); // warm up
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    fn();
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  runs.sort((a, b) => a - b);
  const median = runs[2];
  process.stdout.write(`${label.padEnd(48)} ${median.toFixed(1).padStart(8)} ms\n`);
  return median;
}

let sink = 0;
const ours = time('kasane emitDocument', () => {
  for (const o of objects) sink += emitDocument(o).length;
});
const plain = time("YAML.stringify {lineWidth:0, version:'1.1'}", () => {
  for (const o of objects) sink += YAML.stringify(o, { lineWidth: 0, version: '1.1' }).length;
});
const sorted = time('  same plus sortMapEntries, indentSeq:false', () => {
  for (const o of objects) sink += YAML.stringify(o, { lineWidth: 0, version: '1.1', sortMapEntries: true, indentSeq: false, aliasDuplicateObjects: false }).length;
});
process.stdout.write(`speed-up: ${(plain / ours).toFixed(1)}x (${(sorted / ours).toFixed(1)}x against the sorted variant)  [${sink}]\n`);
