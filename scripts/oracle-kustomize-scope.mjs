#!/usr/bin/env node
/**
 * Regenerates test/oracle/kustomize-scope/: one object of every built-in API version of every
 * kind kasane counts as cluster-scoped (src/k8s/field-specs.ts; versions from
 * src/k8s/lifecycle-data.ts, plus `<group>/v1`), built by `kubectl kustomize` with
 * `namespace: probe`, and expected.txt: `apiVersion kind namespace` per object as kubectl
 * writes it (`-` for none). Kustomize gives a namespace only to objects it reads as namespaced,
 * so the lines with `probe` are the cluster-scoped kinds its built-in schema does not know.
 *
 * Usage: node scripts/oracle-kustomize-scope.mjs   (needs kubectl on the PATH)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { parseAllDocuments } from 'yaml';
import { offlineKubectlEnv } from './kubectl-offline.mjs';

const REPO = join(import.meta.dirname, '..');
const root = join(REPO, 'test', 'oracle', 'kustomize-scope');

const entry = `export { CLUSTER_SCOPED_KINDS } from './src/k8s/field-specs.ts'; export { API_LIFECYCLE } from './src/k8s/lifecycle-data.ts';`;
const bundled = await build({ stdin: { contents: entry, resolveDir: REPO, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node' });
const { CLUSTER_SCOPED_KINDS, API_LIFECYCLE } = await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`);

const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const pairs = new Set();
for (const [group, kinds] of Object.entries(CLUSTER_SCOPED_KINDS)) {
  for (const kind of kinds) {
    pairs.add(`${group ? `${group}/` : ''}v1 ${kind}`);
    for (const key of Object.keys(API_LIFECYCLE)) {
      const [apiVersion, k] = key.split(' ');
      const g = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      if (g === group && k === kind) pairs.add(key);
    }
  }
}
const probes = [...pairs].sort(byCode).map((p) => p.split(' '));

rmSync(join(root, 'input'), { recursive: true, force: true });
mkdirSync(join(root, 'input'), { recursive: true });
writeFileSync(join(root, 'input', 'kustomization.yaml'), 'namespace: probe\nresources:\n- resources.yaml\n');
const docs = probes.map(([apiVersion, kind], i) => `---\n${JSON.stringify({ apiVersion, kind, metadata: { name: `probe-${i}` } })}\n`);
writeFileSync(join(root, 'input', 'resources.yaml'), docs.join(''));

const output = execFileSync('kubectl', ['kustomize', join(root, 'input')], { encoding: 'utf8', env: offlineKubectlEnv() });
const lines = parseAllDocuments(output)
  .map((doc) => doc.toJS())
  .map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? '-'}`)
  .sort(byCode);
if (lines.length !== probes.length) throw new Error(`expected ${probes.length} objects from kubectl, got ${lines.length}`);
writeFileSync(join(root, 'expected.txt'), `${lines.join('\n')}\n`);
process.stdout.write(`wrote ${lines.length} lines to ${join(root, 'expected.txt')}\n`);
