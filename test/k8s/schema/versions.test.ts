/**
 * The generated per-minor data: the deltas are exactly what the generator's encoder makes of
 * the graphs they decode to, and, where the upstream repositories are at hand, the committed
 * files (the schema data, the lifecycle table and the TypeScript types of src/k8s/api/) are
 * what scripts/gen-k8s-versions.mjs makes of them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { deltaAt, propsOf, SCHEMA_VERSIONS, typeGraphOf } from '../../../src/k8s/schema/graph.ts';
import { DELTA_TEXTS, NEWEST_GRAPH } from '../../../src/k8s/schema/versions.ts';
// @ts-expect-error: a plain ES module of the generator, without type declarations
import { applyDelta, diffGraph } from '../../../scripts/k8s-delta.mjs';

const root = join(import.meta.dirname, '..', '..', '..');
const repos = process.env.KASANE_K8S_REPOS;
const haveRepos = !!repos && ['reference-docs', 'api', 'apiextensions-apiserver', 'kube-aggregator'].every((n) => existsSync(join(repos, n)));
if (!haveRepos)
  console.warn(
    'skipping the gen-k8s-versions --check run (schema data, lifecycle table, src/k8s/api/ types): set KASANE_K8S_REPOS to a folder with clones of kubernetes-sigs/reference-docs, kubernetes/api, kubernetes/apiextensions-apiserver and kubernetes/kube-aggregator',
  );

const tables = (g: { kinds: object; types: object; patch: object; lists: object }) => ({ kinds: g.kinds, types: g.types, patch: g.patch, lists: g.lists });

describe('per-minor schema data', () => {
  test('stores each older minor as exactly the delta the generator computes from the graphs', () => {
    const minors: string[] = [];
    for (let i = 0; i < DELTA_TEXTS.length; i++) {
      const delta = deltaAt(i)!;
      minors.push(delta.kubernetesVersion);
      const older = typeGraphOf(delta.kubernetesVersion)!;
      const newer = typeGraphOf(delta.base)!;
      expect(diffGraph(tables(older), tables(newer)), delta.kubernetesVersion).toEqual(tables(delta));
      expect(applyDelta(tables(newer), delta), delta.kubernetesVersion).toEqual(tables(older));
    }
    expect(minors).toEqual([...SCHEMA_VERSIONS].reverse().slice(1));
    expect(deltaAt(DELTA_TEXTS.length)).toBeUndefined();
  });

  test('names only types its graph has when following every reference of every minor', () => {
    for (const minor of SCHEMA_VERSIONS) {
      const graph = typeGraphOf(minor)!;
      for (const id of Object.keys(graph.types)) {
        for (const prop of propsOf(graph, id) ?? []) {
          for (const [, ref] of prop.type.matchAll(/#([^|]+)/g)) expect(Object.hasOwn(graph.types, ref!), `${minor} ${id}.${prop.name}`).toBe(true);
        }
      }
      for (const root of Object.values(graph.kinds)) expect(Object.hasOwn(graph.types, root), `${minor} ${root}`).toBe(true);
    }
  });

  test('carries the patch strategies and list types of the OpenAPI document', () => {
    // Checked by hand in the 1.36 document: PodSpec.containers and volumes, DeploymentSpec.strategy.
    expect(NEWEST_GRAPH.patch['core/v1.PodSpec.containers']).toBe('merge:name');
    expect(NEWEST_GRAPH.patch['core/v1.PodSpec.volumes']).toBe('merge,retainKeys:name');
    expect(NEWEST_GRAPH.patch['apps/v1.DeploymentSpec.strategy']).toBe('retainKeys');
    expect(NEWEST_GRAPH.lists['core/v1.PodSpec.containers']).toBe('map:name');
    expect(NEWEST_GRAPH.lists['core/v1.ServiceSpec.ports']).toBe('map:port,protocol');
    expect(NEWEST_GRAPH.lists['core/v1.PodSpec.tolerations']).toBe('atomic');
  });

  test('gives enums to minors whose document had none, from the Go types of that release', () => {
    // k8s.io/api core/v1/types.go: TolerationOperator has Exists and Equal at kubernetes-1.34.0.
    const typeOf = (minor: string, id: string, name: string) => propsOf(typeGraphOf(minor)!, id)?.find((p) => p.name === name)?.type;
    expect(typeOf('1.29', 'core/v1.Toleration', 'operator')).toBe('=Equal,Exists');
    expect(typeOf('1.29', 'core/v1.Container', 'imagePullPolicy')).toBe('=Always,IfNotPresent,Never');
    // ServiceExternalTrafficPolicy and ServiceInternalTrafficPolicy share their values.
    expect(typeOf('1.30', 'core/v1.ServiceSpec', 'externalTrafficPolicy')).toBe('=Cluster,Local');
    expect(typeOf('1.29', 'core/v1.SeccompProfile', 'type')).toBe('=Localhost,RuntimeDefault,Unconfined');
    expect(typeGraphOf('1.29')!.valueSource).toMatch(
      /^kubernetes\/api@kubernetes-1\.29\.0 \([0-9a-f]{40}\) and kubernetes\/apiextensions-apiserver@kubernetes-1\.29\.0 \([0-9a-f]{40}\): \+enum Go types$/,
    );
  });

  test.skipIf(!haveRepos)(
    'matches what scripts/gen-k8s-versions.mjs generates when run with --check',
    () => {
      const run = spawnSync(process.execPath, [join(root, 'scripts', 'gen-k8s-versions.mjs'), '--repos', repos!, '--check'], { cwd: root, encoding: 'utf8', timeout: 300_000 });
      expect(run.stdout + run.stderr).toContain(`Kubernetes ${SCHEMA_VERSIONS.join(', ')} data and the ${SCHEMA_VERSIONS.at(-1)} types (40 modules) are up to date with their sources`);
      expect(run.status).toBe(0);
    },
    300_000,
  );
});
