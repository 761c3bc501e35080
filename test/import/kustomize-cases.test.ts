/**
 * The Kustomize feature cases (test/conformance/kustomize/) through `kasane import`: each tree
 * is imported, the new project is rendered in process, and the objects must equal what
 * `kubectl kustomize` printed (expected.yaml), object for object and in document order. Where
 * kubectl fails (error.txt) kasane must fail too, with the finding and exit code below; refused
 * cases (remote bases, helmCharts, plugins) must be refused with the message below.
 *
 * The composition cases (compose-*) belong to the composition suite and are not run here.
 * Cases in NOT_YET are features import does not reach yet: the test checks that they still
 * fail, so that a case that starts to pass must leave the list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readCases, type KustomizeCase } from '../../scripts/kustomize-cases.mjs';
import { diffObjects, formatDiffs } from '../../src/import/compare.ts';
import { importAndRender, parseObjects } from './harness.ts';

const COMPOSITION = /^compose-/;
/** Cases import cannot reproduce yet. */
const NOT_YET: ReadonlySet<string> = new Set<string>();
const all = readCases().filter((c) => !COMPOSITION.test(c.name));
const cases = all.filter((c) => !NOT_YET.has(c.name));
const succeeding = cases.filter((c) => c.expected === 'expected.yaml');

/** Where kubectl fails: the finding kasane gives (code and message) and when (import or render). */
const ERRORS: Record<string, { at: 'import' | 'render'; code: string; message: string }> = {
  'error-diamond-same-names': {
    at: 'render',
    code: 'render/duplicate-object',
    message: "Service/app is defined twice when the environment gathers its groups: 'blue' and 'green' both hold it",
  },
  'error-base-cycle': { at: 'import', code: 'import/resource-cycle', message: 'kustomizations include each other: a → b → a' },
  'error-base-listed-twice': { at: 'render', code: 'render/duplicate-object', message: "ConfigMap/settings is defined twice by the components: component 'error-base-listed-twice' builds it twice" },
  'error-custom-kind-named-list': {
    at: 'import',
    code: 'import/invalid-list-item',
    message: 'expected items[0] of DenyList to be a Kubernetes object (apiVersion, kind, metadata.name), found a string',
  },
  'error-patch-ambiguous-target': {
    at: 'render',
    code: 'overlay/patch-target-ambiguous',
    message: 'expected patch target ConfigMap/settings to match one object, found 2: ConfigMap/team-a/settings, ConfigMap/team-b/settings',
  },
  'error-patch-api-version-mismatch': {
    at: 'render',
    code: 'overlay/patch-target-not-found',
    message: 'patch target Deployment/web, group "apps", version v1beta1 matches no object (Deployment/web has that name)',
  },
  'error-patch-namespace-mismatch': {
    at: 'render',
    code: 'overlay/patch-target-not-found',
    message: 'patch target ConfigMap/settings, no namespace matches no object (ConfigMap/tools/settings has that name)',
  },
  'error-patch-named-object-mixed-former-id': {
    at: 'render',
    code: 'overlay/patch-target-not-found',
    message: 'patch target ConfigMap/settings, namespace prod matches no object (ConfigMap/prod/web-settings had that name and that namespace, but not at the same time)',
  },
  'error-json-patch-replace-missing-parent': {
    at: 'render',
    code: 'overlay/json-pointer-not-found',
    message: 'op 0 (add "/spec/strategy/type"): expected "strategy" to exist on the way to the path, found nothing',
  },
  'error-file-outside-kustomization': {
    at: 'import',
    code: 'import/file-outside-kustomization',
    message: "expected '../shared/patch.yaml' in or below the kustomization's folder, as Kustomize loads the files a kustomization names only from there",
  },
  'error-patch-target-missing': { at: 'render', code: 'overlay/patch-target-not-found', message: 'patch target Deployment/worker matches no object' },
  'error-replacement-bracket-key': { at: 'render', code: 'overlay/invalid-field-path', message: "expected '[field=value]' in field path 'metadata.annotations.[upstream]', found '[upstream]'" },
  'error-replacement-source-field-missing': { at: 'render', code: 'overlay/replacement-source-field-missing', message: "expected a value at 'data.missing' of the replacement source, found none" },
  'error-replacement-source-empty-map': {
    at: 'render',
    code: 'overlay/replacement-source-field-missing',
    message: "expected a value at 'data' of the replacement source, found an empty map",
  },
  'error-replacement-source-missing': { at: 'render', code: 'overlay/replacement-source-not-found', message: 'expected one object selected by kind "ConfigMap", name "settings", found none' },
  'error-replacement-target-field-missing': {
    at: 'render',
    code: 'overlay/replacement-target-field-missing',
    message: "expected the field 'spec.template.metadata.annotations.endpoint' in the replacement target, found none",
  },
  'error-resource-listed-twice': {
    at: 'render',
    code: 'render/duplicate-object',
    message: "ConfigMap/settings is defined twice by the components: component 'error-resource-listed-twice' builds it twice",
  },
  'error-resource-self': { at: 'import', code: 'import/resource-cycle', message: 'kustomizations include each other: . → .' },
  'error-var-unresolved': { at: 'render', code: 'overlay/var-unresolved', message: "expected var 'DB_HOST' to read 'metadata.name' of Service/db, found no such object" },
  'error-yaml-boolean-key': { at: 'import', code: 'import/invalid-key', message: 'the key "true" is a bool, and kustomize accepts only string keys: quote it' },
  'error-yaml-infinity': { at: 'import', code: 'import/invalid-value', message: '.inf (Infinity) cannot be written as JSON, which the API server reads' },
  'refused-exec-plugin': {
    at: 'import',
    code: 'import/unsupported-field',
    message: "cannot import 'transformers' entry SetOwner (apiVersion example.com/v1): it is a plugin (an exec plugin or a KRM function), which kasane does not run",
  },
  'refused-helm-charts': { at: 'import', code: 'import/unsupported-field', message: "cannot import 'helmCharts': Helm chart inflation is not supported" },
  'refused-krm-function': {
    at: 'import',
    code: 'import/unsupported-field',
    message: "cannot import 'generators' entry ConfigGenerator (apiVersion example.com/v1): it is a plugin (an exec plugin or a KRM function), which kasane does not run",
  },
  'refused-remote-base': {
    at: 'import',
    code: 'import/unsupported-field',
    message: 'cannot import \'resources[0]\' ("https://github.com/example-org/example-repo//deploy/base?ref=v1.2.3"): remote bases (URLs, git repositories) are not fetched',
  },
  'error-component-as-resource': { at: 'import', code: 'import/component-as-resource', message: "expected a kustomization in resources[1] ('comp'), found a Component" },
  'error-component-wrong-kind': {
    at: 'import',
    code: 'import/not-a-component',
    message: "expected kind Component in 'plain/kustomization.yaml' (components[0] of 'overlay/kustomization.yaml'), found kind Kustomization",
  },
};

function buildPath(kase: KustomizeCase): string {
  return path.relative(kase.dir, kase.buildDir) || '.';
}

describe.concurrent('kasane import of the Kustomize feature cases', () => {
  test.each(succeeding.map((c) => [c.name, c] as const))('%s renders what kubectl kustomize prints', async (_name, kase) => {
    const got = await importAndRender([buildPath(kase)], kase.dir);
    expect(got.result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(got.renderFindings).toEqual([]);
    const [env] = got.result.environments.filter((e) => path.posix.normalize(e.kustomization ?? '') === path.posix.normalize(buildPath(kase)));
    expect(env, 'the build folder is an environment').toBeDefined();
    const expected = parseObjects(readFileSync(path.join(kase.dir, 'expected.yaml'), 'utf8'));
    const rendered = got.rendered.get(env!.name) ?? [];
    expect(formatDiffs(env!.name, diffObjects(expected, rendered))).toBe('');
    expect(rendered).toStrictEqual(expected);
  });

  test.each(all.filter((c) => NOT_YET.has(c.name)).map((c) => [c.name, c] as const))('%s is not reproduced yet (leave NOT_YET when it is)', async (name, kase) => {
    if (kase.expected === 'error.txt') {
      expect(ERRORS[name], 'a case with an expected finding is checked below').toBeUndefined();
      return;
    }
    // A project that does not load (generated code that does not compile) does not reproduce it either.
    const got = await importAndRender([buildPath(kase)], kase.dir).catch(() => undefined);
    if (!got) return;
    if ([...got.result.findings, ...got.renderFindings].some((f) => f.severity === 'error')) return;
    const [env] = got.result.environments.filter((e) => path.posix.normalize(e.kustomization ?? '') === path.posix.normalize(buildPath(kase)));
    const expected = parseObjects(readFileSync(path.join(kase.dir, 'expected.yaml'), 'utf8'));
    expect(env ? got.rendered.get(env.name) : undefined).not.toStrictEqual(expected);
  });

  test.each(cases.filter((c) => c.expected === 'error.txt').map((c) => [c.name, c] as const))('%s fails as kubectl does', async (name, kase) => {
    const want = ERRORS[name];
    expect(want, `an expected finding for ${name}`).toBeDefined();
    const got = await importAndRender([buildPath(kase)], kase.dir);
    const findings = want!.at === 'import' ? got.result.findings : got.renderFindings;
    expect(findings.map((f) => ({ code: f.code, message: f.message }))).toContainEqual({ code: want!.code, message: want!.message });
  });
});
