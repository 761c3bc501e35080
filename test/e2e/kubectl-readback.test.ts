/**
 * `kubectl kustomize test/golden/<env>` (Kustomize v5.5.0) reads every rendered environment
 * back to exactly the objects kasane rendered: same set, same values. Skipped, with the reason
 * printed, where kubectl is not installed.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadProject, type LoadedProject } from '../../src/load/load-project.ts';
import { render } from '../../src/pipeline/render.ts';

const root = path.resolve(import.meta.dirname, '../..');
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl) console.warn('skipping kubectl read-back of test/golden: kubectl not found on PATH');

let project: LoadedProject;
beforeAll(async () => {
  project = await loadProject(root);
});

describe.skipIf(!hasKubectl)('kubectl kustomize reads the golden output back', () => {
  test.each(['dev', 'staging', 'prod'])('%s: same objects, same values', (env) => {
    const r = spawnSync('kubectl', ['kustomize', path.join(root, 'test/golden', env)], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const fromKubectl = parseAllDocuments(r.stdout, { version: '1.1' }).map((d) => d.toJS());
    const result = render(project, env);
    const ours = result.resources.map((res) => JSON.parse(JSON.stringify(res.object)));
    const key = (o: { kind: string; metadata: { namespace?: string; name: string } }) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    const sort = (list: typeof ours) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    // kubectl re-sorts what it reads: the same order means kasane wrote Kustomize's order.
    expect(fromKubectl.map(key)).toEqual([...result.output!.objects.values()].map((o) => `${o.kind}/${o.namespace ?? ''}/${o.name}`));
    expect(sort(fromKubectl)).toEqual(sort(ours));
  });
});
