/**
 * Pins part of the real-world Kustomize corpus (test/fixtures/kustomize-corpus): each tree
 * listed here imports and renders exactly what `kubectl kustomize` printed for it (its committed
 * expected.yaml), object for object, field for field and in document order. The whole corpus
 * takes minutes (scripts/corpus-status.mjs measures it); these trees stand for the features it
 * covers: operator config/default trees, vars, replacements, Components, configurations, several
 * bases with their own transforms, Helm-rendered bases, Secrets in `resources:` without a `type`.
 * Offline: kubectl is not needed.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { diffObjects, formatDiffs } from '../../src/import/compare.ts';
import { loadProject } from '../../src/load/load-project.ts';
import { render } from '../../src/pipeline/render.ts';
import { importCorpusTree } from './harness.ts';

/** Trees that reproduce kubectl today; a tree leaves this list only with a reason in the commit. */
const PINNED = [
  'argo-workflows-quick-start-base',
  'argocd-ha-namespace-install',
  'cluster-api-core',
  'kubebuilder-project-v4',
  'kubeflow-admission-webhook',
  'kubeflow-centraldashboard-oauth2',
  'kustomize-example-multibases',
  'metal3-bmo-basic-auth-tls',
  'microservices-demo-istio',
  'nfd-prune',
  'podinfo-production',
  'security-profiles-operator-webhook',
];

describe('the Kustomize corpus', () => {
  test.each(PINNED)(
    '%s imports and renders what kubectl kustomize printed',
    async (tree) => {
      const { got, env, kubectl, rendered } = await importCorpusTree(tree);
      expect(got.result.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(got.renderFindings).toEqual([]);
      expect(env, 'an environment for the build folder').toBeDefined();
      expect(formatDiffs(env!.name, diffObjects(kubectl, rendered))).toBe('');
      expect(rendered).toStrictEqual(kubectl);
    },
    60_000,
  );

  test('kustomize-example-transformerconfigs-crd imports, and its render refuses the made-up core kind as the API server would', async () => {
    const { got, env, kubectl, rendered } = await importCorpusTree('kustomize-example-transformerconfigs-crd');
    expect(formatDiffs(env!.name, diffObjects(kubectl, rendered))).toBe('');
    const project = await loadProject(got.dir, { cacheDir: path.join(got.dir, '.cache') });
    const errors = render(project, env!.name).findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'schema/unknown-kind',
        env: env!.name,
        object: { apiVersion: 'v1beta1', kind: 'Bee', name: 'test-bee' },
        path: ['kind'],
        source: expect.objectContaining({ file: expect.stringMatching(/components\/kustomize-example-transformerconfigs-crd\.ts$/), line: 9 }),
        message: "unknown kind 'Bee' in v1beta1 for Kubernetes 1.36: the core group has no version v1beta1 (it serves v1)",
        hint: 'if Bee is a custom resource, write its API group in apiVersion (<group>/v1beta1) and add its CustomResourceDefinition; otherwise use a version the core group serves',
      }),
    ]);
  }, 60_000);
});
